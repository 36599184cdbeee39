// Which URLs a learner can open, per item kind.
#include <catch2/catch.hpp>

#include "plugins/item_validator.hpp"
#include "trellis/connector.h"

using trellis::plugins::learner_can_open;

TEST_CASE("item URLs: web for every kind, shared-folder files for documents, mail and phone for experts",
          "[plugins][connector]") {
  for (int32_t kind : {TRELLIS_ITEM_DISCUSSION, TRELLIS_ITEM_DOCUMENT, TRELLIS_ITEM_EXPERT, TRELLIS_ITEM_EVENT}) {
    CHECK(learner_can_open("https://forum.example.org/t/1", kind));
    CHECK(learner_can_open("http://intranet/kb", kind));
    CHECK_FALSE(learner_can_open("https://", kind));
    CHECK_FALSE(learner_can_open("javascript:alert(1)", kind));
    CHECK_FALSE(learner_can_open("/relative/path", kind));
  }
  CHECK(learner_can_open("file:///srv/lessons/ladders.md", TRELLIS_ITEM_DOCUMENT));
  CHECK_FALSE(learner_can_open("file:///srv/lessons/ladders.md", TRELLIS_ITEM_DISCUSSION));
  CHECK_FALSE(learner_can_open("file://host/share/x.md", TRELLIS_ITEM_DOCUMENT));
  CHECK_FALSE(learner_can_open("file:///", TRELLIS_ITEM_DOCUMENT));
  CHECK(learner_can_open("mailto:ana@example.org", TRELLIS_ITEM_EXPERT));
  CHECK(learner_can_open("tel:+441234", TRELLIS_ITEM_EXPERT));
  CHECK_FALSE(learner_can_open("mailto:ana@example.org", TRELLIS_ITEM_DOCUMENT));
  CHECK_FALSE(learner_can_open("mailto:", TRELLIS_ITEM_EXPERT));
}
