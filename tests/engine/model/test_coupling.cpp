// Couplings between the parts of the world, on the lab scenario with expected dynamics, against
// values derived by hand from docs/MODEL.md's equations (each derivation in a comment).
#include <catch2/catch.hpp>

#include "tests/support/lab.hpp"

using namespace leverage;
using Catch::Matchers::WithinAbs;

namespace {
double revenue(const WorldState& w, std::size_t actor) { return at(w.actors[actor].terms, Term::revenue); }
}  // namespace

TEST_CASE("navigational seals cut the target's evasion revenue") {
  const auto s = test::lab();
  WorldState start = initial_state(*s, {});
  start.evasion_level = 1;  // evasion_decay is 0 in the lab
  WorldState sealed = start;
  sealed.seals_in_force = true;
  const std::size_t minsk = test::actor(*s, "minsk");
  const WorldState open_week = test::step_expected(*s, start, test::holds(*s));
  const WorldState sealed_week = test::step_expected(*s, sealed, test::holds(*s));
  // Minsk's revenue = transit fees 1000 TEU * 1000 EUR = 1 MEUR, minus sanctions 1 level * 1 MEUR,
  // plus evasion 2 MEUR * level 1 * (1 - cut) * flowing share 1: cut 0 without seals, 0.75 with.
  CHECK_THAT(revenue(open_week, minsk), WithinAbs(1.0 - 1.0 + 2.0, 1e-12));
  CHECK_THAT(revenue(sealed_week, minsk), WithinAbs(1.0 - 1.0 + 0.5, 1e-12));
}

TEST_CASE("a suspension cuts Warsaw's terminal revenue and stresses Minsk beyond Moscow's capped aid") {
  const auto s = test::lab();
  const std::size_t minsk = test::actor(*s, "minsk"), warsaw = test::actor(*s, "warsaw");
  WorldState w = initial_state(*s, {});
  const WorldState normal = test::step_expected(*s, w, test::holds(*s));
  // Baseline: 800 TEU through Malaszewicze at 500 EUR = 0.4 MEUR for Warsaw.
  CHECK_THAT(revenue(normal, warsaw), WithinAbs(0.4, 1e-12));
  CHECK(normal.budget_stress == 0);
  w.suspension = true;
  // Every week Minsk asks for aid (standing share 0.5 * cap 2 = 1) and Moscow subsidizes 2: the
  // cap of 2 MEUR binds. Minsk's revenue: fees 0 - export loss 5 - sanctions 1 + aid 2 = -4 against
  // a baseline of 1 - 1 = 0, so the buffer of 100 falls by 4 a week and stress = 1 - buffer/100.
  for (int week = 1; week <= 5; ++week) {
    w = test::step_expected(*s, w, test::with(*s, {{"minsk", "request_aid"}, {"moscow", "subsidize"}}));
    CHECK_THAT(w.aid_week_meur, WithinAbs(2.0, 1e-12));
    CHECK_THAT(revenue(w, warsaw), WithinAbs(0.0, 1e-12));
    CHECK_THAT(revenue(w, minsk), WithinAbs(-4.0, 1e-12));
    CHECK_THAT(w.budget_stress, WithinAbs(0.04 * week, 1e-12));
  }
}

TEST_CASE("repression raises the prisoner stock in later weeks") {
  const auto s = test::lab();
  const WorldState start = initial_state(*s, {});
  // Hold: arrests 10 * repression 1 = 10, completions 0.01 * 1000 = 10: the stock stays at 1000.
  WorldState held = test::step_expected(*s, start, test::holds(*s));
  held = test::step_expected(*s, held, test::holds(*s));
  CHECK_THAT(held.prisoners, WithinAbs(1000.0, 1e-9));
  // Repress (level +1) in week 1: repression 2, arrests 20, completions 10: stock 1010; repression
  // decays halfway to 1.5. Week 2: arrests 15, completions 0.01 * 1010 = 10.1: stock 1014.9.
  WorldState repressed = test::step_expected(*s, start, test::with(*s, {{"minsk", "repress"}}));
  CHECK_THAT(repressed.prisoners, WithinAbs(1010.0, 1e-9));
  CHECK_THAT(repressed.repression, WithinAbs(1.5, 1e-12));
  repressed = test::step_expected(*s, repressed, test::holds(*s));
  CHECK_THAT(repressed.prisoners, WithinAbs(1014.9, 1e-9));
}

TEST_CASE("rerouted cargo returns linearly over the stated weeks") {
  const auto s = test::lab();  // return_weeks = 4, no demand shocks, no shipper flight
  WorldState w = initial_state(*s, {});
  // Week 1: Beijing reroutes 0.4 of demand: 1000 * 0.6 = 600 TEU flow. Then the share returns
  // by 0.4/4 = 0.1 a week: 700, 800, 900, and the full 1000 in week 5, 4 weeks after the last reroute.
  w = test::step_expected(*s, w, test::with(*s, {{"beijing", "reroute"}}));
  CHECK_THAT(w.transit_teu, WithinAbs(600.0, 1e-9));
  const double expected[] = {700, 800, 900, 1000, 1000};
  for (double flow : expected) {
    w = test::step_expected(*s, w, test::holds(*s));
    CHECK_THAT(w.transit_teu, WithinAbs(flow, 1e-9));
  }
}

TEST_CASE("a Polish-only closure leaks to the Lithuanian and Latvian crossings; an EU suspension does not") {
  const auto s = test::lab();
  const WorldState start = initial_state(*s, {});
  // Closing pl blocks its 800 TEU; half (leak_share 0.5) = 400 seeks lt and lv, split by equal
  // leak weights (200 each) within spare capacity: lt 300 - 100 = 200 (all fits), lv 200 - 100 =
  // 100. So lt 300, lv 200, leaked 300, transit 500, lost 500.
  const WorldState closed = test::step_expected(*s, start, test::with(*s, {{"warsaw", "close"}}));
  CHECK_THAT(closed.crossing_teu[0], WithinAbs(0.0, 1e-9));
  CHECK_THAT(closed.crossing_teu[1], WithinAbs(300.0, 1e-9));
  CHECK_THAT(closed.crossing_teu[2], WithinAbs(200.0, 1e-9));
  CHECK_THAT(closed.leaked_teu, WithinAbs(300.0, 1e-9));
  CHECK_THAT(closed.transit_teu, WithinAbs(500.0, 1e-9));
  CHECK_THAT(closed.transit_lost_teu, WithinAbs(500.0, 1e-9));
  // An EU-wide suspension closes every EU crossing: nothing leaks, everything is lost.
  WorldState suspended = start;
  suspended.suspension = true;
  suspended = test::step_expected(*s, suspended, test::holds(*s));
  CHECK(suspended.leaked_teu == 0);
  CHECK(suspended.transit_teu == 0);
  CHECK_THAT(suspended.transit_lost_teu, WithinAbs(1000.0, 1e-9));
}

TEST_CASE("bilateral China-Belarus traffic is untouched by EU measures") {
  const auto s = test::lab();
  WorldState w = initial_state(*s, {});
  w.suspension = true;
  w = test::step_expected(*s, w, test::with(*s, {{"warsaw", "close"}}));
  CHECK_THAT(w.bilateral_teu, WithinAbs(100.0, 1e-12));
}

TEST_CASE("an EU member's veto blocks a collective act, and Moscow's counter-pressure makes vetoes likelier") {
  auto document = test::lab_json();
  document["eu"]["members"] = {{{"id", "HU"}, {"veto_probability", 1.0}}};
  const auto s = test::load(document);
  const std::size_t brussels = test::actor(*s, "brussels");
  WorldState w = initial_state(*s, {});
  SampledNoise noise({}, 1);
  step_week(*s, w, test::with(*s, {{"brussels", "ultimatum"}}), noise);
  CHECK(w.ultimatum_count == 0);
  CHECK(at(w.actors[brussels].terms, Term::vetoed) == 1);
  // Pass probability with p = 0.2 and no pressure: 0.8; with counter-pressure 1 and a boost of 0.5
  // per level: p = 0.2 * 1.5 = 0.3, pass 0.7.
  document["eu"]["members"] = {{{"id", "HU"}, {"veto_probability", 0.2}}};
  document["pressure"]["veto_boost_per_level"] = 0.5;
  const auto t = test::load(document);
  WorldState v = initial_state(*t, {});
  CHECK_THAT(pass_probability(*t, v, brussels), WithinAbs(0.8, 1e-12));
  v.counter_pressure = 1;
  CHECK_THAT(pass_probability(*t, v, brussels), WithinAbs(0.7, 1e-12));
}

TEST_CASE("third-party pressure eases as the target releases, and lifts on a conciliatory move") {
  const auto s = test::lab();
  const std::size_t minsk = test::actor(*s, "minsk"), warsaw = test::actor(*s, "warsaw");
  WorldState w = initial_state(*s, {});
  w.actors[minsk].pressure = 1;
  w.actors[warsaw].pressure = 1;
  w.closed[0] = true;
  // Holding: pressure decays by half (decay 0.5): 0.5 each.
  const WorldState held = test::step_expected(*s, w, test::holds(*s));
  CHECK_THAT(held.actors[minsk].pressure, WithinAbs(0.5, 1e-12));
  CHECK_THAT(held.actors[warsaw].pressure, WithinAbs(0.5, 1e-12));
  // Ten released: relief 0.01 * 10 = 0.1 after decay: 0.4. Warsaw lifting its closure: 0.
  const WorldState eased = test::step_expected(*s, w, test::with(*s, {{"minsk", "amnesty_small"}, {"warsaw", "lift"}}));
  CHECK_THAT(eased.actors[minsk].pressure, WithinAbs(0.4, 1e-12));
  CHECK(eased.actors[warsaw].pressure == 0);
}
