// What a document in the folder says about itself: title, tags, author and the
// text to index, read from Markdown (with optional front matter), HTML or plain text.
#pragma once

#include <string>
#include <string_view>

namespace trellis::folder_kb {

struct Document {
  std::string title, tags, author, body;  // tags comma-separated; body plain text or Markdown
};

enum class DocumentType { markdown, html, text };

// The type by extension (.md, .markdown, .html, .htm, .txt, any case); false for others.
bool document_type_of(std::string_view file_name, DocumentType& type);
// `content` must be valid UTF-8. `file_name` gives the title when the document has none.
Document read_document(std::string_view content, DocumentType type, std::string_view file_name);

}  // namespace trellis::folder_kb
