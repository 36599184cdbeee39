// experts: an expert directory ("yellow pages") from a CSV or vCard file, so
// learners find the people who know about a module.
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "csv_directory.hpp"
#include "trellis/connector_kit/dates.hpp"
#include "trellis/connector_kit/fingerprint.hpp"
#include "trellis/connector_kit/ranking.hpp"
#include "trellis/connector_kit/snapshots.hpp"
#include "trellis/connector_kit/text.hpp"
#include "trellis/cpp/plugin.hpp"
#include "vcard_directory.hpp"

namespace trellis::experts {
namespace fs = std::filesystem;
namespace kit = trellis::connector_kit;
namespace {

constexpr uint64_t kMaxDirectoryBytes = 64u << 20;

bool plausible_email(std::string_view email) {
  size_t at = email.find('@');
  return at != std::string_view::npos && at > 0 && at + 1 < email.size() && email.find('@', at + 1) == std::string_view::npos &&
         email.find_first_of(" \t<>\"(),;:") == std::string_view::npos;
}

// Digits and a leading '+' (RFC 3966 global number or local digits).
std::string dialable(std::string_view phone) {
  std::string out;
  for (char c : phone)
    if ((c >= '0' && c <= '9') || (c == '+' && out.empty())) out += c;
  return out.size() >= 3 ? out : std::string();
}

std::string mailto(std::string_view email) {
  static const char* hex = "0123456789ABCDEF";
  std::string out = "mailto:";
  for (unsigned char c : email) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 std::string_view("@.-_+~").find(static_cast<char>(c)) != std::string_view::npos;
    if (plain) out += static_cast<char>(c);
    else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string joined(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const auto& p : parts)
    if (!p.empty()) out += (out.empty() ? "" : sep) + p;
  return out;
}

struct Directory {
  std::string display_name;  // the file name, for warnings
  std::vector<KnowledgeItem> people;
  int64_t mtime = 0;
};

}  // namespace

class Experts : public Plugin, public Connector {
 public:
  explicit Experts(Host host) : host_(host), snapshots_(host, "experts") {}
  const char* source_name() const override { return "Expert directory"; }

  std::string sync(std::string_view cursor, ItemSink& out, const Cancel& cancel) override {
    Directory dir = read_directory();
    nlohmann::json old = snapshots_.load(cursor).value_or(nlohmann::json::object());
    if (!old.is_object()) old = nlohmann::json::object();
    const nlohmann::json none = nlohmann::json::object();
    const nlohmann::json& old_people = old.contains("people") && old["people"].is_object() ? old["people"] : none;
    nlohmann::json people = nlohmann::json::object();
    for (const KnowledgeItem& person : dir.people) {
      cancel.check();
      std::string hash = kit::Fingerprint()
                             .add(person.title).add(person.url).add(person.snippet).add(person.body).add(person.tags)
                             .hex();
      auto before = old_people.find(person.ref);
      if (before == old_people.end() || !before->is_object() || before->value("h", "") != hash) out.add(person);
      people[person.ref] = {{"h", hash},
                            {"t", person.title},
                            {"u", person.url},
                            {"n", person.snippet},
                            {"g", person.tags},
                            {"d", person.updated},
                            {"p", kit::TermProfile::of(person.title, person.tags, person.body).to_json()}};
    }
    for (const auto& [ref, entry] : old_people.items()) {
      if (people.contains(ref)) continue;
      KnowledgeItem gone;
      gone.kind = ItemKind::expert;
      gone.ref = ref;
      gone.deleted = true;
      out.add(gone);
    }
    return snapshots_.save(cursor, {{"people", std::move(people)}});
  }

  void search(const SearchQuery& query, ItemSink& out, const Cancel& cancel) override {
    if (!query.wants(TRELLIS_ITEM_EXPERT)) return;
    auto state = snapshots_.latest();
    if (!state || !state->is_object() || !state->contains("people")) return;
    for (const auto& hit : kit::rank_entries((*state)["people"], query, cancel)) {
      const auto& entry = *hit.entry;
      KnowledgeItem item;
      item.kind = ItemKind::expert;
      item.ref = hit.ref;
      item.title = entry.value("t", item.ref);
      item.author = item.title;
      item.url = entry.value("u", "");
      item.snippet = entry.value("n", "");
      item.tags = entry.value("g", "");
      item.updated = entry.value("d", "");
      item.score = hit.score;
      if (!out.add(item)) break;
    }
  }

  void fetch(std::string_view ref, ItemSink& out, const Cancel&) override {
    for (const KnowledgeItem& person : read_directory().people)
      if (person.ref == ref) {
        out.add(person);
        return;
      }
    throw Error(TRELLIS_ERR_NOT_FOUND, "experts: nobody with ref '" + kit::repair_utf8(ref.substr(0, 200)) + "'");
  }

 private:
  Directory read_directory() const {
    std::string path = host_.setting("path").value_or("");
    if (path.empty())
      throw InvalidInput("experts: the setting 'path' is empty; set it with `trellis plugin configure experts path=/srv/experts.csv`");
    Directory dir;
    dir.display_name = kit::repair_utf8(fs::path(path).filename().string());
    std::string extension = kit::ascii_lower(fs::path(path).extension().string());
    bool vcard = extension == ".vcf" || extension == ".vcard";
    bool csv = extension == ".csv";
    if (!vcard && !csv) throw InvalidInput("experts: '" + kit::repair_utf8(path) + "' is neither a .csv nor a .vcf file");
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
      throw Error(TRELLIS_ERR_IO, "experts: cannot read '" + kit::repair_utf8(path) + "': " + std::strerror(errno));
    if (static_cast<uint64_t>(st.st_size) > kMaxDirectoryBytes)
      throw InvalidInput("experts: '" + kit::repair_utf8(path) + "' is larger than 64 MiB");
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    if (!in.good() && !in.eof()) throw Error(TRELLIS_ERR_IO, "experts: cannot read '" + kit::repair_utf8(path) + "'");
    dir.mtime = st.st_mtim.tv_sec;

    auto warn = [&](size_t line, const std::string& why) {
      host_.warn("experts: skipped " + dir.display_name + ":" + std::to_string(line) + ": " + why);
    };
    std::vector<Person> people;
    try {
      people = vcard ? read_vcard_directory(content.str(), warn) : read_csv_directory(content.str(), warn);
    } catch (const InvalidInput& e) {
      throw InvalidInput("experts: " + dir.display_name + ":" + e.what());
    }
    std::map<std::string, size_t> seen;  // ref -> line
    for (Person& p : people) {
      KnowledgeItem item;
      if (!to_item(p, dir, warn, item)) continue;
      auto [it, fresh] = seen.emplace(item.ref, p.line);
      if (!fresh) {
        warn(p.line, "the same person (" + item.ref + ") as line " + std::to_string(it->second));
        continue;
      }
      dir.people.push_back(std::move(item));
    }
    return dir;
  }

  static bool to_item(const Person& p, const Directory& dir, const WarnFn& warn, KnowledgeItem& item) {
    if (p.name.empty()) {
      warn(p.line, "no name");
      return false;
    }
    std::string email = plausible_email(p.email) ? p.email : "";
    if (!p.email.empty() && email.empty()) warn(p.line, "'" + p.email + "' is not an email address; ignored");
    std::string phone = dialable(p.phone);
    if (email.empty() && phone.empty()) {
      warn(p.line, "no email address or phone number to reach " + p.name);
      return false;
    }
    item.kind = ItemKind::expert;
    item.ref = !p.uid.empty() ? p.uid : !email.empty() ? kit::ascii_lower(email) : "tel:" + phone;
    item.url = !email.empty() ? mailto(email) : "tel:" + phone;
    item.title = p.name;
    item.author = p.name;
    // Tags travel comma-separated: a comma inside one tag ("chemistry, lab work") would split it.
    std::vector<std::string> tags;
    for (const auto& tag : p.expertise) {
      std::string t = tag;
      for (char& c : t)
        if (c == ',') c = ' ';
      tags.push_back(kit::collapse_spaces(t));
    }
    item.tags = joined(tags, ",");
    std::string role = joined({p.title, p.department, p.location}, ", ");
    item.snippet = kit::snippet_of(role.empty() ? joined(p.expertise, ", ") : role + (p.expertise.empty() ? "" : ". Expertise: " + joined(p.expertise, ", ")));
    item.body = joined({p.name, p.title, p.department, p.location, joined(p.expertise, ", "), email, p.phone, p.note}, "\n");
    item.updated = kit::rfc3339_utc(dir.mtime);
    return true;
  }

  Host host_;
  kit::SnapshotStore snapshots_;
};

}  // namespace trellis::experts

TRELLIS_PLUGIN(trellis::experts::Experts, "experts", "1.0.0")
