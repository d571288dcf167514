#pragma once
#include <array>
#include <cstdint>

#include "engine/model/policy.hpp"
#include "engine/model/scenario.hpp"
#include "engine/model/state.hpp"
#include "engine/rng/rng.hpp"

// The weekly step (docs/MODEL.md, "One week"):
//   1. every actor chooses one action simultaneously on last week's state (simulation.cpp);
//   2. effects apply by phase (diplomacy, prisoners, border, economy, pressure, routing), then by
//      actor order within a phase;
//   3. dynamics: prisoners, transit, per-release rewards, the economy ledger, migration, pressure,
//      engagement;
//   4. ultimatum stage transitions;
//   5. belief updates (the target's beliefs in each actor's resolve and assurance);
//   6. payoff terms and each actor's discounted payoff.
namespace leverage {

struct WeekChoices {
  std::array<std::uint8_t, kMaxActors> action{};  // menu index per actor
};

// Identifies a replicate's random streams (STYLE.md: a stream is a pure function of these and a purpose).
struct ReplicateKey {
  std::uint64_t master_seed = 1;
  std::uint64_t point = 0;
  std::uint64_t replicate = 0;
};

// Stream purposes. A decision-noise purpose is combined with the actor's id hash, so adding or
// changing one actor's rule never moves another actor's draws.
namespace purpose {
inline constexpr std::uint64_t types = 1;
inline constexpr std::uint64_t shocks = 2;
inline constexpr std::uint64_t prisoners = 3;
inline constexpr std::uint64_t eu_veto = 4;
inline constexpr std::uint64_t protocol = 5;
inline constexpr std::uint64_t decision = 6;
inline constexpr std::uint64_t detection = 7;
}  // namespace purpose

// The week's randomness when the world is simulated: each purpose has its own stream for the week.
class SampledNoise {
 public:
  SampledNoise(const ReplicateKey& key, int week_number);
  double demand_innovation();                 // standard normal
  double poisson(double mean);
  double binomial(double n, double p);
  // One uniform per EU member from the stream of this actor's collective acts this week; vetoed
  // when any falls below that member's (boosted) veto probability.
  bool collective_vetoed(std::size_t actor, std::uint64_t actor_hash, const std::vector<EuMember>& members,
                         double veto_boost);
  bool bernoulli_protocol(double p);
  // Whether inspections detect this week's evasion (probability p): 1 or 0, one draw from the
  // week's detection stream, made only when asked (p > 0), so worlds without detection draw nothing.
  double detection(double p);
  int scored_actor() const { return -1; }
  bool choices_feasible() const { return false; }
  static constexpr bool expected = false;

 private:
  ReplicateKey key_;
  int week_;
  rng::Rng shocks_, prisoners_, protocol_;
};

// Expected dynamics for projections (the logit rule's lookahead): every draw is replaced by its
// mean; a collective act of `forced_actor` passes or is vetoed as told, every other one passes.
class ExpectedNoise {
 public:
  // `forced_actor` is also the only actor whose payoff a projection scores (-1: every actor).
  // `choices_feasible`: the caller vouches that every choice is feasible on the state being stepped
  // (the logit rule's projections are built that way), so effects need not check it again.
  explicit ExpectedNoise(int forced_actor = -1, bool forced_veto = false, bool choices_feasible = false)
      : forced_actor_(forced_actor), forced_veto_(forced_veto), choices_feasible_(choices_feasible) {}
  int scored_actor() const { return forced_actor_; }
  bool choices_feasible() const { return choices_feasible_; }
  bool forced_veto() const { return forced_veto_; }
  double demand_innovation() { return 0; }
  double poisson(double mean) { return mean > 0 ? mean : 0; }
  double binomial(double n, double p) { return n * p; }
  bool collective_vetoed(std::size_t actor, std::uint64_t, const std::vector<EuMember>&, double) const {
    return static_cast<int>(actor) == forced_actor_ && forced_veto_;
  }
  bool bernoulli_protocol(double p) { return p >= 0.5; }
  double detection(double p) { return p; }  // the expected share of the evasion that is detected
  static constexpr bool expected = true;

 private:
  int forced_actor_;
  bool forced_veto_;
  bool choices_feasible_;
};

// A fresh replicate: types drawn from the priors, Moscow's aid cap drawn, beliefs at the target's
// priors, reference terms from an all-hold expected week.
WorldState initial_state(const Scenario& scenario, const ReplicateKey& key);

// Which of the actor's menu actions are feasible on this state (their preconditions hold).
MenuMask feasible_actions(const Scenario& scenario, const WorldState& state, std::size_t actor);
bool action_feasible(const Scenario& scenario, const WorldState& state, std::size_t actor, const ActionSpec& action);

// The menu index of the actor's first `hold` action (0 if it has none).
std::size_t hold_index(const ActorSpec& actor);

// Probability that a collective act by `actor` passes this week (no member vetoes).
double pass_probability(const Scenario& scenario, const WorldState& state, std::size_t actor);

// Steps the world one week with the chosen actions (steps 2 to 6 above).
void step_week(const Scenario& scenario, WorldState& state, const WeekChoices& choices, SampledNoise& noise);
void step_week(const Scenario& scenario, WorldState& state, const WeekChoices& choices, ExpectedNoise& noise);

// Share of the ultimatum's demand met on this state (0..1) and its progress in demand units.
double demand_progress(const Scenario& scenario, const WorldState& state, const UltimatumState& u);
double demand_size(const UltimatumSpec& spec);
bool is_open(UltimatumStage stage);

}  // namespace leverage
