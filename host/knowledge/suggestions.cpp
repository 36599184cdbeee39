#include "knowledge/suggestions.hpp"
#include "core/ascii_case.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <map>

#include "catalog/course_reader.hpp"
#include "core/log.hpp"
#include "knowledge/connector_sync.hpp"
#include "knowledge/index_store.hpp"
#include "knowledge/knowledge_settings.hpp"
#include "knowledge/result_links.hpp"
#include "knowledge/search_service.hpp"
#include "store/store.hpp"

namespace trellis::knowledge {
namespace {

constexpr size_t kMaxLocalQueryBytes = 900;

std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> out;
  std::string w;
  for (char c : text + " ") {
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || std::isalnum(u)) {
      w.push_back(c);
    } else if (!w.empty()) {
      out.push_back(ascii_lower(w));
      w.clear();
    }
  }
  return out;
}

// Title first, so its words survive the query's word cap; cut at a character boundary.
std::string local_query_text(const ModuleText& m) {
  std::string text = m.title + " " + m.keywords + " " + m.objectives + " " + m.description;
  if (text.size() <= kMaxLocalQueryBytes) return text;
  size_t cut = kMaxLocalQueryBytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut);
}

// A poor man's stem: "cultures" and "cultural" share "cultu"; a plural's "s"
// goes first, so "fires" is found in "fire" (and suggestions for a module titled
// "Preventing fires" do not all score 0).
std::string crude_stem(std::string word) {
  if (word.size() > 3 && word.back() == 's') word.pop_back();
  return word.substr(0, 5);
}

double title_coverage(const ModuleText& m, const IndexEntry& e) {
  auto words = words_of(m.title);
  if (words.empty()) return 1.0;
  std::string hay = ascii_lower(e.title + " " + e.body + " " + e.tags);
  size_t found = 0;
  for (const auto& w : words) found += hay.find(crude_stem(w)) != std::string::npos ? 1 : 0;
  return static_cast<double>(found) / static_cast<double>(words.size());
}

void merge(std::map<std::string, Suggestion>& by_id, Suggestion s, const std::string& origin) {
  auto [it, inserted] = by_id.emplace(s.item.str(), s);
  Suggestion& kept = it->second;
  if (!inserted && s.score > kept.score) {
    kept.score = s.score;
    if (!s.snippet.empty()) kept.snippet = s.snippet;
  }
  if (std::find(kept.found_by.begin(), kept.found_by.end(), origin) == kept.found_by.end())
    kept.found_by.push_back(origin);
}

Status add_local(store::Database& db, const ModuleText& m, int limit, std::map<std::string, Suggestion>& by_id) {
  SearchRequest request;
  request.text = local_query_text(m);
  request.limit = limit;
  request.exclude_modules = true;
  request.access = ReadAccess::home_owner();  // suggestions serve the admin who attaches them
  auto found = search(db, request);
  if (!found) {
    // A module whose text holds no word has nothing to match locally.
    if (found.error().kind == ErrorKind::invalid_input) return {};
    return found.error();
  }
  double best = found->results.empty() ? 0 : found->results.front().score;
  for (const auto& hit : found->results) {
    auto entry = find_entry(db, hit.kind, hit.source, hit.ref);
    if (!entry) return entry.error();
    if (!entry->has_value()) continue;
    double relative = best > 0 ? hit.score / best : 0;
    Suggestion s{{hit.kind, hit.source, hit.ref}, hit.title, hit.url, hit.snippet,
                 relative * title_coverage(m, **entry), {}, hit.kind == "post" ? hit.thread_id : std::nullopt};
    merge(by_id, s, "index");
  }
  return {};
}

// A reply is part of its thread, which is what a learner opens: the thread
// scores at least as much as its best reply.
void lift_threads_over_replies(std::map<std::string, Suggestion>& by_id) {
  for (const auto& [key, s] : by_id) {
    if (!s.thread_id) continue;
    auto thread = by_id.find(ItemId{"thread", s.item.source, *s.thread_id}.str());
    if (thread != by_id.end()) thread->second.score = std::max(thread->second.score, s.score);
  }
}

ConnectorQuery query_for(const ModuleText& m, int limit) {
  ConnectorQuery q;
  q.course_id = m.course_id;
  q.module_id = m.identifier;
  q.title = m.title;
  q.description = m.description;
  q.keywords = m.keywords;
  q.objectives = m.objectives;
  q.max_results = static_cast<uint32_t>(limit);
  return q;
}

}  // namespace

Result<SuggestResult> suggest_for_module(store::Database& db, const ModuleText& m,
                                         const std::vector<ConnectorRef>& connectors, const ConnectorDriver& driver,
                                         int limit) {
  SuggestResult out;
  out.module_id = m.module_id;
  std::map<std::string, Suggestion> by_id;
  TRELLIS_TRY(add_local(db, m, limit, by_id));
  for (auto& outcome : driver.search_all(connectors, query_for(m, limit))) {
    out.connectors.push_back({outcome.plugin_id, std::string(to_string(outcome.status)), outcome.error,
                              outcome.items.size(), outcome.refused});
    for (const auto& item : outcome.items) {
      ItemId id{index_kind(item.kind), outcome.plugin_id, item.ref.empty() ? item.url : item.ref};
      merge(by_id, Suggestion{id, item.title, item.url, item.snippet, item.score, {}, std::nullopt}, outcome.plugin_id);
    }
  }
  auto links = module_links(db, m.module_id);
  if (!links) return links.error();
  for (const auto& l : links.value()) by_id.erase(l.item.str());
  lift_threads_over_replies(by_id);
  for (auto& [key, s] : by_id)
    if (s.score > 0) out.suggestions.push_back(std::move(s));
  // Equal scores: a thread before the replies it was lifted to.
  std::stable_sort(out.suggestions.begin(), out.suggestions.end(), [](const Suggestion& a, const Suggestion& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.item.kind == "thread" && b.item.kind != "thread";
  });
  if (out.suggestions.size() > static_cast<size_t>(limit)) out.suggestions.resize(static_cast<size_t>(limit));
  return out;
}

nlohmann::json to_json(const SuggestResult& r) {
  nlohmann::json suggestions = nlohmann::json::array(), connectors = nlohmann::json::array();
  for (const auto& s : r.suggestions)
    suggestions.push_back({{"item", s.item.str()}, {"kind", s.item.kind}, {"source", s.item.source},
                           {"ref", s.item.ref}, {"title", s.title},
                           {"url", browser_url(s.item.kind, s.item.source, s.item.ref, s.url)}, {"snippet", s.snippet},
                           {"score", s.score}, {"found_by", s.found_by},
                           {"thread_id", s.thread_id ? nlohmann::json(*s.thread_id) : nlohmann::json(nullptr)}});
  for (const auto& c : r.connectors)
    connectors.push_back({{"plugin", c.plugin_id}, {"status", c.status}, {"error", c.error}, {"items", c.items},
                          {"refused", c.refused}});
  return {{"module_id", r.module_id}, {"suggestions", suggestions}, {"connectors", connectors}};
}

nlohmann::json to_json(const ModuleLink& l) {
  return {{"module_id", l.module_id}, {"item", l.item.str()}, {"kind", l.item.kind}, {"source", l.item.source},
          {"ref", l.item.ref}, {"title", l.title}, {"url", browser_url(l.item.kind, l.item.source, l.item.ref, l.url)},
          {"score", l.score}, {"automatic", l.automatic},
          {"attached_by", l.attached_by}, {"attached_at", l.attached_at}};
}

Result<ModuleLink> attach_item(store::Database& db, const std::string& module_id, const ItemId& item,
                               const std::string& actor, const std::vector<ConnectorRef>& connectors,
                               const ConnectorDriver& driver) {
  auto module = find_module(db, module_id);
  if (!module) return module.error();
  if (!module->has_value()) return make_error(ErrorKind::not_found, "no module with id " + module_id);
  ModuleLink link{module_id, item, "", "", 1.0, false, actor, ""};
  auto entry = find_entry(db, item.kind, item.source, item.ref);
  if (!entry) return entry.error();
  if (entry->has_value()) {
    link.title = (*entry)->title;
    link.url = (*entry)->url;
  } else {
    const ConnectorRef* source = find_connector(connectors, item.source);
    if (source == nullptr)
      return make_error(ErrorKind::not_found, "item " + item.str() + " is not in the knowledge index and '" +
                                                  item.source + "' is not an enabled connector");
    auto fetched = driver.fetch(*source, item.ref);
    if (fetched.status != CallStatus::ok || fetched.items.empty())
      return make_error(ErrorKind::not_found, "item " + item.str() + " is not in the knowledge index and '" +
                                                  item.source + "' could not fetch it" +
                                                  (fetched.error.empty() ? "" : ": " + fetched.error));
    const auto& got = fetched.items.front();
    if (std::string(index_kind(got.kind)) != item.kind)
      return make_error(ErrorKind::invalid_input, "item " + item.str() + " is a " + index_kind(got.kind) +
                                                      " at its source, not a " + item.kind);
    link.title = got.title;
    link.url = got.url;
  }
  auto tx = store::Transaction::begin(db);
  if (!tx) return tx.error();
  TRELLIS_TRY(attach_link(db, link));
  TRELLIS_TRY(store::audit(db, actor, "module.attach", module_id, item.str()));
  TRELLIS_TRY(tx->commit());
  // As stored, so the answer carries attached_at (the database's clock).
  auto stored = module_links(db, module_id);
  if (!stored) return stored.error();
  for (auto& l : *stored)
    if (l.item.str() == item.str()) return std::move(l);
  return link;
}

AutoAttachReport auto_attach_course(store::Database& db, const std::string& course_id,
                                    const std::vector<ConnectorRef>& connectors) {
  AutoAttachReport report;
  auto settings = load_knowledge_settings(db);
  if (!settings) {
    log::warn("knowledge", "automatic attachment skipped: " + settings.error().message);
    report.problems = 1;
    return report;
  }
  report.enabled = settings->auto_attach_score.has_value();
  // The first modules only, read before any connector is asked or anything written.
  std::vector<ModuleText> first;
  auto read = visit_module_texts(db, course_id, [&](ModuleText&& m) -> Status {
    if (first.size() < static_cast<size_t>(kProposeAfterImport)) first.push_back(std::move(m));
    return {};
  });
  if (!read) {
    log::warn("knowledge", "automatic attachment skipped: course " + course_id + " cannot be read: " +
                               read.error().message);
    report.problems = 1;
    return report;
  }
  ConnectorDriver driver(driver_options(*settings));
  for (const auto& m : first) {
    ++report.modules;
    auto found = suggest_for_module(db, m, connectors, driver);
    if (!found) {
      ++report.problems;
      log::warn("knowledge", "automatic attachment for module " + m.module_id + ": " + found.error().message);
      continue;
    }
    auto tx = store::Transaction::begin(db);
    if (!tx) {
      ++report.problems;
      continue;
    }
    int attached = 0;
    bool failed = false;
    size_t proposed = 0;
    for (const auto& s : found->suggestions) {
      if (!settings->auto_attach_score || s.score < *settings->auto_attach_score) {
        if (proposed++ < kProposalsPerModule)
          report.proposed.push_back({m.module_id, m.title, s.item, s.title, s.url, s.score});
        continue;
      }
      ModuleLink link{m.module_id, s.item, s.title, s.url, s.score, true, "auto", ""};
      if (!attach_link(db, link) || !store::audit(db, "auto", "module.attach", m.module_id, s.item.str())) {
        failed = true;
        break;
      }
      ++attached;
    }
    if (failed || !tx->commit()) {
      ++report.problems;
      log::warn("knowledge", "automatic attachment for module " + m.module_id + " could not be stored");
      continue;
    }
    report.attached += attached;
  }
  return report;
}

}  // namespace trellis::knowledge
