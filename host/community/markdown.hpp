// Post bodies are written in Markdown (CommonMark) and shown as HTML. The HTML
// is safe to put in a page as it is: raw HTML in the Markdown is dropped, and
// links or images to javascript:, vbscript:, file: and (non-image) data: URLs
// lose their target, so nothing a poster writes can run in a reader's browser.
#pragma once

#include <string>
#include <string_view>

namespace trellis::community {

// `markdown` must be valid UTF-8 (input_rules checks it first).
std::string render_markdown(std::string_view markdown);

}  // namespace trellis::community
