#include "lrs/statement_validator.hpp"

#include <set>

#include "xapi/identifiers.hpp"
#include "xapi/timestamp.hpp"

namespace trellis::lrs {
namespace {

using json = nlohmann::json;

const char* kVoided = "http://adlnet.gov/expapi/verbs/voided";

Error invalid(const std::string& path, const std::string& what) {
  return make_error(ErrorKind::invalid_input, path + ": " + what);
}

class Validator {
 public:
  explicit Validator(xapi::XapiVersion v) : version_(v) {}

  Status statement(const json& s, const std::string& path, bool sub) {
    if (!s.is_object()) return invalid(path, "a statement must be a JSON object");
    static const std::set<std::string> top = {"id",     "actor",     "verb",    "object",      "result",
                                              "context", "timestamp", "stored",  "authority",   "version",
                                              "attachments", "objectType"};
    TRELLIS_TRY(known_keys(s, top, path));
    if (sub) {
      for (const char* k : {"id", "stored", "version", "authority"})
        if (s.contains(k)) return invalid(path, std::string("a SubStatement must not have '") + k + "'");
      if (!s.contains("objectType") || s["objectType"] != "SubStatement")
        return invalid(path + ".objectType", "must be 'SubStatement'");
    } else if (s.contains("objectType")) {
      return invalid(path, "a statement has no 'objectType'");
    }
    if (s.contains("id")) TRELLIS_TRY(uuid(s["id"], path + ".id"));
    if (!s.contains("actor")) return invalid(path, "'actor' is required");
    TRELLIS_TRY(actor(s["actor"], path + ".actor"));
    if (!s.contains("verb")) return invalid(path, "'verb' is required");
    TRELLIS_TRY(verb(s["verb"], path + ".verb"));
    if (!s.contains("object")) return invalid(path, "'object' is required");
    TRELLIS_TRY(object(s["object"], path + ".object", sub));
    const json& obj = s["object"];
    if (s["verb"]["id"] == kVoided && (!obj.is_object() || obj.value("objectType", "") != "StatementRef"))
      return invalid(path + ".object", "a voiding statement's object must be a StatementRef");
    if (s.contains("result")) TRELLIS_TRY(result(s["result"], path + ".result"));
    if (s.contains("context")) {
      TRELLIS_TRY(context(s["context"], path + ".context"));
      std::string type = obj.value("objectType", "Activity");
      if (type != "Activity") {
        if (s["context"].contains("revision"))
          return invalid(path + ".context.revision", "only allowed when the object is an Activity");
        if (s["context"].contains("platform"))
          return invalid(path + ".context.platform", "only allowed when the object is an Activity");
      }
    }
    if (s.contains("timestamp")) TRELLIS_TRY(timestamp(s["timestamp"], path + ".timestamp"));
    if (s.contains("stored")) TRELLIS_TRY(timestamp(s["stored"], path + ".stored"));
    if (s.contains("authority")) TRELLIS_TRY(authority(s["authority"], path + ".authority"));
    if (s.contains("version")) {
      if (!s["version"].is_string() || !xapi::parse_version_header(s["version"].get<std::string>()))
        return invalid(path + ".version", "must be a supported xAPI version such as 1.0.0 or 2.0.0");
    }
    if (s.contains("attachments")) TRELLIS_TRY(attachments(s["attachments"], path + ".attachments"));
    return {};
  }

  Status agent_or_group(const json& a, const std::string& path) {
    if (!a.is_object()) return invalid(path, "must be an Agent or Group object");
    std::string type = a.contains("objectType") ? (a["objectType"].is_string() ? a["objectType"].get<std::string>() : "?")
                                                : "Agent";
    if (type == "Agent") return agent(a, path);
    if (type == "Group") return group(a, path);
    return invalid(path + ".objectType", "must be 'Agent' or 'Group'");
  }

 private:
  Status known_keys(const json& o, const std::set<std::string>& allowed, const std::string& path) {
    for (auto it = o.begin(); it != o.end(); ++it) {
      if (!allowed.count(it.key())) return invalid(path, "unknown property '" + it.key() + "'");
      if (it->is_null()) return invalid(path + "." + it.key(), "must not be null");
    }
    return {};
  }

  Status string(const json& v, const std::string& path) {
    if (!v.is_string()) return invalid(path, "must be a string");
    return {};
  }

  Status uuid(const json& v, const std::string& path) {
    if (!v.is_string() || !xapi::is_uuid(v.get<std::string>())) return invalid(path, "must be a UUID");
    return {};
  }

  Status iri(const json& v, const std::string& path) {
    if (!v.is_string() || !xapi::is_iri(v.get<std::string>())) return invalid(path, "must be an absolute IRI");
    return {};
  }

  Status language_map(const json& v, const std::string& path) {
    if (!v.is_object()) return invalid(path, "must be a language map");
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (!xapi::is_language_tag(it.key())) return invalid(path, "'" + it.key() + "' is not a language tag");
      if (!it->is_string()) return invalid(path + "." + it.key(), "must be a string");
    }
    return {};
  }

  Status extensions(const json& v, const std::string& path) {
    if (!v.is_object()) return invalid(path, "must be an object");
    for (auto it = v.begin(); it != v.end(); ++it)
      if (!xapi::is_iri(it.key())) return invalid(path, "key '" + it.key() + "' is not an IRI");
    return {};
  }

  Status ifis(const json& a, const std::string& path, int& count) {
    count = 0;
    if (a.contains("mbox")) {
      ++count;
      if (!a["mbox"].is_string() || !xapi::is_mailto_iri(a["mbox"].get<std::string>()))
        return invalid(path + ".mbox", "must be a mailto: IRI");
    }
    if (a.contains("mbox_sha1sum")) {
      ++count;
      if (!a["mbox_sha1sum"].is_string() || !xapi::is_sha1_hex(a["mbox_sha1sum"].get<std::string>()))
        return invalid(path + ".mbox_sha1sum", "must be a SHA-1 hex digest");
    }
    if (a.contains("openid")) {
      ++count;
      TRELLIS_TRY(iri(a["openid"], path + ".openid"));
    }
    if (a.contains("account")) {
      ++count;
      const json& acc = a["account"];
      if (!acc.is_object()) return invalid(path + ".account", "must be an object");
      TRELLIS_TRY(known_keys(acc, {"homePage", "name"}, path + ".account"));
      if (!acc.contains("homePage")) return invalid(path + ".account", "'homePage' is required");
      if (!acc.contains("name")) return invalid(path + ".account", "'name' is required");
      TRELLIS_TRY(iri(acc["homePage"], path + ".account.homePage"));
      TRELLIS_TRY(string(acc["name"], path + ".account.name"));
    }
    return {};
  }

  Status agent(const json& a, const std::string& path) {
    TRELLIS_TRY(known_keys(a, {"objectType", "name", "mbox", "mbox_sha1sum", "openid", "account"}, path));
    if (a.contains("name")) TRELLIS_TRY(string(a["name"], path + ".name"));
    int count = 0;
    TRELLIS_TRY(ifis(a, path, count));
    if (count != 1) return invalid(path, "an Agent needs exactly one of mbox, mbox_sha1sum, openid, account");
    return {};
  }

  Status group(const json& g, const std::string& path) {
    TRELLIS_TRY(known_keys(g, {"objectType", "name", "mbox", "mbox_sha1sum", "openid", "account", "member"}, path));
    if (g.contains("name")) TRELLIS_TRY(string(g["name"], path + ".name"));
    int count = 0;
    TRELLIS_TRY(ifis(g, path, count));
    if (count > 1) return invalid(path, "a Group has at most one identifier");
    if (count == 0 && !g.contains("member")) return invalid(path, "an anonymous Group needs 'member'");
    if (g.contains("member")) {
      const json& m = g["member"];
      if (!m.is_array()) return invalid(path + ".member", "must be an array");
      if (count == 0 && m.empty()) return invalid(path + ".member", "an anonymous Group needs members");
      for (size_t i = 0; i < m.size(); ++i) {
        std::string p = path + ".member[" + std::to_string(i) + "]";
        if (!m[i].is_object()) return invalid(p, "must be an Agent");
        if (m[i].contains("objectType") && m[i]["objectType"] != "Agent") return invalid(p, "a member must be an Agent");
        TRELLIS_TRY(agent(m[i], p));
      }
    }
    return {};
  }

  Status actor(const json& a, const std::string& path) { return agent_or_group(a, path); }

  Status verb(const json& v, const std::string& path) {
    if (!v.is_object()) return invalid(path, "must be an object");
    TRELLIS_TRY(known_keys(v, {"id", "display"}, path));
    if (!v.contains("id")) return invalid(path, "'id' is required");
    TRELLIS_TRY(iri(v["id"], path + ".id"));
    if (v.contains("display")) TRELLIS_TRY(language_map(v["display"], path + ".display"));
    return {};
  }

  Status object(const json& o, const std::string& path, bool in_sub) {
    if (!o.is_object()) return invalid(path, "must be an object");
    std::string type = "Activity";
    if (o.contains("objectType")) {
      if (!o["objectType"].is_string()) return invalid(path + ".objectType", "must be a string");
      type = o["objectType"].get<std::string>();
    }
    if (type == "Activity") return activity(o, path);
    if (type == "Agent" || type == "Group") return agent_or_group(o, path);
    if (type == "StatementRef") {
      TRELLIS_TRY(known_keys(o, {"objectType", "id"}, path));
      if (!o.contains("id")) return invalid(path, "'id' is required");
      return uuid(o["id"], path + ".id");
    }
    if (type == "SubStatement") {
      if (in_sub) return invalid(path, "a SubStatement must not contain a SubStatement");
      return statement(o, path, true);
    }
    return invalid(path + ".objectType", "unknown objectType '" + type + "'");
  }

  Status activity(const json& a, const std::string& path) {
    TRELLIS_TRY(known_keys(a, {"objectType", "id", "definition"}, path));
    if (!a.contains("id")) return invalid(path, "an Activity needs 'id'");
    TRELLIS_TRY(iri(a["id"], path + ".id"));
    if (a.contains("definition")) TRELLIS_TRY(definition(a["definition"], path + ".definition"));
    return {};
  }

  Status definition(const json& d, const std::string& path) {
    if (!d.is_object()) return invalid(path, "must be an object");
    TRELLIS_TRY(known_keys(d,
                           {"name", "description", "type", "moreInfo", "extensions", "interactionType",
                            "correctResponsesPattern", "choices", "scale", "source", "target", "steps"},
                           path));
    if (d.contains("name")) TRELLIS_TRY(language_map(d["name"], path + ".name"));
    if (d.contains("description")) TRELLIS_TRY(language_map(d["description"], path + ".description"));
    if (d.contains("type")) TRELLIS_TRY(iri(d["type"], path + ".type"));
    if (d.contains("moreInfo")) TRELLIS_TRY(iri(d["moreInfo"], path + ".moreInfo"));
    if (d.contains("extensions")) TRELLIS_TRY(extensions(d["extensions"], path + ".extensions"));
    static const std::set<std::string> interaction_types = {"true-false", "choice",     "fill-in",  "long-fill-in",
                                                            "matching",   "performance", "sequencing", "likert",
                                                            "numeric",    "other"};
    if (d.contains("interactionType")) {
      if (!d["interactionType"].is_string() || !interaction_types.count(d["interactionType"].get<std::string>()))
        return invalid(path + ".interactionType", "is not an xAPI interaction type");
    }
    if (d.contains("correctResponsesPattern")) {
      if (!d.contains("interactionType"))
        return invalid(path + ".correctResponsesPattern", "needs an interactionType");
      const json& c = d["correctResponsesPattern"];
      if (!c.is_array()) return invalid(path + ".correctResponsesPattern", "must be an array of strings");
      for (const auto& r : c)
        if (!r.is_string()) return invalid(path + ".correctResponsesPattern", "must be an array of strings");
    }
    for (const char* list : {"choices", "scale", "source", "target", "steps"}) {
      if (!d.contains(list)) continue;
      std::string p = path + "." + list;
      if (!d.contains("interactionType")) return invalid(p, "needs an interactionType");
      const json& l = d[list];
      if (!l.is_array()) return invalid(p, "must be an array of interaction components");
      std::set<std::string> ids;
      for (const auto& c : l) {
        if (!c.is_object()) return invalid(p, "must be an array of interaction components");
        TRELLIS_TRY(known_keys(c, {"id", "description"}, p));
        if (!c.contains("id") || !c["id"].is_string()) return invalid(p, "each component needs a string 'id'");
        if (!ids.insert(c["id"].get<std::string>()).second)
          return invalid(p, "component id '" + c["id"].get<std::string>() + "' is repeated");
        if (c.contains("description")) TRELLIS_TRY(language_map(c["description"], p + ".description"));
      }
    }
    return {};
  }

  Status result(const json& r, const std::string& path) {
    if (!r.is_object()) return invalid(path, "must be an object");
    TRELLIS_TRY(known_keys(r, {"score", "success", "completion", "response", "duration", "extensions"}, path));
    if (r.contains("score")) {
      const json& s = r["score"];
      std::string p = path + ".score";
      if (!s.is_object()) return invalid(p, "must be an object");
      TRELLIS_TRY(known_keys(s, {"scaled", "raw", "min", "max"}, p));
      for (auto it = s.begin(); it != s.end(); ++it)
        if (!it->is_number()) return invalid(p + "." + it.key(), "must be a number");
      if (s.contains("scaled") && (s["scaled"].get<double>() < -1 || s["scaled"].get<double>() > 1))
        return invalid(p + ".scaled", "must be between -1 and 1");
      if (s.contains("min") && s.contains("max") && s["min"].get<double>() >= s["max"].get<double>())
        return invalid(p, "'min' must be less than 'max'");
      if (s.contains("raw")) {
        double raw = s["raw"].get<double>();
        if (s.contains("min") && raw < s["min"].get<double>()) return invalid(p + ".raw", "is below 'min'");
        if (s.contains("max") && raw > s["max"].get<double>()) return invalid(p + ".raw", "is above 'max'");
      }
    }
    if (r.contains("success") && !r["success"].is_boolean()) return invalid(path + ".success", "must be a boolean");
    if (r.contains("completion") && !r["completion"].is_boolean())
      return invalid(path + ".completion", "must be a boolean");
    if (r.contains("response")) TRELLIS_TRY(string(r["response"], path + ".response"));
    if (r.contains("duration") &&
        (!r["duration"].is_string() || !xapi::is_duration(r["duration"].get<std::string>())))
      return invalid(path + ".duration", "must be an ISO 8601 duration");
    if (r.contains("extensions")) TRELLIS_TRY(extensions(r["extensions"], path + ".extensions"));
    return {};
  }

  Status context(const json& c, const std::string& path) {
    if (!c.is_object()) return invalid(path, "must be an object");
    std::set<std::string> keys = {"registration", "instructor", "team",     "contextActivities", "revision",
                                  "platform",     "language",   "statement", "extensions"};
    if (version_ == xapi::XapiVersion::v2_0) {
      keys.insert("contextAgents");
      keys.insert("contextGroups");
    }
    TRELLIS_TRY(known_keys(c, keys, path));
    if (c.contains("registration")) TRELLIS_TRY(uuid(c["registration"], path + ".registration"));
    if (c.contains("instructor")) TRELLIS_TRY(agent_or_group(c["instructor"], path + ".instructor"));
    if (c.contains("team")) {
      if (!c["team"].is_object() || c["team"].value("objectType", "") != "Group")
        return invalid(path + ".team", "must be a Group");
      TRELLIS_TRY(group(c["team"], path + ".team"));
    }
    if (c.contains("contextActivities")) {
      const json& ca = c["contextActivities"];
      std::string p = path + ".contextActivities";
      if (!ca.is_object()) return invalid(p, "must be an object");
      TRELLIS_TRY(known_keys(ca, {"parent", "grouping", "category", "other"}, p));
      for (auto it = ca.begin(); it != ca.end(); ++it) {
        if (it->is_array()) {
          for (const auto& a : *it) {
            if (!a.is_object()) return invalid(p + "." + it.key(), "must hold Activities");
            if (a.contains("objectType") && a["objectType"] != "Activity")
              return invalid(p + "." + it.key(), "must hold Activities");
            TRELLIS_TRY(activity(a, p + "." + it.key()));
          }
        } else if (it->is_object()) {
          if (it->contains("objectType") && (*it)["objectType"] != "Activity")
            return invalid(p + "." + it.key(), "must hold Activities");
          TRELLIS_TRY(activity(*it, p + "." + it.key()));
        } else {
          return invalid(p + "." + it.key(), "must be an Activity or an array of Activities");
        }
      }
    }
    if (c.contains("revision")) TRELLIS_TRY(string(c["revision"], path + ".revision"));
    if (c.contains("platform")) TRELLIS_TRY(string(c["platform"], path + ".platform"));
    if (c.contains("language") &&
        (!c["language"].is_string() || !xapi::is_language_tag(c["language"].get<std::string>())))
      return invalid(path + ".language", "must be a language tag");
    if (c.contains("statement")) {
      const json& ref = c["statement"];
      std::string p = path + ".statement";
      if (!ref.is_object()) return invalid(p, "must be a StatementRef");
      TRELLIS_TRY(known_keys(ref, {"objectType", "id"}, p));
      if (ref.value("objectType", "") != "StatementRef") return invalid(p + ".objectType", "must be 'StatementRef'");
      if (!ref.contains("id")) return invalid(p, "'id' is required");
      TRELLIS_TRY(uuid(ref["id"], p + ".id"));
    }
    if (c.contains("extensions")) TRELLIS_TRY(extensions(c["extensions"], path + ".extensions"));
    if (c.contains("contextAgents")) TRELLIS_TRY(context_agents(c["contextAgents"], path + ".contextAgents", false));
    if (c.contains("contextGroups")) TRELLIS_TRY(context_agents(c["contextGroups"], path + ".contextGroups", true));
    return {};
  }

  Status context_agents(const json& list, const std::string& path, bool groups) {
    if (!list.is_array()) return invalid(path, "must be an array");
    const char* type = groups ? "contextGroup" : "contextAgent";
    const char* holder = groups ? "group" : "agent";
    for (size_t i = 0; i < list.size(); ++i) {
      std::string p = path + "[" + std::to_string(i) + "]";
      const json& e = list[i];
      if (!e.is_object()) return invalid(p, "must be an object");
      TRELLIS_TRY(known_keys(e, {"objectType", holder, "relevantTypes"}, p));
      if (e.value("objectType", "") != type) return invalid(p + ".objectType", std::string("must be '") + type + "'");
      if (!e.contains(holder)) return invalid(p, std::string("'") + holder + "' is required");
      if (groups) {
        if (!e[holder].is_object() || e[holder].value("objectType", "") != "Group")
          return invalid(p + ".group", "must be a Group");
        TRELLIS_TRY(group(e[holder], p + ".group"));
      } else {
        if (e[holder].is_object() && e[holder].value("objectType", "Agent") != "Agent")
          return invalid(p + ".agent", "must be an Agent");
        if (!e[holder].is_object()) return invalid(p + ".agent", "must be an Agent");
        TRELLIS_TRY(agent(e[holder], p + ".agent"));
      }
      if (e.contains("relevantTypes")) {
        const json& t = e["relevantTypes"];
        if (!t.is_array() || t.empty()) return invalid(p + ".relevantTypes", "must be a non-empty array of IRIs");
        for (const auto& iri_value : t) TRELLIS_TRY(iri(iri_value, p + ".relevantTypes"));
      }
    }
    return {};
  }

  Status timestamp(const json& t, const std::string& path) {
    if (!t.is_string()) return invalid(path, "must be an ISO 8601 timestamp");
    auto parsed = xapi::parse_timestamp(t.get<std::string>());
    if (!parsed) return invalid(path, "must be an ISO 8601 timestamp");
    if (parsed->negative_zero_offset) return invalid(path, "must not use a -00:00 offset");
    if (version_ == xapi::XapiVersion::v2_0 && !parsed->has_offset) return invalid(path, "must include a time zone");
    return {};
  }

  Status authority(const json& a, const std::string& path) {
    TRELLIS_TRY(agent_or_group(a, path));
    if (a.value("objectType", "Agent") == "Group") {
      int ifi_count = 0;
      for (const char* k : {"mbox", "mbox_sha1sum", "openid", "account"}) ifi_count += a.contains(k) ? 1 : 0;
      if (ifi_count) return invalid(path, "a Group authority must be anonymous (OAuth consumer and user)");
      if (!a.contains("member") || !a["member"].is_array() || a["member"].size() != 2)
        return invalid(path, "a Group authority must have exactly two members (OAuth consumer and user)");
    }
    return {};
  }

  Status attachments(const json& list, const std::string& path) {
    if (!list.is_array()) return invalid(path, "must be an array");
    for (size_t i = 0; i < list.size(); ++i) {
      std::string p = path + "[" + std::to_string(i) + "]";
      const json& a = list[i];
      if (!a.is_object()) return invalid(p, "must be an object");
      TRELLIS_TRY(known_keys(a, {"usageType", "display", "description", "contentType", "length", "sha2", "fileUrl"}, p));
      for (const char* k : {"usageType", "display", "contentType", "length", "sha2"})
        if (!a.contains(k)) return invalid(p, std::string("'") + k + "' is required");
      TRELLIS_TRY(iri(a["usageType"], p + ".usageType"));
      TRELLIS_TRY(language_map(a["display"], p + ".display"));
      if (a.contains("description")) TRELLIS_TRY(language_map(a["description"], p + ".description"));
      if (!a["contentType"].is_string() || !xapi::is_media_type(a["contentType"].get<std::string>()))
        return invalid(p + ".contentType", "must be an Internet media type");
      if (!a["length"].is_number_integer() || a["length"].get<int64_t>() < 0)
        return invalid(p + ".length", "must be a non-negative integer");
      TRELLIS_TRY(string(a["sha2"], p + ".sha2"));
      if (a.contains("fileUrl")) TRELLIS_TRY(iri(a["fileUrl"], p + ".fileUrl"));
    }
    return {};
  }

  xapi::XapiVersion version_;
};

}  // namespace

Status validate_statement(const nlohmann::json& statement, xapi::XapiVersion version) {
  return Validator(version).statement(statement, "statement", false);
}

Status validate_agent_parameter(const nlohmann::json& agent, xapi::XapiVersion version) {
  return Validator(version).agent_or_group(agent, "agent");
}

}  // namespace trellis::lrs
