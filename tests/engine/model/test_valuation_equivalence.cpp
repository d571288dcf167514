// value_alternatives shares work between the projections of one decision (the week reset once,
// a partial copy of the state, transit dynamics reused across alternatives with equal transit
// inputs, the continuation's powers computed once) and between the actors of one week (WeekValuation:
// the reset state, the transit memo and the predicted profile's projection, settled for every actor).
// None of that may change a value: here each
// value must equal, bit for bit, the plain definition of docs/MODEL.md ("Valuing an alternative"):
// copy the whole state, step it one expected week with the others' predicted actions, and add the
// valuing actor's weekly utility and the continuation term, written out below independently.
#include <catch2/catch.hpp>
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <limits>
#include <vector>

#include "engine/model/valuation.hpp"
#include "tests/support/lab.hpp"

using namespace leverage;

namespace {

// The continuation term of valuation.hpp, term by term, in the formula's order.
double reference_continuation(const Scenario& scenario, const WorldState& before, const WorldState& after,
                              std::size_t actor) {
  const PayoffModel& model = *scenario.actors[actor].payoff;
  const double delta = model.discount();
  const double persistence = delta < 1.0 ? delta / (1.0 - delta) : 1e6;
  double value = 0;
  for (const Term term : kPersistentTerms) {
    const double w = model.weight(term);
    if (w != 0) value += persistence * w * (at(after.actors[actor].terms, term) - at(before.actors[actor].terms, term));
  }
  if (static_cast<int>(actor) != scenario.target) return value;
  const double w_revenue = model.weight(Term::revenue);
  const int decision_week = before.week + 1;
  for (std::size_t k = 0; k < before.ultimatum_count; ++k) {
    const UltimatumState& u = before.ultimatums[k];
    if (!is_open(u.stage)) continue;
    const UltimatumSpec& spec = scenario.ultimatums[u.spec];
    const double met = std::clamp(demand_progress(scenario, after, after.ultimatums[k]) / demand_size(spec), 0.0, 1.0);
    const double loss = w_revenue * spec.threatened_loss_meur_per_week * spec.expected_threat_weeks;
    const double reward = w_revenue * spec.reward_value_meur_per_week * (delta < 1.0 ? delta / (1.0 - delta) : 1e6);
    const double assurance = before.actors[u.sender].assurance;
    if (u.stage == UltimatumStage::executed) {
      value += -loss * (1.0 - met) + assurance * reward * met;
    } else {
      const double belief = before.actors[u.sender].belief_resolved;
      value += std::pow(delta, std::max(0, u.deadline_week - decision_week)) *
               (-belief * loss * (1.0 - met) + assurance * reward * met);
    }
  }
  const double w_engagement = model.weight(Term::engagement);
  if (w_engagement != 0) {
    const double keep = 1.0 - scenario.engagement.recent_release_decay;
    for (const auto& summit : scenario.engagement.summits) {
      const int ahead = summit.week - decision_week;
      if (ahead <= 0) continue;
      const double remembered = after.recent_releases * std::pow(keep, ahead);
      value += std::pow(delta, ahead) * w_engagement * summit.value *
               std::min(1.0, remembered / summit.releases_for_full_value);
    }
  }
  return value;
}

double reference_projection(const Scenario& scenario, const WorldState& state, const WeekChoices& choices,
                            std::size_t actor, bool vetoed) {
  WorldState next = state;  // the whole state, every actor's terms included
  ExpectedNoise noise(static_cast<int>(actor), vetoed);
  step_week(scenario, next, choices, noise);
  const ActorState& projected = next.actors[actor];
  return scenario.actors[actor].payoff->weekly_utility(projected.terms, projected.reference) +
         reference_continuation(scenario, state, next, actor);
}

// Every alternative in `mask`, valued by the definition.
std::array<double, kMaxMenu> reference_values(const Scenario& scenario, const WorldState& state, std::size_t actor,
                                              MenuMask mask) {
  std::array<double, kMaxMenu> values{};
  WeekChoices choices = predicted_choices(scenario, state);
  const auto& menu = scenario.actors[actor].menu;
  for (std::size_t k = 0; k < menu.size(); ++k) {
    if (!(mask >> k & 1u)) {
      values[k] = std::numeric_limits<double>::quiet_NaN();
      continue;
    }
    choices.action[actor] = static_cast<std::uint8_t>(k);
    const double passes = reference_projection(scenario, state, choices, actor, false);
    if (menu[k].collective && !scenario.eu_members.empty()) {
      const double p = pass_probability(scenario, state, actor);
      values[k] = p * passes + (1.0 - p) * reference_projection(scenario, state, choices, actor, true);
    } else {
      values[k] = passes;
    }
  }
  return values;
}

std::uint64_t bits(double x) { return std::bit_cast<std::uint64_t>(x); }

// Compares value_alternatives with the definition on every state of a few replicates, for every
// actor, both on its feasible menu and on its whole menu (infeasible choices are then holds).
// Returns the number of alternatives compared.
std::size_t compare_on_runs(const Scenario& scenario, int replicates) {
  std::size_t compared = 0;
  for (int r = 0; r < replicates; ++r) {
    std::vector<WorldState> states;
    const WeekObserver keep = [&](const WorldState& s) { states.push_back(s); };
    run_replicate(scenario, ReplicateKey{7, 0, static_cast<std::uint64_t>(r)}, scenario.weeks, nullptr, nullptr, &keep);
    for (const WorldState& state : states) {
      // The week's shared work, as decide_week shares it: one WeekValuation for every actor in turn.
      WeekValuation week(scenario, state);
      for (std::size_t actor = 0; actor < scenario.actors.size(); ++actor) {
        const std::size_t n = scenario.actors[actor].menu.size();
        const MenuMask whole = n >= 32 ? ~MenuMask{0} : (MenuMask{1} << n) - 1;
        for (const MenuMask mask : {feasible_actions(scenario, state, actor), whole}) {
          std::array<double, kMaxMenu> values{}, shared{};
          value_alternatives(scenario, state, actor, mask, values);
          value_alternatives(scenario, state, actor, mask, week, shared);
          const std::array<double, kMaxMenu> expected = reference_values(scenario, state, actor, mask);
          for (std::size_t k = 0; k < n; ++k) {
            INFO("week " << state.week << ", actor " << scenario.actors[actor].id << ", alternative "
                         << scenario.actors[actor].menu[k].id);
            if (!(mask >> k & 1u)) {
              CHECK(std::isnan(values[k]));
              CHECK(std::isnan(shared[k]));
              continue;
            }
            CHECK(bits(values[k]) == bits(expected[k]));
            CHECK(bits(shared[k]) == bits(expected[k]));
            ++compared;
          }
        }
      }
    }
  }
  return compared;
}

std::shared_ptr<const Scenario> belarus_all_logit() {
  auto document = nlohmann::json::parse(std::ifstream(test::source_path("scenarios/belarus_2024.json")));
  for (auto& actor : document["actors"]) actor["rule"] = {{"name", "logit"}, {"params", {{"rationality", 1.0}}}};
  return test::load(document, "belarus_2024.json");
}

}  // namespace

TEST_CASE("value_alternatives equals the plain projection bit for bit on belarus_2024 with every actor on logit",
          "[valuation]") {
  const auto s = belarus_all_logit();
  // 3 replicates x 53 states x 5 actors x two masks: thousands of alternatives, with open,
  // executed and resolved ultimatums, closures, vetoes and summits among them.
  CHECK(compare_on_runs(*s, 3) > 2000);
}

TEST_CASE("value_alternatives equals the plain projection bit for bit on the lab scenario", "[valuation]") {
  // The lab puts every action kind on some menu (closures, reroutes, ultimatums, sanctions), so
  // each kind is valued both with and without transit inputs of its own.
  auto document = test::lab_json();
  for (auto& actor : document["actors"]) actor["rule"] = {{"name", "logit"}, {"params", {{"rationality", 0.5}}}};
  const auto s = test::load(document);
  CHECK(compare_on_runs(*s, 4) > 1000);
}
