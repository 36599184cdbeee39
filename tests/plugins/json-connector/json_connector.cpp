// A connector whose items come from a JSON file (setting items_file), with
// switches to misbehave: slow (delay_ms), deaf to cancellation (honour_cancel
// false), junk items (junk), a failing sync (fail_sync). `post` appends a
// discussion to the same file, as an outside forum would store a new thread,
// unless read_only is set.
#include <cctype>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "trellis/cpp/plugin.hpp"

namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  std::string w;
  for (char c : text + " ") {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      w.push_back(c);
    } else if (w.size() > 2) {
      out.push_back(lower(w));
      w.clear();
    } else {
      w.clear();
    }
  }
  return out;
}

trellis::ItemKind kind_of(const std::string& k) {
  if (k == "discussion") return trellis::ItemKind::discussion;
  if (k == "expert") return trellis::ItemKind::expert;
  if (k == "event") return trellis::ItemKind::event;
  return trellis::ItemKind::document;
}

}  // namespace

class JsonConnector : public trellis::Plugin, public trellis::Connector {
 public:
  explicit JsonConnector(trellis::Host host) : host_(host) {}
  const char* source_name() const override { return "JSON test source"; }

  void search(const trellis::SearchQuery& q, trellis::ItemSink& out, const trellis::Cancel& cancel) override {
    pause(cancel);
    if (q.max_results == 0) return;
    auto wanted = words(q.text + " " + q.title + " " + q.keywords + " " + q.objectives);
    if (junk()) send_junk(out);
    for (auto& item : load()) {
      if (!q.wants(static_cast<int32_t>(item.kind))) continue;
      std::string hay = lower(item.title + " " + item.body + " " + item.tags);
      size_t hits = 0;
      for (const auto& w : wanted) hits += hay.find(w) != std::string::npos ? 1 : 0;
      if (hits == 0) continue;
      if (item.score == 0) item.score = static_cast<double>(hits) / static_cast<double>(wanted.size());
      if (!out.add(item)) return;
    }
  }

  void fetch(std::string_view ref, trellis::ItemSink& out, const trellis::Cancel& cancel) override {
    pause(cancel);
    for (const auto& item : load())
      if (item.ref == ref) {
        out.add(item);
        return;
      }
    throw trellis::Error(TRELLIS_ERR_NOT_FOUND, "no item with that ref");
  }

  void post(const trellis::ThreadDraft& draft, trellis::ItemSink& created, const trellis::Cancel& cancel) override {
    pause(cancel);
    if (flag("read_only")) throw trellis::Error(TRELLIS_ERR_UNSUPPORTED, "this forum takes no new threads");
    std::string file = host_.setting("items_file").value_or("");
    if (file.empty()) throw trellis::Error(TRELLIS_ERR_UNSUPPORTED, "no items_file to post to");
    nlohmann::json doc = nlohmann::json::array();
    if (std::ifstream in(file); in) doc = nlohmann::json::parse(in, nullptr, false);
    if (!doc.is_array()) throw trellis::Error(TRELLIS_ERR_INVALID_INPUT, file + " is not a JSON array");
    std::string ref = "posted-" + std::to_string(doc.size() + 1);
    nlohmann::json thread = {{"kind", "discussion"}, {"ref", ref},
                             {"url", "https://forum.example/t/" + ref}, {"title", draft.title},
                             {"body", draft.body}, {"author", draft.author}, {"tags", draft.tags},
                             {"module", draft.module_id}};
    doc.push_back(thread);
    std::ofstream(file) << doc.dump(1);
    trellis::KnowledgeItem item;
    item.kind = trellis::ItemKind::discussion;
    item.ref = ref;
    item.url = thread["url"];
    item.title = draft.title;
    item.body = draft.body;
    item.author = draft.author;
    created.add(item);
  }

  std::string sync(std::string_view cursor, trellis::ItemSink& out, const trellis::Cancel& cancel) override {
    pause(cancel);
    if (junk()) send_junk(out);
    for (const auto& item : load()) {
      cancel.check();
      out.add(item);
    }
    if (flag("fail_sync")) throw trellis::Error(TRELLIS_ERR_REMOTE, "the source went away halfway");
    int n = cursor.rfind("sync-", 0) == 0 ? std::atoi(std::string(cursor.substr(5)).c_str()) : 0;
    return "sync-" + std::to_string(n + 1);
  }

 private:
  bool flag(const char* name) const { return host_.setting(name).value_or("false") == "true"; }
  bool junk() const { return flag("junk"); }

  void pause(const trellis::Cancel& cancel) const {
    int delay = std::atoi(host_.setting("delay_ms").value_or("0").c_str());
    bool honour = host_.setting("honour_cancel").value_or("true") == "true";
    auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(delay);
    while (std::chrono::steady_clock::now() < until) {
      if (honour) cancel.check();
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    cancel.check();
  }

  std::vector<trellis::KnowledgeItem> load() const {
    std::vector<trellis::KnowledgeItem> items;
    std::string file = host_.setting("items_file").value_or("");
    if (file.empty()) return items;
    std::ifstream in(file);
    if (!in) throw trellis::Error(TRELLIS_ERR_IO, "cannot read " + file);
    std::stringstream text;
    text << in.rdbuf();
    auto doc = nlohmann::json::parse(text.str(), nullptr, false);
    if (!doc.is_array()) throw trellis::Error(TRELLIS_ERR_INVALID_INPUT, file + " is not a JSON array");
    for (const auto& j : doc) {
      trellis::KnowledgeItem item;
      item.kind = kind_of(j.value("kind", std::string("document")));
      item.url = j.value("url", std::string());
      item.title = j.value("title", std::string());
      item.snippet = j.value("snippet", std::string());
      item.ref = j.value("ref", std::string());
      item.score = j.value("score", 0.0);
      item.author = j.value("author", std::string());
      item.updated = j.value("updated", std::string());
      item.body = j.value("body", std::string());
      item.tags = j.value("tags", std::string());
      item.deleted = j.value("deleted", false);
      items.push_back(std::move(item));
    }
    return items;
  }

  static void send_junk(trellis::ItemSink& out) {
    trellis::KnowledgeItem bad_utf8;
    bad_utf8.url = "https://junk.example/1";
    bad_utf8.title = std::string("caf\xc3\x28 \xff", 7);
    bad_utf8.ref = "junk-utf8";
    out.add(bad_utf8);
    trellis::KnowledgeItem bad_url;
    bad_url.url = "javascript:alert(1)";
    bad_url.title = "Click me";
    bad_url.ref = "junk-url";
    out.add(bad_url);
    trellis::KnowledgeItem untitled;
    untitled.url = "https://junk.example/3";
    untitled.ref = "junk-untitled";
    out.add(untitled);
    trellis::KnowledgeItem huge;
    huge.url = "https://junk.example/4";
    huge.title = std::string(5000, 'x');
    huge.ref = "junk-huge";
    out.add(huge);
  }

  trellis::Host host_;
};

TRELLIS_PLUGIN(JsonConnector, PLUGIN_ID, "1.0.0")
