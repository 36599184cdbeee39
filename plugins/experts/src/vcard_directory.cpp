#include "vcard_directory.hpp"

#include "trellis/connector_kit/text.hpp"

namespace trellis::experts {
namespace kit = trellis::connector_kit;
namespace {

struct LogicalLine {
  size_t line = 0;
  std::string text;
};

// Undoes folding: a physical line starting with a space or tab continues the
// previous one (that one whitespace character is dropped).
std::vector<LogicalLine> unfold(std::string_view content) {
  std::vector<LogicalLine> out;
  size_t line = 0, at = 0;
  while (at < content.size()) {
    size_t end = content.find('\n', at);
    if (end == std::string_view::npos) end = content.size();
    std::string_view physical = content.substr(at, end - at);
    if (!physical.empty() && physical.back() == '\r') physical.remove_suffix(1);
    ++line;
    at = end + 1;
    if (!physical.empty() && (physical[0] == ' ' || physical[0] == '\t') && !out.empty())
      out.back().text.append(physical.substr(1));
    else if (!kit::trim(physical).empty())
      out.push_back({line, std::string(physical)});
  }
  return out;
}

// Splits on `sep` not preceded by a backslash, then undoes the escapes.
std::vector<std::string> split_unescaped(std::string_view value, char sep) {
  std::vector<std::string> parts(1);
  for (size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    if (c == '\\' && i + 1 < value.size()) {
      char n = value[++i];
      parts.back() += (n == 'n' || n == 'N') ? '\n' : n;
    } else if (c == sep) {
      parts.emplace_back();
    } else {
      parts.back() += c;
    }
  }
  return parts;
}

std::string unescape(std::string_view value) {
  std::string out;
  for (auto& part : split_unescaped(value, '\0')) out += part;
  return out;
}

struct Property {
  std::string name, params, value;
};

// "group.NAME;PARAM=x:value", the colon found outside quoted parameter values.
bool parse_property(std::string_view text, Property& p) {
  bool quoted = false;
  size_t colon = std::string_view::npos;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') quoted = !quoted;
    else if (text[i] == ':' && !quoted) {
      colon = i;
      break;
    }
  }
  if (colon == std::string_view::npos) return false;
  std::string_view head = text.substr(0, colon);
  size_t semicolon = head.find(';');
  std::string_view name = head.substr(0, semicolon);
  if (size_t dot = name.rfind('.'); dot != std::string_view::npos) name = name.substr(dot + 1);
  p.name = kit::ascii_lower(kit::trim(name));
  p.params = semicolon == std::string_view::npos ? "" : kit::ascii_lower(head.substr(semicolon + 1));
  p.value = std::string(text.substr(colon + 1));
  return true;
}

bool preferred(const Property& p) {
  return p.params.find("pref") != std::string::npos;
}

void apply(const Property& p, Person& person, bool& email_preferred, bool& phone_preferred) {
  if (p.name == "fn") {
    person.name = kit::collapse_spaces(unescape(p.value));
  } else if (p.name == "n" && person.name.empty()) {
    auto parts = split_unescaped(p.value, ';');  // family;given;additional;prefix;suffix
    std::string given = parts.size() > 1 ? parts[1] : "";
    person.name = kit::collapse_spaces(given + " " + parts[0]);
  } else if (p.name == "email" && (person.email.empty() || (preferred(p) && !email_preferred))) {
    person.email = kit::collapse_spaces(unescape(p.value));
    email_preferred = preferred(p);
  } else if (p.name == "tel" && (person.phone.empty() || (preferred(p) && !phone_preferred))) {
    std::string tel = kit::collapse_spaces(unescape(p.value));
    if (kit::ascii_lower(tel.substr(0, 4)) == "tel:") tel = tel.substr(4);
    person.phone = tel;
    phone_preferred = preferred(p);
  } else if (p.name == "categories") {
    for (auto& tag : split_unescaped(p.value, ',')) {
      std::string t = kit::collapse_spaces(tag);
      if (!t.empty()) person.expertise.push_back(std::move(t));
    }
  } else if (p.name == "org") {
    std::string org;
    for (auto& part : split_unescaped(p.value, ';')) {
      std::string t = kit::collapse_spaces(part);
      if (!t.empty()) org += (org.empty() ? "" : ", ") + t;
    }
    person.department = org;
  } else if (p.name == "title") {
    person.title = kit::collapse_spaces(unescape(p.value));
  } else if (p.name == "note") {
    person.note = kit::trim(unescape(p.value));
  } else if (p.name == "uid") {
    person.uid = kit::collapse_spaces(unescape(p.value));
  } else if (p.name == "adr" && person.location.empty()) {
    auto parts = split_unescaped(p.value, ';');  // pobox;ext;street;locality;region;code;country
    if (parts.size() > 3) person.location = kit::collapse_spaces(parts[3]);
  }
}

}  // namespace

std::vector<Person> read_vcard_directory(std::string_view content, const WarnFn& warn) {
  std::vector<Person> people;
  Person card;
  bool in_card = false, bad = false, email_pref = false, phone_pref = false;
  std::string bad_reason;
  for (const LogicalLine& l : unfold(kit::without_bom(content))) {
    std::string upper_free = kit::ascii_lower(kit::trim(l.text));
    if (upper_free == "begin:vcard") {
      if (in_card) warn(card.line, "a card without END:VCARD");
      card = Person{};
      card.line = l.line;
      in_card = true;
      bad = email_pref = phone_pref = false;
      continue;
    }
    if (!in_card) continue;  // text between cards
    if (upper_free == "end:vcard") {
      in_card = false;
      if (bad) warn(card.line, bad_reason);
      else people.push_back(std::move(card));
      continue;
    }
    if (bad) continue;
    if (!kit::valid_utf8(l.text)) {
      bad = true;
      bad_reason = "the card is not valid UTF-8 (line " + std::to_string(l.line) + ")";
      continue;
    }
    Property p;
    if (parse_property(l.text, p)) apply(p, card, email_pref, phone_pref);
  }
  if (in_card) warn(card.line, "a card without END:VCARD at the end of the file");
  return people;
}

}  // namespace trellis::experts
