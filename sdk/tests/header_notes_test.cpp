// The C headers are the spec a plugin author reads, so their notes are held to
// the one form abi.h defines: every function pointer ends its comment with a
// thread tag from the vocabulary, and every pointer it takes is given an
// ownership note. A header edit that drops one fails here, not in review.
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

const char* const kHeaders[] = {"abi.h", "plugin.h", "host.h", "importer.h", "connector.h", "exporter.h"};
const std::set<std::string> kThreadTerms = {"loader", "any", "serial", "caller"};
const char* const kOwnership[] = {"borrowed for the call", "owned by host", "owned by plugin"};

std::vector<std::string> read_lines(const std::string& name) {
  std::ifstream in(std::string(TRELLIS_SOURCE_DIR) + "/sdk/include/trellis/" + name);
  REQUIRE(in.good());
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

bool has_ownership(const std::string& text) {
  for (const char* phrase : kOwnership)
    if (text.find(phrase) != std::string::npos) return true;
  return false;
}

std::string trim(const std::string& s) {
  size_t a = s.find_first_not_of(" \t");
  size_t b = s.find_last_not_of(" \t");
  return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
}

// One function-pointer declaration with the comment that documents it: the
// comment right above it, or above the run of declarations it belongs to
// (kv_get, kv_put and kv_delete share one).
struct FunctionPointer {
  std::string header, name, params, comment;
};

std::vector<FunctionPointer> function_pointers(const std::string& header) {
  std::vector<FunctionPointer> out;
  auto lines = read_lines(header);
  std::string comment, pending, declaration;
  bool in_comment = false;
  static const std::regex fn(R"(\(\s*\*\s*(\w+)\s*\)\s*\(([^)]*)\))");
  for (const auto& raw : lines) {
    std::string line = trim(raw);
    if (in_comment || line.rfind("/*", 0) == 0) {
      if (!in_comment) pending.clear();
      pending += line + "\n";
      in_comment = line.find("*/") == std::string::npos;
      if (!in_comment) comment = pending;
      continue;
    }
    if (line.empty() || line[0] == '#') {
      comment.clear();
      continue;
    }
    declaration += line + " ";
    if (line.find(';') == std::string::npos && line.find('{') == std::string::npos) continue;
    std::smatch m;
    if (std::regex_search(declaration, m, fn))
      out.push_back({header, m[1].str(), m[2].str(), comment + declaration.substr(m.position(0))});
    else
      comment.clear();  // a field's comment is not the next function's
    declaration.clear();
  }
  return out;
}

}  // namespace

TEST_CASE("every function pointer in the C headers ends its comment with one thread tag", "[sdk][notes]") {
  static const std::regex tag(R"(\[thread: ([a-z]+)\])");
  size_t seen = 0;
  for (const char* header : kHeaders) {
    for (const auto& f : function_pointers(header)) {
      ++seen;
      INFO(f.header << ": " << f.name << "\n" << f.comment);
      auto begin = std::sregex_iterator(f.comment.begin(), f.comment.end(), tag);
      std::vector<std::smatch> tags(begin, std::sregex_iterator());
      REQUIRE(tags.size() == 1);
      CHECK(kThreadTerms.count(tags[0][1].str()) == 1);
      // The tag closes the comment; serial names its scope right after it.
      std::string after = f.comment.substr(tags[0].position(0) + tags[0].length(0));
      after = after.substr(0, after.find("*/"));
      if (tags[0][1] == "serial")
        CHECK(trim(after).rfind("per ", 0) == 0);
      else
        CHECK(trim(after).empty());
    }
  }
  CHECK(seen >= 30);  // the parser still finds the tables
}

TEST_CASE("every pointer a function pointer takes has an ownership note", "[sdk][notes]") {
  static const std::regex param(R"(^\s*(?:const\s+)?(\w+)\s*(\*{0,2})\s*(\w+)\s*$)");
  for (const char* header : kHeaders) {
    for (const auto& f : function_pointers(header)) {
      std::stringstream params(f.params);
      for (std::string p; std::getline(params, p, ',');) {
        std::smatch m;
        if (!std::regex_match(p, m, param)) continue;  // "void"
        std::string type = m[1], stars = m[2], name = m[3];
        if (type == "void" && stars == "*") continue;  // ctx, plugin_state, session: opaque handles
        if (stars.empty() && type != "trellis_str") continue;
        INFO(f.header << ": " << f.name << "(" << name << ")\n" << f.comment);
        // The note sits on the comment line naming the parameter.
        bool noted = false;
        std::stringstream comment(f.comment);
        const std::regex word("\\b" + name + "\\b");
        for (std::string line; std::getline(comment, line);)
          noted = noted || (std::regex_search(line, word) && has_ownership(line));
        CHECK(noted);
      }
    }
  }
}

TEST_CASE("the C headers use no thread wording outside the vocabulary", "[sdk][notes]") {
  static const std::regex stray(R"(Any thread|Threading:|calling thread only|\[thread: (?!loader\]|any\]|serial\]|caller\]))");
  for (const char* header : kHeaders) {
    int number = 0;
    for (const auto& line : read_lines(header)) {
      ++number;
      INFO(header << ":" << number << ": " << line);
      CHECK_FALSE(std::regex_search(line, stray));
    }
  }
}
