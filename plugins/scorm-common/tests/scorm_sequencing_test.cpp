// IMS Simple Sequencing kept whole in the model, collections resolved, and the
// checks code must make (vocabularies, objective references, IDRefs).
#include <catch2/catch.hpp>

#include "scorm_test_support.hpp"

using namespace trellis::testing;
using namespace trellis::testing::scorm;

namespace {

const std::string full_sequencing =
    "<imsss:sequencing>"
    "<imsss:controlMode choice=\"false\" flow=\"true\" forwardOnly=\"true\"/>"
    "<imsss:sequencingRules>"
    "<imsss:preConditionRule><imsss:ruleConditions conditionCombination=\"any\">"
    "<imsss:ruleCondition referencedObjective=\"obj_pre\" operator=\"not\" condition=\"satisfied\"/>"
    "<imsss:ruleCondition condition=\"attempted\"/></imsss:ruleConditions>"
    "<imsss:ruleAction action=\"disabled\"/></imsss:preConditionRule>"
    "<imsss:exitConditionRule><imsss:ruleConditions><imsss:ruleCondition condition=\"completed\"/>"
    "</imsss:ruleConditions><imsss:ruleAction action=\"exit\"/></imsss:exitConditionRule>"
    "<imsss:postConditionRule><imsss:ruleConditions><imsss:ruleCondition condition=\"objectiveMeasureLessThan\" "
    "measureThreshold=\"0.5\"/></imsss:ruleConditions><imsss:ruleAction action=\"retry\"/></imsss:postConditionRule>"
    "</imsss:sequencingRules>"
    "<imsss:limitConditions attemptLimit=\"3\" attemptAbsoluteDurationLimit=\"PT1H\"/>"
    "<imsss:rollupRules objectiveMeasureWeight=\"0.5\"><imsss:rollupRule childActivitySet=\"atLeastCount\" "
    "minimumCount=\"2\"><imsss:rollupConditions><imsss:rollupCondition condition=\"completed\"/>"
    "</imsss:rollupConditions><imsss:rollupAction action=\"completed\"/></imsss:rollupRule></imsss:rollupRules>"
    "<imsss:objectives><imsss:primaryObjective objectiveID=\"obj_main\" satisfiedByMeasure=\"true\">"
    "<imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure>"
    "<imsss:mapInfo targetObjectiveID=\"g1\" writeSatisfiedStatus=\"true\"/></imsss:primaryObjective>"
    "<imsss:objective objectiveID=\"obj_pre\"><imsss:mapInfo targetObjectiveID=\"g2\"/></imsss:objective>"
    "</imsss:objectives>"
    "<imsss:randomizationControls randomizationTiming=\"onEachNewAttempt\" selectCount=\"2\" "
    "reorderChildren=\"true\" selectionTiming=\"once\"/>"
    "<imsss:deliveryControls tracked=\"true\" completionSetByContent=\"true\" objectiveSetByContent=\"false\"/>"
    "<adlseq:constrainedChoiceConsiderations preventActivation=\"true\" constrainChoice=\"false\"/>"
    "<adlseq:rollupConsiderations requiredForSatisfied=\"ifAttempted\" measureSatisfactionIfActive=\"true\"/>"
    "<adlseq:objectives><adlseq:objective objectiveID=\"obj_main\"><adlseq:mapInfo targetObjectiveID=\"g1\" "
    "writeCompletionStatus=\"true\"/></adlseq:objective></adlseq:objectives>"
    "</imsss:sequencing>";

std::string item_with(const std::string& sequencing) {
  return "<item identifier=\"i1\" identifierref=\"r1\"><title>One</title>" + sequencing + "</item>";
}

}  // namespace

TEST_CASE("The whole sequencing definition of an item is kept", "[scorm][sequencing]") {
  ImportOutcome out =
      scorm2004().import(package(manifest2004(org(item_with(full_sequencing)), sco2004("r1", "a.html"))));
  expect_clean(out);
  const nlohmann::json& s = out.course["nodes"][0]["children"][0]["sequencing"];
  CHECK(s["controlMode"]["choice"] == false);
  CHECK(s["controlMode"]["forwardOnly"] == true);
  const nlohmann::json& pre = s["sequencingRules"]["preConditionRule"][0];
  CHECK(pre["ruleConditions"]["conditionCombination"] == "any");
  CHECK(pre["ruleConditions"]["ruleCondition"].size() == 2);
  CHECK(pre["ruleConditions"]["ruleCondition"][0]["operator"] == "not");
  CHECK(pre["ruleAction"]["action"] == "disabled");
  CHECK(s["sequencingRules"]["exitConditionRule"][0]["ruleAction"]["action"] == "exit");
  CHECK(s["sequencingRules"]["postConditionRule"][0]["ruleConditions"]["ruleCondition"][0]["measureThreshold"] == 0.5);
  CHECK(s["limitConditions"]["attemptLimit"] == 3);
  CHECK(s["limitConditions"]["attemptLimit"].is_number_integer());
  CHECK(s["limitConditions"]["attemptAbsoluteDurationLimit"] == "PT1H");
  CHECK(s["rollupRules"]["objectiveMeasureWeight"] == 0.5);
  CHECK(s["rollupRules"]["rollupRule"][0]["minimumCount"] == 2.0);
  CHECK(s["objectives"]["primaryObjective"]["minNormalizedMeasure"] == 0.8);
  CHECK(s["objectives"]["primaryObjective"]["mapInfo"][0]["targetObjectiveID"] == "g1");
  CHECK(s["objectives"]["objective"][0]["objectiveID"] == "obj_pre");
  CHECK(s["randomizationControls"]["selectCount"] == 2.0);
  CHECK(s["deliveryControls"]["objectiveSetByContent"] == false);
  CHECK(s["adlseq:constrainedChoiceConsiderations"]["preventActivation"] == true);
  CHECK(s["adlseq:rollupConsiderations"]["requiredForSatisfied"] == "ifAttempted");
  CHECK(s["adlseq:objectives"]["adlseq:objective"][0]["adlseq:mapInfo"][0]["writeCompletionStatus"] == true);
}

TEST_CASE("sequencingCollection entries are resolved by IDRef, local elements winning", "[scorm][sequencing]") {
  std::string collection =
      "<imsss:sequencingCollection><imsss:sequencing ID=\"shared\"><imsss:controlMode flow=\"true\"/>"
      "<imsss:limitConditions attemptLimit=\"1\"/></imsss:sequencing></imsss:sequencingCollection>";
  std::string seq = "<imsss:sequencing IDRef=\"shared\"><imsss:limitConditions attemptLimit=\"5\"/></imsss:sequencing>";
  ImportOutcome out =
      scorm2004().import(package(manifest2004(org(item_with(seq)), sco2004("r1", "a.html"), "2004 4th Edition", collection)));
  expect_clean(out);
  const nlohmann::json& s = out.course["nodes"][0]["children"][0]["sequencing"];
  CHECK(s["controlMode"]["flow"] == true);
  CHECK(s["limitConditions"]["attemptLimit"] == 5.0);
  CHECK(s["IDRef"] == "shared");
  CHECK(out.course["extensions"]["scorm"]["sequencingCollection"].contains("shared"));

  std::string dangling = "<imsss:sequencing IDRef=\"nowhere\"/>";
  expect_rejected(scorm2004().import(package(
                      manifest2004(org(item_with(dangling)), sco2004("r1", "a.html"), "2004 4th Edition", collection))),
                  "scorm.sequencing.idref.unresolved");
}

TEST_CASE("Sequencing vocabularies and objective references are checked", "[scorm][sequencing]") {
  auto rejected_with = [](const std::string& from, const std::string& to, const std::string& code) {
    std::string seq = full_sequencing;
    size_t at = seq.find(from);
    REQUIRE(at != std::string::npos);
    seq.replace(at, from.size(), to);
    expect_rejected(scorm2004().import(package(manifest2004(org(item_with(seq)), sco2004("r1", "a.html")))), code);
  };
  rejected_with("action=\"exit\"", "action=\"skip\"", "scorm.sequencing.vocabulary");
  rejected_with("action=\"disabled\"", "action=\"retry\"", "scorm.sequencing.vocabulary");
  rejected_with("condition=\"attempted\"", "condition=\"bored\"", "scorm.sequencing.vocabulary");
  rejected_with("<imsss:rollupAction action=\"completed\"/>", "<imsss:rollupAction action=\"done\"/>",
                "scorm.sequencing.vocabulary");
  rejected_with("referencedObjective=\"obj_pre\"", "referencedObjective=\"obj_gone\"",
                "scorm.sequencing.objective.unresolved");
}

TEST_CASE("Organization-level sequencing is kept on the organization node", "[scorm][sequencing]") {
  std::string orgs = "<organizations default=\"org\"><organization identifier=\"org\" "
                     "adlseq:objectivesGlobalToSystem=\"false\"><title>C</title>" +
                     item_with("") +
                     "<imsss:sequencing><imsss:controlMode choice=\"true\" flow=\"true\"/></imsss:sequencing>"
                     "</organization></organizations>";
  ImportOutcome out = scorm2004().import(package(manifest2004(orgs, sco2004("r1", "a.html"))));
  expect_clean(out);
  CHECK(out.course["nodes"][0]["sequencing"]["controlMode"]["flow"] == true);
  CHECK(out.course["nodes"][0]["attributes"]["objectivesGlobalToSystem"] == false);
}
