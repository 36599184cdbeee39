#include "data_model.hpp"

#include <cmath>

namespace trellis::scorm::rt {

namespace {

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// The collection an indexed element belongs to: "cmi.interactions.3.id" ->
// "cmi.interactions", "cmi.interactions.3.objectives.1.id" -> that nesting.
std::vector<std::string> collections_of(std::string_view key) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t dot = key.find('.', start);
    if (dot == std::string_view::npos) break;
    size_t next = key.find('.', dot + 1);
    std::string_view seg = key.substr(dot + 1, next == std::string_view::npos ? std::string_view::npos : next - dot - 1);
    if (!seg.empty() && seg.find_first_not_of("0123456789") == std::string_view::npos)
      out.emplace_back(key.substr(0, dot));
    start = dot + 1;
  }
  return out;
}

Refusal refuse(int code, std::string_view element, std::string text) {
  return Refusal{code, std::string(element), std::move(text)};
}

}  // namespace

const Rule* DataModel::rule(std::string_view pattern) const {
  auto it = rules_.find(std::string(pattern));
  return it == rules_.end() ? nullptr : &it->second;
}

std::optional<Refusal> DataModel::apply(const Flat& elements, const Flat& launched, Flat& into) const {
  Flat pending = Flat::object();
  std::map<std::string, std::string> counts;  // collection -> the _count the content sent
  for (const auto& [key, raw] : elements.items()) {
    std::string value = text_of(raw);
    // Keywords describe the model; the content echoing them back changes nothing.
    if (ends_with(key, "._children") || ends_with(key, "._version")) continue;
    if (ends_with(key, "._count")) {
      counts[key.substr(0, key.size() - 7)] = value;
      continue;
    }
    // Unchanged, or still unset: a full commit (scorm-again's) reports every
    // element it knows, the ones nobody set as "", which changes nothing.
    if (auto was = get(launched, key); was ? *was == value : value.empty() && !get(into, key)) continue;
    auto name = parse_element(key);
    const Rule* r = name ? rule(name->pattern) : nullptr;
    if (r == nullptr) return refuse(codes_.undefined, key, "'" + key + "' is not an element of this data model.");
    if (r->access == Access::read_only) {
      if (tolerated(key, value, elements, launched)) continue;
      return refuse(codes_.read_only, key, "'" + key + "' is read-only.");
    }
    Fault f = r->check ? r->check(value) : Fault::none;
    if (f == Fault::type) return refuse(codes_.type, key, "'" + value.substr(0, 64) + "' is not a valid value of " + key + ".");
    if (f == Fault::range) return refuse(codes_.range, key, "'" + value.substr(0, 64) + "' is out of range for " + key + ".");
    if (f == Fault::limit) return refuse(codes_.limit, key, key + " is longer than this data model keeps.");
    pending[key] = value;
  }
  Flat merged = into;
  merged.update(pending);
  for (const auto& [key, value] : pending.items()) {
    for (const auto& collection : collections_of(key))
      if (!dense(merged, collection))
        return refuse(codes_.order, key, "'" + key + "' skips an index of " + collection + ".");
    auto name = parse_element(key);
    std::string missing = missing_dependency(*name, merged);
    if (!missing.empty()) return refuse(codes_.dependency, key, "'" + key + "' needs " + missing + " set first.");
    if (fault_in_context(*name, text_of(value), merged) != Fault::none)
      return refuse(codes_.type, key, "'" + text_of(value).substr(0, 64) + "' is not a valid value of " + key + ".");
  }
  for (const auto& [collection, sent] : counts) {
    if (sent != std::to_string(count_of(merged, collection)))
      return refuse(codes_.keyword, collection + "._count",
                    collection + "._count says " + sent + " but " + std::to_string(count_of(merged, collection)) +
                        " are present.");
  }
  into = std::move(merged);
  return std::nullopt;
}

namespace checks {

size_t characters(std::string_view text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

std::function<Fault(std::string_view)> one_of(std::initializer_list<std::string_view> words) {
  std::vector<std::string> list(words.begin(), words.end());
  return [list](std::string_view v) {
    for (const auto& w : list)
      if (w == v) return Fault::none;
    return Fault::type;
  };
}

std::function<Fault(std::string_view)> text_up_to(size_t spm, Fault over) {
  return [spm, over](std::string_view v) { return characters(v) > spm ? over : Fault::none; };
}

std::function<Fault(std::string_view)> real_in(std::optional<double> lo, std::optional<double> hi, Fault outside) {
  return [lo, hi, outside](std::string_view v) {
    auto d = parse_real(v);
    if (!d || !std::isfinite(*d)) return Fault::type;
    if ((lo && *d < *lo) || (hi && *d > *hi)) return outside;
    return Fault::none;
  };
}

}  // namespace checks
}  // namespace trellis::scorm::rt
