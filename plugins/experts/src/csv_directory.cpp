#include "csv_directory.hpp"

#include <map>

#include "trellis/connector_kit/text.hpp"
#include "trellis/cpp/core.hpp"

namespace trellis::experts {
namespace kit = trellis::connector_kit;
namespace {

struct Row {
  size_t line = 0;
  std::vector<std::string> fields;
};

// RFC 4180 records: quoted fields may hold commas, doubled quotes and line
// breaks; CRLF and LF both end a record. An unterminated quote is reported and
// ends the file.
std::vector<Row> records_of(std::string_view text, const WarnFn& warn) {
  std::vector<Row> rows;
  size_t line = 1, at = 0;
  while (at < text.size()) {
    Row row;
    row.line = line;
    std::string field;
    bool in_quotes = false, quoted = false, done = false;
    while (!done) {
      if (at >= text.size()) {
        if (in_quotes) {
          warn(row.line, "a quoted field is never closed; the rest of the file is ignored");
          return rows;
        }
        done = true;
        break;
      }
      char c = text[at++];
      if (in_quotes) {
        if (c == '"' && at < text.size() && text[at] == '"') {
          field += '"';
          ++at;
        } else if (c == '"') {
          in_quotes = false;
        } else {
          if (c == '\n') ++line;
          field += c;
        }
      } else if (c == '"' && field.empty() && !quoted) {
        in_quotes = quoted = true;
      } else if (c == ',') {
        row.fields.push_back(std::move(field));
        field.clear();
        quoted = false;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && at < text.size() && text[at] == '\n') ++at;
        ++line;
        done = true;
      } else {
        field += c;
      }
    }
    row.fields.push_back(std::move(field));
    bool blank = row.fields.size() == 1 && kit::trim(row.fields[0]).empty();
    if (!blank) rows.push_back(std::move(row));
  }
  return rows;
}

std::string column_key(std::string_view header) {
  std::string key;
  for (char c : kit::ascii_lower(kit::trim(header)))
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) key += c;
  return key;
}

// Which field of Person a header names; empty when none.
std::string field_for(const std::string& key) {
  static const std::map<std::string, std::string> kAliases = {
      {"name", "name"},           {"fullname", "name"},         {"fn", "name"},
      {"displayname", "name"},    {"email", "email"},           {"mail", "email"},
      {"emailaddress", "email"},  {"phone", "phone"},           {"telephone", "phone"},
      {"tel", "phone"},           {"mobile", "phone"},          {"expertise", "expertise"},
      {"tags", "expertise"},      {"skills", "expertise"},      {"topics", "expertise"},
      {"title", "title"},         {"jobtitle", "title"},        {"role", "title"},
      {"department", "department"}, {"dept", "department"},     {"team", "department"},
      {"location", "location"},   {"office", "location"},       {"site", "location"},
      {"uid", "uid"},             {"id", "uid"},                {"notes", "note"},
      {"note", "note"}};
  auto it = kAliases.find(key);
  return it == kAliases.end() ? std::string() : it->second;
}

}  // namespace

std::vector<Person> read_csv_directory(std::string_view content, const WarnFn& warn) {
  std::vector<Row> rows = records_of(kit::without_bom(content), warn);
  if (rows.empty()) return {};
  std::vector<std::string> fields;
  bool has_name = false;
  for (const auto& header : rows[0].fields) {
    fields.push_back(field_for(column_key(header)));
    has_name = has_name || fields.back() == "name";
  }
  if (!has_name)
    throw InvalidInput("1: the header row names no 'name' column (columns: name, email, phone, expertise, "
                       "title, department, location)");
  std::vector<Person> people;
  for (size_t r = 1; r < rows.size(); ++r) {
    const Row& row = rows[r];
    bool utf8 = true;
    for (const auto& f : row.fields) utf8 = utf8 && kit::valid_utf8(f);
    if (!utf8) {
      warn(row.line, "the row is not valid UTF-8");
      continue;
    }
    Person p;
    p.line = row.line;
    for (size_t i = 0; i < row.fields.size() && i < fields.size(); ++i) {
      std::string value = kit::collapse_spaces(row.fields[i]);
      const std::string& field = fields[i];
      if (field == "name") p.name = value;
      else if (field == "email") p.email = value;
      else if (field == "phone") p.phone = value;
      else if (field == "title") p.title = value;
      else if (field == "department") p.department = value;
      else if (field == "location") p.location = value;
      else if (field == "uid") p.uid = value;
      else if (field == "note") p.note = value;
      else if (field == "expertise")
        for (auto& tag : split_expertise(value)) p.expertise.push_back(std::move(tag));
    }
    people.push_back(std::move(p));
  }
  return people;
}

std::vector<std::string> split_expertise(std::string_view text) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at <= text.size()) {
    size_t end = text.find_first_of(";,|", at);
    if (end == std::string_view::npos) end = text.size();
    std::string tag = kit::collapse_spaces(text.substr(at, end - at));
    if (!tag.empty()) out.push_back(std::move(tag));
    at = end + 1;
  }
  return out;
}

}  // namespace trellis::experts
