// Inspections detect evasion (economy.detection_per_inspection_hour, evasion_fine_meur,
// detection_reward_meur; docs/MODEL.md 7.3.4), checked on scenarios/inspection_game.json, whose
// stage payoffs are derived here by hand from its numbers.
#include <catch2/catch.hpp>
#include <fstream>

#include "engine/model/scenario_loader.hpp"
#include "tests/support/lab.hpp"

using namespace leverage;

namespace {

std::shared_ptr<const Scenario> inspection_game(double detection_per_hour = 0.25) {
  nlohmann::json document = nlohmann::json::parse(std::ifstream(test::source_path("scenarios/inspection_game.json")));
  document["economy"]["detection_per_inspection_hour"] = detection_per_hour;
  return test::load(document, "inspection_game.json");
}

double utility(const Scenario& s, const WorldState& state, std::size_t i) {
  return s.actors[i].payoff->weekly_utility(state.actors[i].terms, state.actors[i].reference);
}

}  // namespace

TEST_CASE("inspection game: the stage payoffs are the classic inspection game's") {
  // g = 2 (evasion revenue, level 1, flowing share 1 when not inspected), f = 4 (fine), the week's
  // evasion revenue forfeited when detected, r = 4 (reward), c = 1 (inspection cost); a 4-hour
  // inspection detects with probability min(1, 0.25 * 4) = 1. Minsk weighs revenue, Warsaw revenue
  // less action cost:
  //                     inspect            no inspection
  //   evade        Minsk -4, Warsaw 3      Minsk 2, Warsaw 0
  //   comply       Minsk  0, Warsaw -1     Minsk 0, Warsaw 0
  const auto s = inspection_game();
  const WorldState start = initial_state(*s, ReplicateKey{1, 0, 0});
  const std::size_t minsk = test::actor(*s, "minsk"), warsaw = test::actor(*s, "warsaw");
  struct Cell {
    const char* minsk_action;
    const char* warsaw_action;
    double minsk_utility, warsaw_utility;
  };
  for (const Cell& cell : {Cell{"evade", "inspect", -4, 3}, Cell{"evade", "no_inspection", 2, 0},
                           Cell{"comply", "inspect", 0, -1}, Cell{"comply", "no_inspection", 0, 0}}) {
    INFO(cell.minsk_action << " / " << cell.warsaw_action);
    const WeekChoices choices = test::with(*s, {{"minsk", cell.minsk_action}, {"warsaw", cell.warsaw_action}});
    const WorldState expected = test::step_expected(*s, start, choices);
    CHECK(utility(*s, expected, minsk) == Approx(cell.minsk_utility).margin(1e-12));
    CHECK(utility(*s, expected, warsaw) == Approx(cell.warsaw_utility).margin(1e-12));
    // Detection is certain here, so the sampled world books the same.
    WorldState sampled = start;
    SampledNoise noise(ReplicateKey{1, 0, 0}, 1);
    step_week(*s, sampled, choices, noise);
    CHECK(utility(*s, sampled, minsk) == Approx(cell.minsk_utility).margin(1e-12));
    CHECK(utility(*s, sampled, warsaw) == Approx(cell.warsaw_utility).margin(1e-12));
  }
}

TEST_CASE("detection: a probability below one detects in that share of weeks, and is expected in a projection") {
  // 0.125 per hour * 4 hours = 0.5. Not detected, Minsk earns g times the flowing share:
  // 2 * (1 - 4/168) = 2 * 164/168; detected, it pays the fine: -4.
  const auto s = inspection_game(0.125);
  const std::size_t minsk = test::actor(*s, "minsk"), warsaw = test::actor(*s, "warsaw");
  const WeekChoices choices = test::with(*s, {{"minsk", "evade"}, {"warsaw", "inspect"}});
  const double undetected = 2.0 * 164.0 / 168.0;
  // Expected dynamics: half the evasion is detected: 0.5 * undetected - 0.5 * 4; Warsaw 0.5 * 4 - 1.
  const WorldState start = initial_state(*s, ReplicateKey{1, 0, 0});
  const WorldState expected = test::step_expected(*s, start, choices);
  CHECK(utility(*s, expected, minsk) == Approx(0.5 * undetected - 2.0));
  CHECK(utility(*s, expected, warsaw) == Approx(1.0));
  // Sampled: each week is detected or not; over 2,000 weeks (replicates) the share detected is
  // 0.5 within 4 standard errors, 4 * sqrt(0.25 / 2000) = 0.045.
  int detected = 0;
  const int weeks = 2000;
  for (int r = 0; r < weeks; ++r) {
    WorldState state = initial_state(*s, ReplicateKey{7, 0, static_cast<std::uint64_t>(r)});
    SampledNoise noise(ReplicateKey{7, 0, static_cast<std::uint64_t>(r)}, 1);
    step_week(*s, state, choices, noise);
    const double u = utility(*s, state, minsk);
    const bool was_detected = u == Approx(-4.0).margin(1e-12);
    CHECK((was_detected || u == Approx(undetected).margin(1e-12)));
    CHECK(utility(*s, state, warsaw) == Approx(was_detected ? 3.0 : -1.0).margin(1e-12));
    detected += was_detected;
  }
  CHECK(static_cast<double>(detected) / weeks == Approx(0.5).margin(0.045));
}

TEST_CASE("detection off (the default): an inspection leaves evasion revenue alone") {
  // The lab scenario sets no detection parameters (defaults 0): evading while Warsaw inspects
  // earns what evading while Warsaw runs the same checks earns without detection, so the target's
  // revenue equals the revenue with detection set but a zero fine, reward and rate.
  const auto lab = test::lab();
  CHECK(lab->economy.detection_per_inspection_hour == 0);
  CHECK(lab->economy.evasion_fine_meur == 0);
  CHECK(lab->economy.detection_reward_meur == 0);
  nlohmann::json document = test::lab_json();
  document["economy"]["detection_per_inspection_hour"] = 1;  // certain detection
  const auto detecting = test::load(document);
  const WeekChoices choices = test::with(*lab, {{"minsk", "evade"}, {"warsaw", "intensive_inspection"}});
  const std::size_t minsk = test::actor(*lab, "minsk");
  const WorldState off = test::step_expected(*lab, initial_state(*lab, ReplicateKey{1, 0, 0}), choices);
  const WorldState on = test::step_expected(*detecting, initial_state(*detecting, ReplicateKey{1, 0, 0}), choices);
  // Detected, the week's evasion revenue is forfeited: E * level * flowing share, with E = 2,
  // level 0.5; the flowing share is the same in both worlds.
  const double demand = 1000.0;
  const double evasion = 2.0 * 0.5 * off.transit_teu / demand;
  CHECK(off.actors[minsk].terms[static_cast<std::size_t>(Term::revenue)] -
            on.actors[minsk].terms[static_cast<std::size_t>(Term::revenue)] ==
        Approx(evasion));
}
