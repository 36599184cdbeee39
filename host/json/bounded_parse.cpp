#include "json/bounded_parse.hpp"

#include <string>
#include <vector>

namespace trellis {
namespace {

using json = nlohmann::json;

// Builds the value from nlohmann's SAX events with an explicit stack of open
// containers (no recursion), refusing the container that would pass the limit.
// Only the innermost open container is ever appended to, so the pointers on the
// stack stay valid: an array's storage moves only when it grows, and it grows
// only while it is the top of the stack.
class BoundedBuilder {
 public:
  explicit BoundedBuilder(size_t max_depth) : max_depth_(max_depth) {}

  bool null() { return put(json(nullptr)); }
  bool boolean(bool v) { return put(json(v)); }
  bool number_integer(json::number_integer_t v) { return put(json(v)); }
  bool number_unsigned(json::number_unsigned_t v) { return put(json(v)); }
  bool number_float(json::number_float_t v, const json::string_t&) { return put(json(v)); }
  bool string(json::string_t& v) { return put(json(std::move(v))); }
  bool binary(json::binary_t& v) { return put(json::binary(std::move(v))); }
  bool start_object(size_t) { return open(json::object()); }
  bool start_array(size_t) { return open(json::array()); }
  bool key(json::string_t& k) {
    key_ = std::move(k);
    return true;
  }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool parse_error(size_t, const std::string&, const nlohmann::detail::exception& e) {
    syntax_error_ = e.what();
    return false;
  }

  bool too_deep() const { return too_deep_; }
  const std::string& syntax_error() const { return syntax_error_; }
  json take() { return std::move(root_); }

 private:
  json* place(json&& v) {
    if (open_.empty()) {
      root_ = std::move(v);
      return &root_;
    }
    json& parent = *open_.back();
    if (parent.is_array()) {
      parent.push_back(std::move(v));
      return &parent.back();
    }
    json& slot = parent[key_];  // a repeated key keeps its last value, as nlohmann's own parser does
    slot = std::move(v);
    return &slot;
  }
  bool put(json&& v) {
    place(std::move(v));
    return true;
  }
  bool open(json&& container) {
    if (open_.size() >= max_depth_) {
      too_deep_ = true;
      return false;
    }
    open_.push_back(place(std::move(container)));
    return true;
  }
  bool close() {
    open_.pop_back();
    return true;
  }

  size_t max_depth_;
  json root_;
  std::vector<json*> open_;
  std::string key_;
  bool too_deep_ = false;
  std::string syntax_error_;
};

// Where the first bracket past `max_depth` stands. Called only after the
// parser stopped there, so the text before it is valid JSON and brackets count
// exactly when they stand outside strings.
size_t offset_past_depth(std::string_view text, size_t max_depth) {
  size_t depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;  // the escaped character cannot end the string
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > max_depth) return i;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return text.size();
}

// nlohmann's messages start with "[json.exception.parse_error.101] ", which
// says nothing to whoever sent the text.
std::string without_exception_id(const std::string& what) {
  auto end = what.find("] ");
  return what.rfind("[json.exception.", 0) == 0 && end != std::string::npos ? what.substr(end + 2) : what;
}

}  // namespace

Result<nlohmann::json> parse_json(std::string_view text, JsonLimits limits) {
  try {
    BoundedBuilder builder(limits.max_depth);
    if (json::sax_parse(text, &builder)) return builder.take();
    if (builder.too_deep())
      return make_error(ErrorKind::usage, "JSON nested deeper than " + std::to_string(limits.max_depth) +
                                              " levels at byte " +
                                              std::to_string(offset_past_depth(text, limits.max_depth)));
    return make_error(ErrorKind::usage, "not valid JSON: " + without_exception_id(builder.syntax_error()));
  } catch (const std::exception& e) {
    // Only allocation can throw here; the caller gets a value, not an exception.
    return make_error(ErrorKind::environment, std::string("cannot parse JSON: ") + e.what());
  }
}

nlohmann::json parse_json_or_discarded(std::string_view text, JsonLimits limits) {
  auto parsed = parse_json(text, limits);
  return parsed ? std::move(parsed).value() : json(json::value_t::discarded);
}

}  // namespace trellis
