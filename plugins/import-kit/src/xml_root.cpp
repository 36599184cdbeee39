#include "trellis/import_kit/xml_root.hpp"

#include "trellis/import_kit/text.hpp"

namespace trellis::kit {
namespace {

bool is_markup_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// A cursor over the head of the document; every step fails at its end.
class Scan {
 public:
  explicit Scan(std::string_view text) : s_(text) {}
  bool done() const { return i_ >= s_.size(); }
  char peek() const { return s_[i_]; }
  bool starts(std::string_view prefix) const { return s_.substr(i_, prefix.size()) == prefix; }
  void skip_space() {
    while (!done() && is_markup_space(peek())) ++i_;
  }
  // Moves past the next `end`; false when the head ends first.
  bool skip_past(std::string_view end) {
    size_t at = s_.find(end, i_);
    if (at == std::string_view::npos) return false;
    i_ = at + end.size();
    return true;
  }
  // A DOCTYPE, with an internal subset in brackets when it has one.
  bool skip_doctype() {
    size_t close = s_.find('>', i_), open = s_.find('[', i_);
    if (open != std::string_view::npos && open < close) {
      i_ = open;
      if (!skip_past("]")) return false;
    }
    return skip_past(">");
  }
  std::string_view name() {
    size_t from = i_;
    while (!done() && !is_markup_space(peek()) && peek() != '/' && peek() != '>' && peek() != '=') ++i_;
    return s_.substr(from, i_ - from);
  }
  std::optional<std::string_view> quoted() {
    if (done() || (peek() != '"' && peek() != '\'')) return std::nullopt;
    char quote = s_[i_++];
    size_t end = s_.find(quote, i_);
    if (end == std::string_view::npos) return std::nullopt;
    std::string_view value = s_.substr(i_, end - i_);
    i_ = end + 1;
    return value;
  }
  void advance() { ++i_; }

 private:
  std::string_view s_;
  size_t i_ = 0;
};

}  // namespace

std::optional<XmlRoot> xml_root_of(std::string_view head) {
  Scan scan(without_bom(head));
  for (;;) {  // the prolog: whatever may stand before the root
    scan.skip_space();
    if (scan.done() || scan.peek() != '<') return std::nullopt;
    bool skipped = true;
    if (scan.starts("<?")) skipped = scan.skip_past("?>");
    else if (scan.starts("<!--")) skipped = scan.skip_past("-->");
    else if (scan.starts("<!")) skipped = scan.skip_doctype();
    else break;
    if (!skipped) return std::nullopt;
  }
  scan.advance();
  std::string_view qualified = scan.name();
  if (qualified.empty()) return std::nullopt;
  size_t colon = qualified.find(':');
  std::string_view prefix = colon == std::string_view::npos ? std::string_view() : qualified.substr(0, colon);
  std::string wanted = prefix.empty() ? "xmlns" : "xmlns:" + std::string(prefix);
  XmlRoot root{std::string(colon == std::string_view::npos ? qualified : qualified.substr(colon + 1)), {}};
  for (;;) {
    scan.skip_space();
    if (scan.done()) return std::nullopt;
    if (scan.peek() == '>' || scan.peek() == '/') return root;
    std::string_view attribute = scan.name();
    scan.skip_space();
    if (attribute.empty() || scan.done() || scan.peek() != '=') return std::nullopt;
    scan.advance();
    scan.skip_space();
    std::optional<std::string_view> value = scan.quoted();
    if (!value) return std::nullopt;
    if (attribute == wanted) root.namespace_uri = std::string(*value);
  }
}

std::optional<XmlRoot> sniff_xml_root(const trellis::Package& package, const trellis::PackageEntry& entry,
                                      size_t max_bytes, uint64_t max_file_bytes) {
  if (entry.size > max_file_bytes) return std::nullopt;
  // The SDK stops a read only through an exception: a private one ends it once
  // the head is in.
  struct Enough {};
  std::string head;
  try {
    package.read_in_pieces(entry.path, [&](std::string_view piece) {
      head.append(piece.substr(0, max_bytes - head.size()));
      if (head.size() >= max_bytes) throw Enough{};
    });
  } catch (const Enough&) {
  } catch (const trellis::Error&) {
    return std::nullopt;
  }
  return xml_root_of(head);
}

}  // namespace trellis::kit
