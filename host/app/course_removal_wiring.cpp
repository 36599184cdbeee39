#include "app/course_removal_wiring.hpp"

#include <vector>

#include "catalog/course_reader.hpp"
#include "catalog/course_removal.hpp"
#include "community/community_statements.hpp"
#include "community/community_store.hpp"
#include "knowledge/index_store.hpp"
#include "knowledge/link_store.hpp"
#include "player/player_store.hpp"
#include "records/export_store.hpp"
#include "xapi/identifiers.hpp"

namespace trellis {
namespace {

// The activities statements name when they are about the course: the course
// itself (its identifier, when an IRI, as `records export --course` takes it),
// each module it has had, and each of its threads and posts.
Result<std::vector<std::string>> course_activities(store::Database& db, const catalog::RemovedCourse& course) {
  std::vector<std::string> iris;
  if (xapi::is_iri(course.identifier)) iris.push_back(course.identifier);
  auto modules = catalog::modules_of_course(db, course.course_id);
  if (!modules) return modules.error();
  for (const auto& m : *modules) iris.push_back(community::module_activity_id(m));
  community::CommunityStore discussions(db);
  auto threads = discussions.thread_ids_of_course(course.course_id);
  if (!threads) return threads.error();
  for (const auto& id : *threads) iris.push_back(community::thread_activity_id(id));
  auto posts = discussions.post_ids_of_course(course.course_id);
  if (!posts) return posts.error();
  for (const auto& id : *posts) iris.push_back(community::post_activity_id(id));
  return iris;
}

Status remove_what_domains_keep(store::Database& db, const catalog::RemovedCourse& course, bool purge_records,
                                nlohmann::json& report) {
  // Read before the discussions go: a purge needs their ids.
  std::vector<std::string> activities;
  if (purge_records) {
    auto found = course_activities(db, course);
    if (!found) return found.error();
    activities = std::move(*found);
  }
  // Links first: they are found through the entries that go next.
  auto links = knowledge::remove_course_links(db, course.course_id);
  if (!links) return links.error();
  auto entries = knowledge::remove_course_entries(db, course.course_id);
  if (!entries) return entries.error();
  report["knowledge"] = {{"entries", *entries}, {"links", *links}};
  auto discussions = community::CommunityStore(db).remove_course_discussions(course.course_id);
  if (!discussions) return discussions.error();
  report["discussions"] = {{"threads", discussions->first}, {"posts", discussions->second}};
  // Registrations name the course's versions: they go with it (their statements
  // stay in the LRS unless purged, like every other record).
  auto registrations = player::PlayerStore(db).remove_course_registrations(course.course_id);
  if (!registrations) return registrations.error();
  report["registrations"] = *registrations;
  if (!purge_records) {
    report["records"] = "kept";
    return {};
  }
  auto erased = records::erase_activities(db, activities);
  if (!erased) return erased.error();
  report["records"] = {{"activities", activities.size()},
                       {"statements", erased->statements},
                       {"state_documents", erased->state_documents},
                       {"activity_profiles", erased->activity_profiles},
                       {"attachments", erased->attachments}};
  return {};
}

}  // namespace

Result<nlohmann::json> delete_course(const Home& home, store::Database& db, const CourseDeletion& request) {
  catalog::CourseRemovalHooks hooks;
  hooks.removing = [purge = request.purge_records](store::Database& tx_db, const catalog::RemovedCourse& course,
                                                    nlohmann::json& report) {
    return remove_what_domains_keep(tx_db, course, purge, report);
  };
  return catalog::remove_course(home, db, request.course_id, request.actor, hooks);
}

}  // namespace trellis
