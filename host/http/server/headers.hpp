// HTTP header fields as received or to be sent: ordered, repeatable, looked up
// without regard to case (RFC 9110 5.1).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace trellis::http {

class Headers {
 public:
  using Field = std::pair<std::string, std::string>;

  // The first field's value, or "" when there is none.
  std::string get(std::string_view name) const;
  bool has(std::string_view name) const;
  // Replaces every field of that name by one.
  void set(std::string_view name, std::string_view value);
  // Adds a field (Set-Cookie, Vary may repeat).
  void add(std::string_view name, std::string_view value);
  void remove(std::string_view name);

  const std::vector<Field>& fields() const { return fields_; }
  size_t size() const { return fields_.size(); }

 private:
  std::vector<Field> fields_;
};

bool iequals(std::string_view a, std::string_view b);

}  // namespace trellis::http
