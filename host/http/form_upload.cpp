#include "http/form_upload.hpp"
#include "core/ascii_case.hpp"

#include <fstream>
#include <functional>

#include "lrs/multipart.hpp"

namespace trellis::http {
namespace {

constexpr size_t kPiece = 64 * 1024;
constexpr size_t kMaxPartHeaderLine = 8 * 1024;
constexpr int kMaxPartHeaderLines = 32;

Error malformed(const std::string& what) {
  return make_error(ErrorKind::usage, "the multipart/form-data body is malformed: " + what);
}

// A file read forward in pieces, with the unread rest of the last piece at hand.
class PieceReader {
 public:
  explicit PieceReader(const std::filesystem::path& file) : in_(file, std::ios::binary) {}
  bool ok() const { return static_cast<bool>(in_) || in_.eof(); }
  std::string_view data() const { return std::string_view(buf_).substr(pos_); }
  void consume(size_t n) { pos_ += n; }
  // Appends the next piece; false at the end of the file.
  bool more() {
    if (!in_) return false;
    buf_.erase(0, pos_);
    pos_ = 0;
    size_t had = buf_.size();
    buf_.resize(had + kPiece);
    in_.read(buf_.data() + had, static_cast<std::streamsize>(kPiece));
    buf_.resize(had + static_cast<size_t>(in_.gcount()));
    return buf_.size() > had;
  }

 private:
  std::ifstream in_;
  std::string buf_;
  size_t pos_ = 0;
};

// Passes everything before `needle` to `sink` and consumes the needle too;
// false when the file ends first.
bool pass_until(PieceReader& r, std::string_view needle, const std::function<void(std::string_view)>& sink) {
  while (true) {
    auto d = r.data();
    auto at = d.find(needle);
    if (at != std::string_view::npos) {
      if (at > 0) sink(d.substr(0, at));
      r.consume(at + needle.size());
      return true;
    }
    // Keep a tail that may be the needle's start.
    if (d.size() >= needle.size()) {
      size_t safe = d.size() - (needle.size() - 1);
      sink(d.substr(0, safe));
      r.consume(safe);
    }
    if (!r.more()) return false;
  }
}

Result<std::string> read_line(PieceReader& r) {
  std::string line;
  bool too_long = false;
  bool found = pass_until(r, "\r\n", [&](std::string_view piece) {
    if (line.size() + piece.size() > kMaxPartHeaderLine) too_long = true;
    else line.append(piece);
  });
  if (too_long) return malformed("a part's header line is too long");
  if (!found) return malformed("it ends inside a part's header");
  return line;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

struct Disposition {
  std::optional<std::string> name;
  std::optional<std::string> filename;
};

// `form-data; name="file"; filename="v2.zip"`: the name and filename parameters.
Disposition parse_disposition(std::string_view value) {
  Disposition out;
  size_t start = value.find(';');
  while (start != std::string_view::npos) {
    size_t end = value.find(';', start + 1);
    auto param = trim(value.substr(start + 1, end == std::string_view::npos ? std::string_view::npos : end - start - 1));
    start = end;
    auto eq = param.find('=');
    if (eq == std::string_view::npos) continue;
    std::string key = ascii_lower(trim(param.substr(0, eq)));
    auto v = trim(param.substr(eq + 1));
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
    if (key == "name") out.name = std::string(v);
    else if (key == "filename") out.filename = std::string(v);
  }
  return out;
}

// Reads a part's header lines up to the empty line.
Result<Disposition> read_part_head(PieceReader& r) {
  Disposition d;
  for (int i = 0; i <= kMaxPartHeaderLines; ++i) {
    auto line = read_line(r);
    if (!line) return line.error();
    if (line->empty()) return d;
    auto colon = line->find(':');
    if (colon != std::string::npos && ascii_lower(trim(std::string_view(*line).substr(0, colon))) == "content-disposition")
      d = parse_disposition(std::string_view(*line).substr(colon + 1));
  }
  return malformed("a part has too many header lines");
}

}  // namespace

Result<std::optional<FormFile>> extract_form_file(const std::filesystem::path& body_file, std::string_view content_type,
                                                  const std::filesystem::path& out, uint64_t max_bytes) {
  auto boundary = lrs::multipart_boundary(content_type);
  if (!boundary) return malformed("its Content-Type has no boundary");
  PieceReader r(body_file);
  if (!r.ok()) return make_error(ErrorKind::environment, "cannot read the stored upload");
  const std::string delimiter = "--" + *boundary;
  const std::string next_part = "\r\n" + delimiter;
  auto ignore = [](std::string_view) {};
  if (!pass_until(r, delimiter, ignore)) return malformed("no boundary line");
  while (true) {
    // After a delimiter: "--" ends the form, else optional padding and CRLF.
    while (r.data().size() < 2 && r.more()) {
    }
    if (r.data().substr(0, 2) == "--") return std::optional<FormFile>();
    auto rest = read_line(r);
    if (!rest) return rest.error();
    if (!trim(*rest).empty()) return malformed("text after a boundary");
    auto head = read_part_head(r);
    if (!head) return head.error();
    bool wanted = (head->filename && !head->filename->empty()) || head->name == "file";
    if (!wanted) {
      if (!pass_until(r, next_part, ignore)) return malformed("it ends inside a part");
      continue;
    }
    std::ofstream file(out, std::ios::binary | std::ios::trunc);
    if (!file) return make_error(ErrorKind::environment, "cannot store the upload");
    FormFile found;
    found.filename = head->filename.value_or("");
    bool closed = pass_until(r, next_part, [&](std::string_view piece) {
      found.size += piece.size();
      if (found.size > max_bytes) found.too_big = true;
      if (!found.too_big) file.write(piece.data(), static_cast<std::streamsize>(piece.size()));
    });
    file.close();
    if (!file) return make_error(ErrorKind::environment, "cannot store the upload");
    if (!closed && !found.too_big) return malformed("it ends inside the file part");
    return std::optional<FormFile>(std::move(found));
  }
}

}  // namespace trellis::http
