// The benchmark beside the simulation (engine/model/prediction.hpp, agents/solvers/crisis_prediction.cpp):
// the crisis game a scenario implies, its inputs and the equilibrium read from it, derived by hand; where
// the prediction is recorded (summary.json, decisions.csv, outcomes.csv); the per-type imposition costs'
// config errors.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <sstream>

#include "engine/config/json_reader.hpp"
#include "engine/ensemble/ensemble.hpp"
#include "engine/io/run_outputs.hpp"
#include "engine/model/prediction.hpp"
#include "engine/model/scenario_loader.hpp"
#include "tests/support/lab.hpp"

using namespace leverage;

namespace {

nlohmann::json dock_json() {
  return config::parse_json_file(test::source_path("scenarios/crisis_dock.json"));
}

// The shipped crisis game's numbers (scenarios/games/crisis_uncertain.json) with a prior of choice.
CrisisInputs textbook(double prior) {
  CrisisInputs in;
  in.prior_resolved = prior;
  in.demand_value = 1.0;
  in.audience_cost = 0.5;
  in.imposition_cost_resolved = 0.3;
  in.imposition_cost_irresolute = 0.8;
  in.imposition_value = 0.0;
  in.concession_cost = 1.0;
  in.sanction_cost = 1.5;
  return in;
}

CrisisPrediction solve(const CrisisInputs& in) {
  REQUIRE(crisis_predictor() != nullptr);  // registered by the agents library
  return crisis_predictor()(in);
}

}  // namespace

TEST_CASE("crisis prediction: the default crisis is semi-separating", "[solvers][prediction]") {
  // Prior 1/2. After defiance a resolved sender imposes (-0.3 > -0.5), an irresolute one backs down
  // (-0.8 < -0.5). Minsk complies iff its posterior is at least mu* = 1/1.5 = 2/3 > 1/2, so no pure
  // PBE has the ultimatum on the path; the semi-separating one does:
  //   Minsk complies with r* = audience / (demand + audience) = 0.5 / 1.5 = 1/3 (the bluffer's
  //     indifference: r* 1 + (1 - r*)(-0.5) = 0);
  //   the resolved type always issues; the irresolute bluffs with b = p (1 - mu*) / ((1 - p) mu*)
  //     = 0.5 (1/3) / (0.5 (2/3)) = 1/2;
  //   the posterior after an ultimatum is 0.5 / (0.5 + 0.5 * 0.5) = 2/3 = mu*, so a defied sender
  //     executes with probability 2/3 * 1 + 1/3 * 0 = 2/3.
  const CrisisPrediction p = solve(textbook(0.5));
  CHECK(p.kind == CrisisKind::semi_separating);
  CHECK(p.reason == PredictionReason::ultimatum_on_path);
  CHECK(p.p_comply == Approx(1.0 / 3.0).margin(1e-12));
  CHECK(p.p_issue[0] == Approx(1.0).margin(1e-12));
  CHECK(p.p_issue[1] == Approx(0.5).margin(1e-12));
  CHECK(p.posterior_resolved == Approx(2.0 / 3.0).margin(1e-12));
  CHECK(p.p_impose[0] == 1.0);
  CHECK(p.p_impose[1] == 0.0);
  CHECK(p.p_execute == Approx(2.0 / 3.0).margin(1e-12));
  // crisis_equilibria also finds the pure pooling equilibrium on the status quo (off-path belief below
  // 2/3 makes Minsk defy, and a resolved sender facing defiance earns -0.3 < 0): two in all.
  CHECK(p.equilibria == 2);
}

TEST_CASE("crisis prediction: a high prior pools on the ultimatum", "[solvers][prediction]") {
  // Prior 0.8 >= 2/3: both types issue, Minsk's posterior is the prior 0.8 and it complies; after a
  // (never observed) defiance only the resolved type imposes: P(execute | defy) = 0.8.
  const CrisisPrediction p = solve(textbook(0.8));
  CHECK(p.kind == CrisisKind::pooling);
  CHECK(p.reason == PredictionReason::ultimatum_on_path);
  CHECK(p.p_comply == 1.0);
  CHECK(p.p_issue[0] == 1.0);
  CHECK(p.p_issue[1] == 1.0);
  CHECK(p.p_execute == Approx(0.8).margin(1e-12));
}

TEST_CASE("crisis prediction: complete information", "[solvers][prediction]") {
  // Prior 1: a resolved sender's threat is credible (-0.3 > -0.5), so Minsk complies (-1 > -1.5) and
  // the sender issues (1 > 0): success at the threat stage, never an imposition on the path.
  const CrisisPrediction resolved = solve(textbook(1.0));
  CHECK(resolved.kind == CrisisKind::complete_information);
  CHECK(resolved.reason == PredictionReason::ultimatum_on_path);
  CHECK(resolved.p_comply == 1.0);
  CHECK(resolved.p_execute == 1.0);
  // Prior 0: an irresolute sender would back down (-0.8 < -0.5), so Minsk would defy and the sender,
  // facing -0.5 against 0, never issues: the ultimatum is off the path, and a defied one is not executed.
  const CrisisPrediction irresolute = solve(textbook(0.0));
  CHECK(irresolute.kind == CrisisKind::complete_information);
  CHECK(irresolute.reason == PredictionReason::ultimatum_off_path);
  CHECK(irresolute.p_issue[1] == 0.0);
  CHECK(irresolute.p_execute == 0.0);
}

TEST_CASE("crisis prediction: a non-finite number makes no game", "[solvers][prediction]") {
  // No validated scenario gives one, but the predictor must not read an equilibrium into it: nothing is
  // predicted (no equilibrium, NaN probabilities), as when a solver finds none.
  CrisisInputs in = textbook(0.5);
  in.sanction_cost = std::numeric_limits<double>::infinity();
  const CrisisPrediction p = solve(in);
  CHECK(p.reason == PredictionReason::no_equilibrium);
  CHECK(p.equilibria == 0);
  CHECK(std::isnan(p.p_comply));
  CHECK(std::isnan(p.p_execute));
  CHECK(p.kind == CrisisKind::none);
}

TEST_CASE("crisis inputs: crisis_dock maps to the textbook game times ten", "[solvers][prediction]") {
  // scenarios/crisis_dock.json, by its numbers:
  //   demand value: 10 releases x Brussels' weight 1 per release = 10;
  //   audience cost: 5 x -(-1) = 5 (a public ultimatum);
  //   imposition: Brussels' own weekly cost of a suspension is 0, so only the type's one-time cost,
  //     3 (resolved) and 8 (irresolute) MEUR, times -(action_cost weight -1) = 3 and 8;
  //   concession: capitulation 10 x -(-1) = 10; Minsk weighs no prisoner term and no reward is offered;
  //   sanction: Minsk's revenue weight 1 x (transit fee 0 + export loss 1.5 + own cost 0) MEUR a week
  //     x 10 expected weeks = 15;
  //   prior: Minsk's belief 0.4 (passed in).
  const auto s = load_scenario(test::source_path("scenarios/crisis_dock.json"));
  const CrisisInputs in = crisis_inputs(*s, test::actor(*s, "brussels"), 0, 0.4, 1.0);
  CHECK(in.prior_resolved == 0.4);
  CHECK(in.demand_value == Approx(10.0));
  CHECK(in.audience_cost == Approx(5.0));
  CHECK(in.imposition_cost_resolved == Approx(3.0));
  CHECK(in.imposition_cost_irresolute == Approx(8.0));
  CHECK(in.imposition_value == 0.0);
  CHECK(in.concession_cost == Approx(10.0));
  CHECK(in.sanction_cost == Approx(15.0));
  // Solved: mu* = 10/15 = 2/3 > 0.4, r* = 5 / (10 + 5) = 1/3, b = 0.4 (1/3) / (0.6 (2/3)) = 1/3, the
  // posterior 0.4 / (0.4 + 0.6/3) = 2/3, so P(execute | defy) = 2/3.
  const CrisisPrediction p = solve(in);
  CHECK(p.kind == CrisisKind::semi_separating);
  CHECK(p.p_comply == Approx(1.0 / 3.0).margin(1e-12));
  CHECK(p.p_issue[1] == Approx(1.0 / 3.0).margin(1e-12));
  CHECK(p.p_execute == Approx(2.0 / 3.0).margin(1e-12));
}

TEST_CASE("crisis prediction: belarus_2024's threat is not credible to the game", "[solvers][prediction]") {
  // Brussels' own cost of a suspension, 10 MEUR a week for the 26 weeks Minsk expects it to last, is
  // 260 in its utility (revenue weight 1), the same for both types (no per-type cost in the default);
  // backing down costs the audience cost 20. So neither type would impose after defiance, Minsk defies
  // whatever it believes, and no type issues: the ultimatum is off the path, P(comply) = 0 and
  // P(execute | defy) = 0, whatever the run's agents then do.
  const auto s = load_scenario(test::source_path("scenarios/belarus_2024.json"));
  const std::size_t brussels = test::actor(*s, "brussels");
  const auto spec =
      static_cast<std::size_t>(s->actors[brussels].menu[test::action(*s, "brussels", "ultimatum")].ultimatum);
  const CrisisInputs in = crisis_inputs(*s, brussels, spec, 0.35, 0.3);
  CHECK(in.demand_value == Approx(30.0));  // 300 releases x 0.1
  CHECK(in.audience_cost == Approx(20.0));
  CHECK(in.imposition_cost_resolved == Approx(260.0));
  CHECK(in.imposition_cost_irresolute == Approx(260.0));
  const CrisisPrediction p = solve(in);
  CHECK(p.reason == PredictionReason::ultimatum_off_path);
  CHECK(p.p_comply == 0.0);
  CHECK(p.p_execute == 0.0);
}

TEST_CASE("crisis prediction: recorded in summary.json, decisions.csv and outcomes.csv",
          "[solvers][prediction][outputs]") {
  const auto s = load_scenario(test::source_path("scenarios/crisis_dock.json"));
  // Seed 1 issues (a resolved Brussels always issues, an irresolute one with probability 1/3; the
  // replicate is searched for one that does, so the test does not hang on one seed's draw).
  std::uint64_t seed = 1;
  RunRecord record;
  WorldState end;
  for (;; ++seed) {
    record = RunRecord{};
    end = run_replicate(*s, ReplicateKey{seed, 0, 0}, s->weeks, &record);
    if (end.ultimatum_count > 0) break;
    REQUIRE(seed < 50);
  }
  const auto summary = run_summary(*s, end, ReplicateKey{seed, 0, 0}, s->weeks);
  const auto& prediction = summary["ultimatums"][0]["prediction"];
  CHECK(prediction["p_comply"].get<double>() == Approx(1.0 / 3.0).margin(1e-12));
  CHECK(prediction["p_execute"].get<double>() == Approx(2.0 / 3.0).margin(1e-12));
  CHECK(prediction["kind"] == "semi_separating");
  CHECK(prediction["reason"] == "first_equilibrium_with_ultimatum_on_path");
  CHECK(prediction["inputs"]["prior_resolved"].get<double>() == 0.4);
  CHECK(prediction["inputs"]["sanction_cost"].get<double>() == Approx(15.0));
  // decisions.csv: the two prediction columns are the last two, filled on Brussels' issuing row only.
  std::istringstream csv(decisions_csv(*s, record));
  std::string line;
  std::getline(csv, line);
  CHECK_THAT(line, Catch::Matchers::EndsWith(",predicted_p_comply,predicted_p_execute"));
  int filled = 0, rows = 0;
  while (std::getline(csv, line)) {
    ++rows;
    if (line.substr(line.size() - 2) == ",,") continue;
    ++filled;
    CHECK(line.rfind("1,brussels,", 0) == 0);  // week 1, the sender
  }
  CHECK(rows == 2 * s->weeks);
  CHECK(filled == 1);
  // outcomes.csv columns: the prediction of the first ultimatum, empty (NaN) where none was issued.
  EnsembleOptions options;
  options.replicates = 20;
  options.threads = 1;
  options.bands = false;
  const EnsembleResult result = run_ensemble(*s, options);
  std::size_t comply_column = result.schema.size(), issued_column = result.schema.size();
  for (std::size_t c = 0; c < result.schema.size(); ++c) {
    if (result.schema.columns()[c].name == "u1_predicted_p_comply") comply_column = c;
    if (result.schema.columns()[c].name == "ultimatums_issued") issued_column = c;
  }
  REQUIRE(comply_column < result.schema.size());
  for (std::uint64_t r = 0; r < result.replicates; ++r) {
    const double* row = result.row(r);
    if (row[issued_column] > 0) {
      CHECK(row[comply_column] == Approx(1.0 / 3.0).margin(1e-12));
    } else {
      CHECK(std::isnan(row[comply_column]));
    }
  }
}

TEST_CASE("per-type imposition costs: config errors name the path", "[model][prediction][config]") {
  nlohmann::json document = dock_json();
  auto& by_type = document["actors"][1]["actions"][1]["ultimatum"]["imposition_cost_meur"];
  const std::string at = "/actors/1/actions/1/ultimatum/imposition_cost_meur";
  by_type["resolved"] = "three";
  try {
    load_scenario_document(document, "crisis_dock.json");
    FAIL("a string cost loaded");
  } catch (const config::ConfigError& e) {
    CHECK_THAT(e.pointer, Catch::Matchers::Equals(at + "/resolved"));
    CHECK_THAT(e.found, Catch::Matchers::Contains("three"));
  }
  by_type.erase("resolved");
  try {
    load_scenario_document(document, "crisis_dock.json");
    FAIL("a missing resolved cost loaded");
  } catch (const config::ConfigError& e) {
    CHECK_THAT(e.pointer, Catch::Matchers::Equals(at));  // the object that lacks the key
    CHECK_THAT(e.expected, Catch::Matchers::Contains("resolved"));
  }
  by_type["resolved"] = 3;
  by_type["irresolut"] = 8;
  try {
    load_scenario_document(document, "crisis_dock.json");
    FAIL("a misspelt key loaded");
  } catch (const config::ConfigError& e) {
    CHECK_THAT(e.pointer, Catch::Matchers::StartsWith(at));
  }
}
