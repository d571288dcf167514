// Same seed, same bytes; a different seed, a different run; and common random numbers: changing
// one actor's rule leaves every other actor's draws (and the world's) unchanged.
#include <catch2/catch.hpp>
#include <fstream>

#include "engine/io/run_outputs.hpp"
#include "engine/model/scenario_loader.hpp"
#include "tests/support/lab.hpp"

using namespace leverage;

namespace {

std::string outputs(const Scenario& s, std::uint64_t seed) {
  RunRecord record;
  const ReplicateKey key{seed, 0, 0};
  const WorldState end = run_replicate(s, key, s.weeks, &record);
  return trajectory_csv(s, record) + decisions_csv(s, record) + run_summary(s, end, key, s.weeks).dump();
}

}  // namespace

TEST_CASE("same seed, same bytes; different seed, different run") {
  const auto s = load_scenario(test::source_path("scenarios/belarus_2024.json"));
  const std::string first = outputs(*s, 42);
  CHECK(outputs(*s, 42) == first);
  CHECK(outputs(*s, 43) != first);
  // A scenario loaded twice is the same scenario: same hash, same run.
  const auto again = load_scenario(test::source_path("scenarios/belarus_2024.json"));
  CHECK(again->config_hash == s->config_hash);
  CHECK(outputs(*again, 42) == first);
}

TEST_CASE("changing one actor's rule leaves every other draw unchanged") {
  // Minsk, Warsaw and Moscow play scripted holds with trembles (error_rate 0.5): every week each
  // draws its action from its own stream among menus whose actions are always feasible. If any draw
  // were shared between actors or purposes, changing Beijing's rule would shift their sequences.
  auto document = test::lab_json();
  document["prisoners"]["repression_max"] = 100;  // keeps `repress` feasible at any level
  auto& actors = document["actors"];
  actors[0]["actions"] = nlohmann::json::array({{{"id", "hold"}, {"kind", "hold"}},
                                                {{"id", "amnesty_small"}, {"kind", "amnesty"}, {"count", 10}},
                                                {{"id", "repress"}, {"kind", "repress"}, {"level", 1}},
                                                {{"id", "request_aid"}, {"kind", "request_aid"}}});
  actors[1]["actions"] = nlohmann::json::array({{{"id", "hold"}, {"kind", "hold"}},
                                                {{"id", "routine_control"}, {"kind", "routine_control"}, {"hours", 2}},
                                                {{"id", "intensive_inspection"}, {"kind", "intensive_inspection"}, {"hours", 33}}});
  for (int i : {0, 1, 4}) actors[i]["rule"] = {{"name", "scripted"}, {"params", {{"error_rate", 0.5}}}};
  actors[3]["rule"] = {{"name", "scripted"}};
  const auto holding = test::load(document);
  actors[3]["rule"] = {{"name", "logit"}, {"params", {{"rationality", 0.5}}}};
  const auto active = test::load(document);

  RunRecord a, b;
  const ReplicateKey key{2024, 3, 17};
  run_replicate(*holding, key, 20, &a);
  run_replicate(*active, key, 20, &b);
  const std::size_t beijing = test::actor(*holding, "beijing");
  bool beijing_differs = false;
  for (std::size_t w = 0; w < 20; ++w) {
    for (std::size_t i = 0; i < holding->actors.size(); ++i) {
      if (i == beijing) {
        beijing_differs = beijing_differs || a.actions[w].action[i] != b.actions[w].action[i];
        continue;
      }
      INFO("week " << w + 1 << ", " << holding->actors[i].id);
      CHECK(a.actions[w].action[i] == b.actions[w].action[i]);
    }
    // The world's own draws: the transit demand shock.
    CHECK(a.weeks[w].log_demand_shock == b.weeks[w].log_demand_shock);
  }
  CHECK(beijing_differs);  // the change did change Beijing's play
  // Types and the aid cap are drawn per actor id and purpose, before any play.
  for (std::size_t i = 0; i < holding->actors.size(); ++i) {
    CHECK(a.initial.actors[i].resolved == b.initial.actors[i].resolved);
    CHECK(a.initial.actors[i].cost_tolerance == b.initial.actors[i].cost_tolerance);
  }
  CHECK(a.initial.aid_cap_meur == b.initial.aid_cap_meur);
}

TEST_CASE("adding an actor does not move the others' types") {
  auto document = test::lab_json();
  const auto five = test::load(document);
  auto extra = document["actors"][3];
  extra["id"] = "vilnius";
  document["actors"].push_back(extra);
  const auto six = test::load(document);
  const WorldState a = initial_state(*five, {9, 0, 1}), b = initial_state(*six, {9, 0, 1});
  for (std::size_t i = 0; i < five->actors.size(); ++i) {
    CHECK(a.actors[i].resolved == b.actors[i].resolved);
    CHECK(a.actors[i].cost_tolerance == b.actors[i].cost_tolerance);
  }
}
