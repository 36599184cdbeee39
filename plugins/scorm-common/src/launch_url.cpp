#include "launch_url.hpp"

#include "trellis/import_kit/iri.hpp"
#include "trellis/import_kit/text.hpp"

namespace trellis::scorm {

std::string join_base(std::string_view base, std::string_view href) {
  href = kit::trim(href);
  base = kit::trim(base);
  if (base.empty() || kit::has_scheme(href) || (!href.empty() && href.front() == '/')) return std::string(href);
  // Authors mean a folder even when they forget the trailing '/'.
  std::string out(base);
  if (out.back() != '/') out += '/';
  return out + std::string(href);
}

std::string apply_parameters(std::string_view href, std::string_view parameters) {
  parameters = kit::trim(parameters);
  if (parameters.empty()) return std::string(href);
  std::string_view fragment;
  std::string_view rest = href;
  if (size_t hash = href.find('#'); hash != std::string_view::npos) {
    fragment = href.substr(hash);
    rest = href.substr(0, hash);
  }
  std::string out(rest);
  if (parameters.front() == '#') {
    return out + std::string(fragment.empty() ? parameters : fragment);
  }
  std::string_view query = parameters;
  std::string_view param_fragment;
  if (size_t hash = query.find('#'); hash != std::string_view::npos) {
    param_fragment = query.substr(hash);
    query = query.substr(0, hash);
  }
  while (!query.empty() && (query.front() == '?' || query.front() == '&')) query.remove_prefix(1);
  if (!query.empty()) {
    bool has_query = out.find('?') != std::string::npos;
    if (!has_query) out += '?';
    else if (out.back() != '?' && out.back() != '&') out += '&';
    out += query;
  }
  out += std::string(fragment.empty() ? param_fragment : fragment);
  return out;
}

}  // namespace trellis::scorm
