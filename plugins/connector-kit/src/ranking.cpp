#include "trellis/connector_kit/ranking.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "trellis/connector_kit/text.hpp"

namespace trellis::connector_kit {
namespace {

std::vector<std::string> distinct(std::vector<std::string> words, size_t limit) {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  for (auto& w : words) {
    if (out.size() >= limit) break;
    if (seen.insert(w).second) out.push_back(std::move(w));
  }
  return out;
}

bool contains(const std::vector<std::string>& words, const std::string& w) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

}  // namespace

TermProfile TermProfile::of(std::string_view title, std::string_view tags, std::string_view body,
                            size_t max_body_words) {
  TermProfile p;
  p.title = distinct(words_of(title), 64);
  p.tags = distinct(words_of(tags), 64);
  std::string lowered = ascii_lower(body);
  std::unordered_map<std::string_view, uint32_t> counts;
  for_each_lowered_word(lowered, [&](std::string_view w) { ++counts[w]; });
  std::vector<std::pair<std::string_view, uint32_t>> ranked(counts.begin(), counts.end());
  auto more_frequent = [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; };
  size_t keep = std::min(max_body_words, ranked.size());
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(keep), ranked.end(), more_frequent);
  for (size_t i = 0; i < keep; ++i) p.body.emplace_back(std::string(ranked[i].first), ranked[i].second);
  return p;
}

nlohmann::json TermProfile::to_json() const {
  nlohmann::json body_words = nlohmann::json::array();
  for (const auto& [w, n] : body) body_words.push_back({w, n});
  return {{"t", title}, {"g", tags}, {"b", body_words}};
}

TermProfile TermProfile::from_json(const nlohmann::json& j) {
  TermProfile p;
  if (!j.is_object()) return p;
  auto strings = [&](const char* key, std::vector<std::string>& out) {
    if (auto it = j.find(key); it != j.end() && it->is_array())
      for (const auto& w : *it)
        if (w.is_string()) out.push_back(w.get<std::string>());
  };
  strings("t", p.title);
  strings("g", p.tags);
  if (auto it = j.find("b"); it != j.end() && it->is_array())
    for (const auto& pair : *it)
      if (pair.is_array() && pair.size() == 2 && pair[0].is_string() && pair[1].is_number_unsigned())
        p.body.emplace_back(pair[0].get<std::string>(), pair[1].get<uint32_t>());
  return p;
}

std::vector<std::string> query_words(const SearchQuery& q) {
  std::vector<std::string> all;
  for (const std::string* field : {&q.text, &q.title, &q.keywords, &q.description, &q.objectives}) {
    auto words = words_of(*field);
    all.insert(all.end(), std::make_move_iterator(words.begin()), std::make_move_iterator(words.end()));
    if (all.size() > 4096) break;  // a huge query says nothing more past this
  }
  return distinct(std::move(all), 64);
}

std::vector<Ranked> rank(const std::vector<const TermProfile*>& profiles, const std::vector<std::string>& query,
                         size_t limit) {
  // Inverse document frequency over the profiles themselves: a word every item
  // has tells nothing about which item is meant.
  std::vector<double> idf(query.size());
  for (size_t q = 0; q < query.size(); ++q) {
    size_t df = 0;
    for (const TermProfile* p : profiles) {
      bool has = contains(p->title, query[q]) || contains(p->tags, query[q]) ||
                 std::any_of(p->body.begin(), p->body.end(), [&](const auto& b) { return b.first == query[q]; });
      df += has ? 1 : 0;
    }
    idf[q] = std::log(1.0 + static_cast<double>(profiles.size()) / (1.0 + static_cast<double>(df)));
  }
  std::vector<Ranked> ranked;
  for (size_t i = 0; i < profiles.size(); ++i) {
    const TermProfile& p = *profiles[i];
    double raw = 0;
    for (size_t q = 0; q < query.size(); ++q) {
      double weight = (contains(p.title, query[q]) ? 3.0 : 0.0) + (contains(p.tags, query[q]) ? 2.0 : 0.0);
      for (const auto& [w, n] : p.body)
        if (w == query[q]) weight += std::min(3.0, std::log(1.0 + n));
      raw += weight * idf[q];
    }
    if (raw > 0) ranked.push_back({i, raw / (raw + 3.0)});
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) { return a.score > b.score; });
  if (ranked.size() > limit) ranked.resize(limit);
  return ranked;
}

std::vector<RankedEntry> rank_entries(const nlohmann::json& entries, const SearchQuery& query, const Cancel& cancel) {
  std::vector<RankedEntry> out;
  if (!entries.is_object()) return out;
  std::vector<std::pair<const std::string*, const nlohmann::json*>> listed;
  std::vector<TermProfile> profiles;
  for (auto it = entries.begin(); it != entries.end(); ++it) {
    listed.emplace_back(&it.key(), &it.value());
    profiles.push_back(TermProfile::from_json(it->is_object() ? it->value("p", nlohmann::json()) : nlohmann::json()));
  }
  cancel.check();
  std::vector<const TermProfile*> views;
  for (const auto& p : profiles) views.push_back(&p);
  for (const Ranked& hit : rank(views, query_words(query), query.max_results))
    out.push_back({*listed[hit.index].first, listed[hit.index].second, hit.score});
  return out;
}

}  // namespace trellis::connector_kit
