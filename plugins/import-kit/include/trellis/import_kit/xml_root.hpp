// The root element of an XML file, told from its first bytes. A detect uses it to
// recognise its format's manifest under another file name (a near miss, see
// trellis_package.near_miss) without reading or parsing the file whole.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "trellis/cpp/importer.hpp"
#include "trellis/import_kit/text.hpp"

namespace trellis::kit {

struct XmlRoot {
  std::string local_name;
  std::string namespace_uri;  // "" when the root's prefix is bound to nothing
};

// nullopt when `head` is not the start of an XML document or ends before the
// root's start tag does. Skips a byte order mark, the XML declaration,
// processing instructions, comments and a DOCTYPE.
std::optional<XmlRoot> xml_root_of(std::string_view head);

// The root of `path` in `package`, reading at most `max_bytes` of its start.
// nullopt for a file that is absent, larger than `max_file_bytes` (left unread,
// so a near-miss check never meets the host's read limit) or not XML.
std::optional<XmlRoot> sniff_xml_root(const trellis::Package& package, const trellis::PackageEntry& entry,
                                      size_t max_bytes = 16 * 1024, uint64_t max_file_bytes = 4u << 20);

// Every top-level *.xml file of the package but `except` whose root `matches`
// (at most `max_files` files looked at), each told to the host as a near miss
// with `hint(path)`. For detects that found nothing of their own.
template <typename Matches, typename Hint>
void report_near_misses(const trellis::Package& package, std::string_view except, Matches matches, Hint hint,
                        size_t max_files = 8);

template <typename Matches, typename Hint>
void report_near_misses(const trellis::Package& package, std::string_view except, Matches matches, Hint hint,
                        size_t max_files) {
  size_t looked = 0;
  for (const trellis::PackageEntry& e : package.entries()) {
    if (e.path == except || !is_top_level_xml_file(e.path)) continue;
    if (looked++ == max_files) return;
    std::optional<XmlRoot> root = sniff_xml_root(package, e);
    if (root && matches(*root)) package.near_miss(hint(e.path));
  }
}

}  // namespace trellis::kit
