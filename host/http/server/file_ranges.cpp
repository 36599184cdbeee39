#include "http/server/file_ranges.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <ctime>

namespace trellis::http::detail {
namespace {

bool parse_number(std::string_view text, uint64_t& out) {
  if (text.empty()) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

std::string imf_date(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buf;
}

// Whether any entity tag in an If-None-Match list is ours ("*" matches any).
bool etag_listed(std::string_view list, std::string_view etag) {
  size_t i = 0;
  while (i < list.size()) {
    size_t comma = list.find(',', i);
    if (comma == std::string_view::npos) comma = list.size();
    std::string tag = trim(list.substr(i, comma - i));
    if (tag.rfind("W/", 0) == 0) tag.erase(0, 2);  // weak comparison (RFC 9110 13.1.2)
    if (tag == "*" || tag == etag) return true;
    i = comma + 1;
  }
  return false;
}

}  // namespace

FilePlan& FilePlan::operator=(FilePlan&& other) noexcept {
  if (this != &other) {
    close();
    status = other.status;
    headers = std::move(other.headers);
    detail = std::move(other.detail);
    fd = other.fd;
    offset = other.offset;
    length = other.length;
    sent = other.sent;
    other.fd = -1;
  }
  return *this;
}

void FilePlan::close() {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

RangeVerdict parse_range(std::string_view header, uint64_t size, ByteRange& out) {
  std::string value = trim(header);
  if (value.rfind("bytes=", 0) != 0) return RangeVerdict::whole;
  std::string_view spec(value);
  spec.remove_prefix(6);
  if (spec.find(',') != std::string_view::npos) return RangeVerdict::whole;
  auto dash = spec.find('-');
  if (dash == std::string_view::npos) return RangeVerdict::whole;
  std::string first_text = trim(spec.substr(0, dash)), last_text = trim(spec.substr(dash + 1));
  uint64_t first = 0, last = 0;
  if (first_text.empty()) {  // "-N": the last N bytes
    if (!parse_number(last_text, last)) return RangeVerdict::whole;
    if (last == 0 || size == 0) return RangeVerdict::unsatisfiable;
    out.length = last > size ? size : last;
    out.first = size - out.length;
    return RangeVerdict::partial;
  }
  if (!parse_number(first_text, first)) return RangeVerdict::whole;
  if (last_text.empty()) {
    last = size == 0 ? 0 : size - 1;
  } else if (!parse_number(last_text, last) || last < first) {
    return RangeVerdict::whole;
  }
  if (first >= size) return RangeVerdict::unsatisfiable;
  if (last >= size) last = size - 1;
  out.first = first;
  out.length = last - first + 1;
  return RangeVerdict::partial;
}

FilePlan plan_file_response(const std::filesystem::path& path, const Headers& request_headers, bool head_only) {
  FilePlan plan;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  struct stat info {};
  if (fd < 0 || ::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    if (fd >= 0) ::close(fd);
    plan.status = 404;
    plan.detail = "no file at this address";
    return plan;
  }
  plan.fd = fd;
  auto size = static_cast<uint64_t>(info.st_size);
  char etag[64];
  std::snprintf(etag, sizeof etag, "\"%llx-%llx\"", static_cast<unsigned long long>(size),
                static_cast<unsigned long long>(info.st_mtim.tv_sec) * 1000000000ull +
                    static_cast<unsigned long long>(info.st_mtim.tv_nsec));
  plan.headers.set("ETag", etag);
  plan.headers.set("Last-Modified", imf_date(info.st_mtim.tv_sec));
  plan.headers.set("Accept-Ranges", "bytes");

  std::string if_none_match = request_headers.get("If-None-Match");
  bool not_modified = !if_none_match.empty()
                          ? etag_listed(if_none_match, etag)
                          : request_headers.get("If-Modified-Since") == plan.headers.get("Last-Modified");
  if (not_modified) {
    plan.status = 304;
    plan.close();
    return plan;
  }
  plan.status = 200;
  plan.offset = 0;
  plan.length = size;
  std::string range = request_headers.get("Range");
  std::string if_range = request_headers.get("If-Range");
  bool range_applies = !range.empty() && (if_range.empty() || if_range == etag);
  if (range_applies) {
    ByteRange wanted;
    switch (parse_range(range, size, wanted)) {
      case RangeVerdict::whole:
        break;
      case RangeVerdict::partial: {
        plan.status = 206;
        plan.offset = wanted.first;
        plan.length = wanted.length;
        char content_range[96];
        std::snprintf(content_range, sizeof content_range, "bytes %llu-%llu/%llu",
                      static_cast<unsigned long long>(wanted.first),
                      static_cast<unsigned long long>(wanted.first + wanted.length - 1),
                      static_cast<unsigned long long>(size));
        plan.headers.set("Content-Range", content_range);
        break;
      }
      case RangeVerdict::unsatisfiable:
        plan.status = 416;
        plan.detail = "the requested range starts past the end of the file";
        plan.headers.set("Content-Range", "bytes */" + std::to_string(size));
        plan.close();
        return plan;
    }
  }
  if (head_only || plan.length == 0) plan.close();
  return plan;
}

}  // namespace trellis::http::detail
