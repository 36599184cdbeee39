// Deleting a course as the composition root wires it: the catalog's rows and
// files (catalog/course_removal.hpp), and in the same transaction what the other
// domains keep about its modules: discussions (threads and posts), knowledge
// index entries and module links, and, when asked, its learning records.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/home.hpp"
#include "core/result.hpp"
#include "store/database.hpp"

namespace trellis {

struct CourseDeletion {
  std::string course_id;
  // Also erase the statements (and state and activity-profile documents) about
  // the course, its modules and its discussions; without it records stay.
  bool purge_records = false;
  std::string actor;  // for the audit log ("cli", an admin key's name)
};

// The deletion's report (see catalog::remove_course) with "discussions",
// "knowledge" and "records" added; not_found for an unknown course.
Result<nlohmann::json> delete_course(const Home& home, store::Database& db, const CourseDeletion& request);

}  // namespace trellis
