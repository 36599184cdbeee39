#include "community/markdown.hpp"

#include <cmark.h>

#include <cstdlib>
#include <memory>

namespace trellis::community {

std::string render_markdown(std::string_view markdown) {
  // CMARK_OPT_DEFAULT is cmark's safe mode (0.29+): never add CMARK_OPT_UNSAFE here.
  // VALIDATE_UTF8 is a second guard: anything malformed becomes U+FFFD.
  std::unique_ptr<char, decltype(&std::free)> html(
      cmark_markdown_to_html(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8),
      &std::free);
  return html ? std::string(html.get()) : std::string();
}

}  // namespace trellis::community
