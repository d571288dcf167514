// Type-dependent play (`params_resolved` / `params_unresolved`), where rules may sit (Suits), and
// the config errors of the sender rules' action parameters.
#include <catch2/catch.hpp>

#include "engine/config/json_reader.hpp"
#include "tests/agents/rules/sender_lab.hpp"

using namespace leverage;
using Catch::Matchers::Equals;

namespace {

// The lab with Brussels resolved with probability p (1: every replicate resolved, 0: none).
nlohmann::json typed_lab(double p_resolved, const nlohmann::json& rule) {
  nlohmann::json document = test::sender_lab("brussels", rule, {{1, "repress"}});
  document["actors"][2]["types"]["p_resolved"] = p_resolved;
  return document;
}

config::ConfigError load_error(const nlohmann::json& document) {
  try {
    test::load(document);
  } catch (const config::ConfigError& e) {
    return e;
  }
  FAIL("the document loaded");
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("per-type parameters: the type drawn decides which parameters play", "[rules][types]") {
  // tit_for_tat; a resolved Brussels punishes Minsk's week-1 repression with tighten in week 2, an
  // unresolved one has `punish` overridden to hold and does nothing.
  const nlohmann::json rule = {{"name", "tit_for_tat"},
                               {"params", {{"ultimatum", "none"}}},
                               {"params_unresolved", {{"punish", "hold"}}}};
  CHECK_THAT(test::played(typed_lab(1, rule), "brussels", 3), Equals(std::vector<std::string>{"hold", "tighten", "hold"}));
  CHECK_THAT(test::played(typed_lab(0, rule), "brussels", 3), Equals(std::vector<std::string>{"hold", "hold", "hold"}));
  // params_resolved alone overrides the resolved type only: here the resolved one holds.
  const nlohmann::json mirrored = {{"name", "tit_for_tat"},
                                   {"params", {{"ultimatum", "none"}}},
                                   {"params_resolved", {{"punish", "hold"}}}};
  CHECK_THAT(test::played(typed_lab(1, mirrored), "brussels", 3), Equals(std::vector<std::string>{"hold", "hold", "hold"}));
  CHECK_THAT(test::played(typed_lab(0, mirrored), "brussels", 3),
             Equals(std::vector<std::string>{"hold", "tighten", "hold"}));
}

TEST_CASE("per-type parameters are validated like params", "[rules][types]") {
  nlohmann::json rule = {{"name", "tit_for_tat"}, {"params_unresolved", {{"punsh", "hold"}}}};
  auto e = load_error(typed_lab(0.5, rule));
  CHECK(e.pointer == "/actors/2/rule/params_unresolved/punsh");
  CHECK_THAT(e.found, Catch::Contains("did you mean \"punish\""));
  rule = {{"name", "tit_for_tat"}, {"params_unresolved", {{"punish", "tigthen"}}}};
  e = load_error(typed_lab(0.5, rule));
  CHECK(e.pointer == "/actors/2/rule/params_unresolved/punish");
  CHECK_THAT(e.found, Catch::Contains("did you mean \"tighten\""));
  rule = {{"name", "tit_for_tat"}, {"params_resolved", {{"error_rate", 2}}}};
  e = load_error(typed_lab(0.5, rule));
  CHECK(e.pointer == "/actors/2/rule/params_resolved/error_rate");
}

TEST_CASE("sender rules name menu actions with a did-you-mean, and refuse the target's slot", "[rules][types]") {
  auto e = load_error(test::sender_lab("brussels", {{"name", "grim_trigger"}, {"params", {{"punish", "tighen"}}}}, {}));
  CHECK(e.pointer == "/actors/2/rule/params/punish");
  CHECK_THAT(e.found, Catch::Contains("did you mean \"tighten\""));
  // Moscow's menu has no action of a punishing kind: the default cannot be resolved.
  e = load_error(test::sender_lab("moscow", {{"name", "grim_trigger"}}, {}));
  CHECK(e.pointer == "/actors/4/rule/params/punish");
  CHECK_THAT(e.expected, Catch::Contains("tighten_sanctions, close_crossing, press_target"));
  // An issue_ultimatum parameter must name an ultimatum.
  e = load_error(test::sender_lab("brussels", {{"name", "tit_for_tat"}, {"params", {{"ultimatum", "ease"}}}}, {}));
  CHECK(e.pointer == "/actors/2/rule/params/ultimatum");
  // Sender rules do not suit the target.
  nlohmann::json document = test::lab_json();
  document["actors"][0]["rule"] = {{"name", "appease"}};
  e = load_error(document);
  CHECK(e.pointer == "/actors/0/rule/name");
  CHECK_THAT(e.expected, Catch::Contains("senders"));
  // Thresholds must rise and match the ladder.
  e = load_error(test::sender_lab(
      "warsaw", {{"name", "graduated_escalation"}, {"params", {{"thresholds", {3, 3}}}}}, {}));
  CHECK(e.pointer == "/actors/1/rule/params/thresholds/1");
  e = load_error(test::sender_lab(
      "warsaw", {{"name", "graduated_escalation"}, {"params", {{"thresholds", {3}}}}}, {}));
  CHECK(e.pointer == "/actors/1/rule/params/thresholds");
}
