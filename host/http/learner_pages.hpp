// The learner's pages of the console as HTML: my courses with progress, the
// course catalog, a course with its modules (launch, status, and the threads,
// documents and experts beside each), one knowledge search, and a thread with
// its replies. Every value is escaped; Markdown bodies arrive already rendered
// by libcmark's safe mode (community/markdown.hpp).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "accounts/sessions.hpp"
#include "community/community_service.hpp"
#include "http/asset_versions.hpp"
#include "knowledge/link_store.hpp"
#include "knowledge/search_service.hpp"

namespace trellis {

struct CourseProgress {
  std::string course_id, title, format, registration_id, started_at;
  int modules_done = 0, modules_total = 0;
  bool completed = false;
  std::optional<bool> passed;
};

struct CatalogRow {
  std::string course_id, title, format, imported_at;
  int version = 0, modules = 0;
};

struct CatalogListing {
  std::vector<CatalogRow> rows;  // this page's
  std::string query, format;     // the filters, as typed
  int page = 1, pages = 1, total = 0;
};

struct ModuleEntry {
  std::string module_id, identifier, title;
  bool launchable = false;
  std::string completion, success;  // "" when the learner has no registration
  std::vector<knowledge::ModuleLink> links;
  std::vector<community::Thread> threads;
};

struct CourseSheet {
  std::string course_id, title, format;
  int version = 0;
  std::vector<ModuleEntry> modules;
  bool may_launch = false;  // learner accounts launch; other roles have no learner record
  std::optional<std::string> notice;  // said at the top (a refused launch, a question's problem)
};

struct SearchSheet {
  std::string text, kind;
  std::optional<knowledge::SearchResults> results;
  std::optional<std::string> problem;
};

std::string my_courses_page(const AssetVersions& assets, const accounts::Session& user,
                            const std::vector<CourseProgress>& courses);
std::string catalog_page(const AssetVersions& assets, const accounts::Session& user, const CatalogListing& listing);
std::string course_page(const AssetVersions& assets, const accounts::Session& user, const CourseSheet& sheet);
std::string search_page(const AssetVersions& assets, const accounts::Session& user, const SearchSheet& sheet);
std::string console_thread_page(const AssetVersions& assets, const accounts::Session& user,
                                const community::ThreadView& view, const std::optional<std::string>& problem);

}  // namespace trellis
