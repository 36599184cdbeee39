// Deleting a course: its rows, and what other domains keep about it, in one
// transaction; its files after the commit. The catalog knows no other domain:
// what they keep is removed by the hook the composition root wires
// (app/course_removal_wiring.cpp), inside the same transaction.
#pragma once

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/home.hpp"
#include "core/result.hpp"
#include "store/database.hpp"

namespace trellis::catalog {

// The course being deleted, as the hook sees it (its modules are still there).
struct RemovedCourse {
  std::string course_id;
  std::string format;
  std::string identifier;
  std::string title;
};

struct CourseRemovalHooks {
  // Runs inside the deletion's transaction, before the catalog's rows go: what
  // it deletes commits or rolls back with them. It adds what it removed to
  // `report`. A failure fails the deletion, and nothing is removed.
  std::function<Status(store::Database& db, const RemovedCourse& course, nlohmann::json& report)> removing;
};

// Deletes the course (not_found when there is none) and answers what went:
// course_id, title, format, identifier, versions, modules, files_removed, and
// whatever the hook added. Files go only once the rows are committed; a process
// killed in between leaves folders without rows, which the next import or
// `serve` removes (recovery.cpp).
Result<nlohmann::json> remove_course(const Home& home, store::Database& db, const std::string& course_id,
                                     const std::string& actor, const CourseRemovalHooks& hooks);

}  // namespace trellis::catalog
