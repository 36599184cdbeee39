#include "statements.hpp"

#include <cstdint>
#include <cstdio>

#include "scorm_time.hpp"

namespace trellis::scorm::rt {

namespace {

using nlohmann::json;

// An IRI path segment: unreserved characters kept, everything else
// percent-encoded, so an interaction id with spaces still makes an IRI.
std::string encode_segment(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

uint64_t fnv1a(std::string_view s, uint64_t h) {
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;
  return h;
}

// Statement ids derived from what the statement is about, so the host
// replaying a commit (same request, same answer) sends the same ids and the
// LRS keeps one copy. Version nibble 8: RFC 9562's custom UUIDs.
std::string statement_id(std::string_view seed) {
  uint64_t a = fnv1a(seed, 0xcbf29ce484222325ULL), b = fnv1a(seed, 0x84222325cbf29ce4ULL ^ a);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08x-%04x-8%03x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                static_cast<unsigned>((a >> 16) & 0xffff), static_cast<unsigned>(a & 0xfff),
                static_cast<unsigned>(0x8000 | ((b >> 48) & 0x3fff)),
                static_cast<unsigned long long>(b & 0xffffffffffffULL));
  return buf;
}

json verb(const std::string& word) {
  return {{"id", "http://adlnet.gov/expapi/verbs/" + word}, {"display", {{"en-US", word}}}};
}

json score_of(const Score& s) {
  json out = json::object();
  if (s.scaled && *s.scaled >= -1 && *s.scaled <= 1) out["scaled"] = *s.scaled;
  bool bounds = s.min && s.max && *s.min <= *s.max;
  if (s.raw && (!bounds || (*s.raw >= *s.min && *s.raw <= *s.max))) out["raw"] = *s.raw;
  if (bounds && out.contains("raw")) {
    out["min"] = *s.min;
    out["max"] = *s.max;
  }
  return out;
}

class Builder {
 public:
  Builder(const json& ctx, const CommitFacts& f) : ctx_(ctx), f_(f) {
    sco_ = {{"objectType", "Activity"},
            {"id", ctx.value("activity_id", std::string())},
            {"definition", {{"type", "http://adlnet.gov/expapi/activities/lesson"}}}};
    if (!f.activity_name.empty()) sco_["definition"]["name"] = {{"en-US", f.activity_name}};
  }

  void add(const std::string& word, const json& object, json result, bool with_parent) {
    json grouping = json::array({{{"objectType", "Activity"},
                                  {"id", attempt_activity_id(ctx_, f_.attempt_number)},
                                  {"definition", {{"type", "http://adlnet.gov/expapi/activities/attempt"}}}}});
    std::string course = ctx_.value("course_activity_id", std::string());
    if (!course.empty())
      grouping.push_back({{"objectType", "Activity"},
                          {"id", course},
                          {"definition", {{"type", "http://adlnet.gov/expapi/activities/course"}}}});
    json activities = {
        {"grouping", grouping},
        {"category", json::array({{{"objectType", "Activity"},
                                   {"id", kScormProfile},
                                   {"definition", {{"type", "http://adlnet.gov/expapi/activities/profile"}}}}})}};
    if (with_parent) activities["parent"] = json::array({{{"objectType", "Activity"}, {"id", sco_["id"]}}});
    std::string timestamp = ctx_.value("timestamp", std::string());
    json s = {{"id", statement_id(ctx_.dump() + "|" + std::to_string(out_.size()) + "|" + word + "|" +
                                  object["id"].get<std::string>())},
              {"actor", ctx_["actor"]},
              {"verb", verb(word)},
              {"object", object},
              {"context", {{"registration", ctx_["registration"]}, {"contextActivities", activities}}},
              {"timestamp", timestamp}};
    if (!result.empty()) s["result"] = std::move(result);
    out_.push_back(std::move(s));
  }

  json sco() const { return sco_; }
  json take() { return std::move(out_); }

 private:
  const json& ctx_;
  const CommitFacts& f_;
  json sco_;
  json out_ = json::array();
};

json interaction_object(const std::string& sco_id, const AnsweredInteraction& a) {
  json def = {{"type", "http://adlnet.gov/expapi/activities/cmi.interaction"}};
  static const char* kTypes[] = {"true-false", "choice",      "fill-in",    "long-fill-in", "matching",
                                 "performance", "sequencing", "likert",     "numeric",      "other"};
  for (const char* t : kTypes)
    if (a.type == t) def["interactionType"] = t;
  if (def.contains("interactionType") && !a.correct_patterns.empty()) def["correctResponsesPattern"] = a.correct_patterns;
  if (!a.description.empty()) def["description"] = {{"en-US", a.description}};
  return {{"objectType", "Activity"}, {"id", sco_id + "/interactions/" + encode_segment(a.id)}, {"definition", def}};
}

}  // namespace

std::string attempt_activity_id(const json& ctx, int attempt_number) {
  return ctx.value("activity_id", std::string()) + "/attempts/" + ctx.value("registration", std::string()) + "/" +
         std::to_string(attempt_number);
}

json build_statements(const json& ctx, const CommitFacts& f) {
  if (!ctx.is_object() || !ctx.contains("actor") || !ctx["actor"].is_object() ||
      ctx.value("registration", std::string()).empty() || ctx.value("activity_id", std::string()).empty())
    return json::array();
  Builder b(ctx, f);
  if (f.session_first) b.add(f.resumed ? "resumed" : "initialized", b.sco(), json::object(), false);
  for (const auto& a : f.answered) {
    json result = json::object();
    if (a.result == "correct") result["success"] = true;
    if (a.result == "incorrect" || a.result == "wrong") result["success"] = false;
    if (!a.response.empty()) result["response"] = a.response;
    // ADL's xAPI SCORM Profile (6.0, Interactions) names `responded` for a learner's response.
    b.add("responded", interaction_object(b.sco()["id"], a), result, true);
  }
  json score = score_of(f.score);
  if (f.scored && !score.empty()) b.add("scored", b.sco(), {{"score", score}}, false);
  if (f.completed) b.add("completed", b.sco(), {{"completion", true}}, false);
  if (f.passed) {
    json result = {{"success", *f.passed}};
    if (!score.empty()) result["score"] = score;
    b.add(*f.passed ? "passed" : "failed", b.sco(), result, false);
  }
  if (f.terminate)
    b.add(f.suspended ? "suspended" : "terminated", b.sco(),
          {{"duration", format_iso_duration(f.session_seconds)}}, false);
  return b.take();
}

}  // namespace trellis::scorm::rt
