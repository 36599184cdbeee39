#include "document_reader.hpp"

#include <vector>

#include "trellis/connector_kit/text.hpp"

namespace trellis::folder_kb {
namespace kit = trellis::connector_kit;
namespace {

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && kit::ascii_lower(text.substr(text.size() - suffix.size())) == suffix;
}

std::string title_from_file_name(std::string_view file_name) {
  std::string_view stem = file_name.substr(0, file_name.rfind('.'));
  std::string title(stem.empty() ? file_name : stem);
  for (char& c : title)
    if (c == '-' || c == '_') c = ' ';
  return kit::collapse_spaces(title);
}

std::string unquote(std::string_view value) {
  value = kit::trim(value);
  if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front())
    value = value.substr(1, value.size() - 2);
  return std::string(value);
}

// "[a, b]", "a, b" or "a" to "a,b".
std::string tag_list(std::string_view value) {
  value = kit::trim(value);
  if (value.size() >= 2 && value.front() == '[' && value.back() == ']') value = value.substr(1, value.size() - 2);
  std::string out;
  size_t at = 0;
  while (at <= value.size()) {
    size_t comma = value.find(',', at);
    if (comma == std::string_view::npos) comma = value.size();
    std::string tag = unquote(value.substr(at, comma - at));
    if (!tag.empty()) out += (out.empty() ? "" : ",") + tag;
    at = comma + 1;
  }
  return out;
}

struct Lines {
  std::string_view text;
  size_t at = 0;
  bool next(std::string_view& line) {
    if (at >= text.size()) return false;
    size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    line = text.substr(at, end - at);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    at = end + 1;
    return true;
  }
};

// YAML-style front matter between "---" lines: the scalar keys documents use
// (title, author, tags/keywords as a flow list, a comma list or "- item" lines).
// Returns the rest of the document.
std::string_view front_matter(std::string_view text, Document& out) {
  Document doc;  // kept only when the block is closed
  Lines lines{text};
  std::string_view line;
  if (!lines.next(line) || line != "---") return text;
  std::string list_key;
  while (lines.next(line)) {
    if (line == "---" || line == "...") {
      out = std::move(doc);
      return text.substr(std::min(lines.at, text.size()));
    }
    std::string_view trimmed = kit::trim(line);
    if (trimmed.substr(0, 2) == "- " && !list_key.empty()) {
      std::string tag = unquote(trimmed.substr(2));
      if (!tag.empty()) doc.tags += (doc.tags.empty() ? "" : ",") + tag;
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || line.front() == ' ') continue;
    std::string key = kit::ascii_lower(kit::trim(line.substr(0, colon)));
    std::string_view value = kit::trim(line.substr(colon + 1));
    list_key.clear();
    if (key == "title") doc.title = unquote(value);
    else if (key == "author") doc.author = unquote(value);
    else if (key == "tags" || key == "keywords" || key == "categories") {
      if (value.empty()) list_key = key;
      else doc.tags += (doc.tags.empty() ? "" : ",") + tag_list(value);
    }
  }
  return text;  // never closed: not front matter after all
}

// The first ATX heading ("# Title") or setext heading ("Title\n====="), outside code fences.
std::string first_markdown_heading(std::string_view text) {
  Lines lines{text};
  std::string_view line, previous;
  bool fenced = false;
  while (lines.next(line)) {
    std::string_view trimmed = kit::trim(line);
    if (trimmed.substr(0, 3) == "```" || trimmed.substr(0, 3) == "~~~") fenced = !fenced;
    if (fenced) {
      previous = {};
      continue;
    }
    if (!trimmed.empty() && trimmed.front() == '#') {
      size_t level = trimmed.find_first_not_of('#');
      if (level != std::string_view::npos && level <= 6 && trimmed[level] == ' ') {
        std::string_view heading = kit::trim(trimmed.substr(level));
        while (!heading.empty() && heading.back() == '#') heading.remove_suffix(1);
        return kit::html_to_text(kit::trim(heading));
      }
    }
    if (!trimmed.empty() && trimmed.find_first_not_of('=') == std::string_view::npos && !kit::trim(previous).empty())
      return kit::html_to_text(kit::trim(previous));
    previous = line;
  }
  return {};
}

// The inner text of the first <name>...</name>, as text.
std::string element_text(std::string_view html, std::string_view name) {
  std::string lower = kit::ascii_lower(html.substr(0, std::min<size_t>(html.size(), 1 << 20)));
  std::string open = "<" + std::string(name);
  size_t at = lower.find(open);
  while (at != std::string::npos && at + open.size() < lower.size() && lower[at + open.size()] != '>' &&
         lower[at + open.size()] != ' ')
    at = lower.find(open, at + 1);
  if (at == std::string::npos) return {};
  size_t start = lower.find('>', at);
  size_t end = lower.find("</" + std::string(name), start);
  if (start == std::string::npos || end == std::string::npos) return {};
  return kit::collapse_spaces(kit::html_to_text(html.substr(start + 1, end - start - 1)));
}

// content="..." of <meta name="NAME" ...>.
std::string meta_content(std::string_view html, std::string_view name) {
  std::string lower = kit::ascii_lower(html.substr(0, std::min<size_t>(html.size(), 1 << 16)));
  for (size_t at = lower.find("<meta"); at != std::string::npos; at = lower.find("<meta", at + 5)) {
    size_t end = lower.find('>', at);
    if (end == std::string::npos) break;
    std::string_view tag(lower.data() + at, end - at);
    if (tag.find("name=\"" + std::string(name) + "\"") == std::string_view::npos &&
        tag.find("name='" + std::string(name) + "'") == std::string_view::npos)
      continue;
    size_t content = tag.find("content=");
    if (content == std::string_view::npos || content + 9 > tag.size()) continue;
    char quote = tag[content + 8];
    size_t value_at = at + content + 9, value_end = lower.find(quote, value_at);
    if (value_end == std::string::npos || value_end > end) continue;
    return kit::decode_entities(html.substr(value_at, value_end - value_at));
  }
  return {};
}

}  // namespace

bool document_type_of(std::string_view file_name, DocumentType& type) {
  if (ends_with(file_name, ".md") || ends_with(file_name, ".markdown")) type = DocumentType::markdown;
  else if (ends_with(file_name, ".html") || ends_with(file_name, ".htm")) type = DocumentType::html;
  else if (ends_with(file_name, ".txt")) type = DocumentType::text;
  else return false;
  return true;
}

Document read_document(std::string_view content, DocumentType type, std::string_view file_name) {
  Document doc;
  content = kit::without_bom(content);
  switch (type) {
    case DocumentType::markdown: {
      std::string_view rest = front_matter(content, doc);
      if (doc.title.empty()) doc.title = first_markdown_heading(rest);
      doc.body = kit::html_to_text(rest);  // inline HTML out, Markdown kept
      break;
    }
    case DocumentType::html:
      doc.title = element_text(content, "title");
      if (doc.title.empty()) doc.title = element_text(content, "h1");
      doc.tags = tag_list(meta_content(content, "keywords"));
      doc.author = meta_content(content, "author");
      doc.body = kit::html_to_text(content);
      break;
    case DocumentType::text:
      doc.body = kit::repair_utf8(content);
      break;
  }
  doc.title = kit::repair_utf8(kit::collapse_spaces(doc.title));
  if (doc.title.empty()) doc.title = title_from_file_name(file_name);
  doc.tags = kit::repair_utf8(doc.tags);
  doc.author = kit::repair_utf8(kit::collapse_spaces(doc.author));
  return doc;
}

}  // namespace trellis::folder_kb
