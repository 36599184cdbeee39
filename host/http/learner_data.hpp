// What the learner's pages show, read from the domains on one connection:
// the page code (learner_pages.hpp) only writes HTML from these.
#pragma once

#include <string>
#include <vector>

#include "accounts/sessions.hpp"
#include "core/result.hpp"
#include "http/learner_pages.hpp"
#include "store/database.hpp"

namespace trellis {

inline constexpr int kCatalogPageSize = 25;

Result<std::vector<CourseProgress>> courses_of_learner(store::Database& db, const std::string& learner_id);
Result<CatalogListing> catalog_listing(store::Database& db, std::string query, std::string format, int page);
// nullopt: no such course.
Result<std::optional<CourseSheet>> course_sheet(store::Database& db, const std::string& course_id,
                                                const accounts::Session& user);

}  // namespace trellis
