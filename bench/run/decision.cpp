// Decisions, steps, copies and valuations on the mid-run state (replicate 0 after 10 weeks):
//   BM_DecideWeek                decide_week: all actors
//   BM_DecideActor/<id>:<rule>   one actor's rule on that state (feasibility, stream, decide)
//   BM_DecideRule/<rule>         every registered rule that may sit in Brussels' slot, with default
//                                parameters, deciding for Brussels on that state (zeroed rule memory)
//   BM_RuleDecide/<rule>         bayesian_target, regret_matching, fictitious_play as Minsk's rule:
//                                one decision on that variant's mid-run state
//   BM_RuleObserve/<rule>        a learner's observe() of one week
//   BM_StepWeek/<choices>        copy the mid-run state and step_week it with SampledNoise, fixed choices
//   BM_ExpectedStep              copy and step_week with ExpectedNoise: one projection of the logit rule
//   BM_CopyWorldState            copying the WorldState alone
//   BM_ValueAlternatives/<id>    value_alternatives for one actor (the target first)
//   BM_DecideLogitDepth/<k>      Minsk's logit decision at level-k depth k, every actor on logit at depth k
#include <benchmark/benchmark.h>

#include <memory>
#include <vector>

#include "bench/run/benchmarks.hpp"
#include "bench/run/fixtures.hpp"
#include "engine/model/policy.hpp"
#include "engine/model/valuation.hpp"
#include "engine/sim/simulation.hpp"

namespace leverage::bench {

namespace {

using benchmark::Counter;

void per_call(benchmark::State& st, const char* name) {
  st.counters[name] = Counter(static_cast<double>(st.iterations()), Counter::kIsRate | Counter::kInvert);
}

const MidRun& mid() { return fixtures().mid; }

// Every actor's decision on the mid-run state.
void BM_DecideWeek(benchmark::State& st) {
  const Scenario& s = *fixtures().configured;
  const double actors = static_cast<double>(s.actors.size());
  for (auto _ : st) {
    WeekChoices choices = decide_week(s, mid().state, kMidRunKey, nullptr, nullptr);
    benchmark::DoNotOptimize(choices);
  }
  st.SetItemsProcessed(static_cast<std::int64_t>(st.iterations() * actors));
  st.counters["s_per_decision"] =
      Counter(static_cast<double>(st.iterations()) * actors, Counter::kIsRate | Counter::kInvert);
}

// One actor's share of decide_week (same work as one iteration of its loop, without the week's shared
// valuation: DecisionInput::week is null), on `state` with `memory`.
void decide_one(benchmark::State& st, const Scenario& scenario, const WorldState& state, std::size_t actor,
                const RuleMemory& memory) {
  const ActorSpec& spec = scenario.actors[actor];
  const int week = state.week + 1;
  for (auto _ : st) {
    const MenuMask feasible = feasible_actions(scenario, state, actor);
    rng::Rng noise = decision_stream(kMidRunKey, spec.id_hash, week);
    std::size_t chosen = spec.rule->decide(DecisionInput{scenario, state, actor, feasible, noise, memory}, nullptr);
    benchmark::DoNotOptimize(chosen);
  }
  per_call(st, "s_per_decision");
}

void BM_DecideActor(benchmark::State& st, const Scenario* scenario, std::size_t actor) {
  decide_one(st, *scenario, mid().state, actor, RuleMemory{});
}

// Level-k: the target's logit decision on the mid-run state with every actor on logit at depth k;
// the k = 1 row equals the all-logit Minsk decision.
void BM_DecideLogitDepth(benchmark::State& st, int depth) {
  const Scenario& scenario = *fixtures().depth[static_cast<std::size_t>(depth - 1)];
  decide_one(st, scenario, mid().state, static_cast<std::size_t>(scenario.target), RuleMemory{});
}

// Rules of issue 4 (bayesian_target and the learners), each as the target's (Minsk's) rule on
// belarus_2024 (default parameters), on that variant's state after kMidRunWeeks weeks (an ultimatum is
// open then), with the rule memory those weeks left.
struct RuleBench {
  std::shared_ptr<const Scenario> scenario;
  WorldState before, after;  // the mid-run state and the state one week later
  WeekChoices choices;       // the choices made on `before`
  RuleMemories memories{};   // after kMidRunWeeks observed weeks
};
std::vector<std::unique_ptr<RuleBench>> g_rule_benches;
std::vector<std::shared_ptr<const Scenario>> g_rule_scenarios;  // BM_DecideRule's, one per rule

const RuleBench* make_rule_bench(const std::string& rule) {
  auto bench = std::make_unique<RuleBench>();
  const int target = fixtures().configured->target;
  bench->scenario = load_variant({"/actors/" + std::to_string(target) + "/rule={\"name\": \"" + rule + "\"}"});
  const Scenario& s = *bench->scenario;
  WorldState state = initial_state(s, kMidRunKey);
  for (int w = 0; w <= kMidRunWeeks; ++w) {
    const WeekChoices choices = decide_week(s, state, kMidRunKey, nullptr, nullptr, &bench->memories);
    WorldState next = state;
    SampledNoise noise(kMidRunKey, state.week + 1);
    step_week(s, next, choices, noise);
    if (w == kMidRunWeeks) {
      bench->before = state;
      bench->after = next;
      bench->choices = choices;
      break;
    }
    observe_week(s, state, next, choices, bench->memories);
    state = next;
  }
  g_rule_benches.push_back(std::move(bench));
  return g_rule_benches.back().get();
}

void BM_RuleDecide(benchmark::State& st, const RuleBench* bench) {
  const auto target = static_cast<std::size_t>(bench->scenario->target);
  decide_one(st, *bench->scenario, bench->before, target, bench->memories[target]);
}

void BM_RuleObserve(benchmark::State& st, const RuleBench* bench) {
  const Scenario& s = *bench->scenario;
  const auto target = static_cast<std::size_t>(s.target);
  for (auto _ : st) {
    RuleMemory memory = bench->memories[target];
    s.actors[target].rule->observe(ObservedWeek{s, bench->before, bench->after, bench->choices, target}, memory);
    benchmark::DoNotOptimize(memory);
  }
  per_call(st, "s_per_observe");
}

// One world step with SampledNoise and fixed choices; the state is re-copied each iteration so
// every iteration steps the same week (BM_CopyWorldState is that copy alone).
void BM_StepWeek(benchmark::State& st, const WeekChoices* choices) {
  WorldState state;
  for (auto _ : st) {
    state = mid().state;
    SampledNoise noise(kMidRunKey, state.week + 1);
    step_week(*fixtures().configured, state, *choices, noise);
    benchmark::DoNotOptimize(state);
  }
  per_call(st, "s_per_step");
}

// One projection as the logit rule makes it: copy, then step with ExpectedNoise.
void BM_ExpectedStep(benchmark::State& st) {
  const Scenario& s = *fixtures().configured;
  WorldState state;
  for (auto _ : st) {
    state = mid().state;
    ExpectedNoise noise(s.target, false);
    step_week(s, state, mid().choices, noise);
    benchmark::DoNotOptimize(state);
  }
  per_call(st, "s_per_step");
}

void BM_CopyWorldState(benchmark::State& st) {
  WorldState state;
  for (auto _ : st) {
    state = mid().state;
    benchmark::DoNotOptimize(state);
    benchmark::ClobberMemory();
  }
  st.SetBytesProcessed(st.iterations() * static_cast<std::int64_t>(sizeof(WorldState)));
}

// Valuing every feasible alternative of one actor on the mid-run state.
void BM_ValueAlternatives(benchmark::State& st, std::size_t actor) {
  const Scenario& s = *fixtures().configured;
  const MenuMask feasible = feasible_actions(s, mid().state, actor);
  const auto& menu = s.actors[actor].menu;
  double alternatives = 0, projections = 0;
  for (std::size_t k = 0; k < menu.size(); ++k) {
    if (!(feasible >> k & 1u)) continue;
    alternatives += 1;
    projections += (menu[k].collective && !s.eu_members.empty()) ? 2 : 1;
  }
  std::array<double, kMaxMenu> values{};
  for (auto _ : st) {
    value_alternatives(s, mid().state, actor, feasible, values);
    benchmark::DoNotOptimize(values);
  }
  const double iterations = static_cast<double>(st.iterations());
  st.SetItemsProcessed(static_cast<std::int64_t>(iterations * alternatives));
  st.counters["alternatives"] = alternatives;
  st.counters["projections"] = projections;
  st.counters["s_per_alternative"] = Counter(iterations * alternatives, Counter::kIsRate | Counter::kInvert);
}

}  // namespace

void register_decision_benchmarks() {
  const Fixtures& f = fixtures();
  const Scenario& scenario = *f.configured;
  benchmark::RegisterBenchmark("BM_DecideWeek", BM_DecideWeek);
  for (std::size_t i = 0; i < scenario.actors.size(); ++i)
    benchmark::RegisterBenchmark(("BM_DecideActor/" + scenario.actors[i].id + ":" + scenario.actors[i].rule_name).c_str(),
                                 BM_DecideActor, f.configured.get(), i);
  const int brussels = scenario.actor_index("brussels");
  for (const auto& [name, entry] : rule_registry()) {
    if (entry.suits == Suits::target) continue;
    g_rule_scenarios.push_back(
        load_variant({"/actors/" + std::to_string(brussels) + "/rule={\"name\": \"" + name + "\"}"}));
    benchmark::RegisterBenchmark(("BM_DecideRule/" + name).c_str(), BM_DecideActor, g_rule_scenarios.back().get(),
                                 static_cast<std::size_t>(brussels));
  }
  for (const char* rule : {"bayesian_target", "regret_matching", "fictitious_play"}) {
    const RuleBench* bench = make_rule_bench(rule);
    benchmark::RegisterBenchmark((std::string("BM_RuleDecide/") + rule).c_str(), BM_RuleDecide, bench);
    if (bench->scenario->actors[bench->scenario->target].rule->has_memory())
      benchmark::RegisterBenchmark((std::string("BM_RuleObserve/") + rule).c_str(), BM_RuleObserve, bench);
  }
  benchmark::RegisterBenchmark("BM_StepWeek/decided", BM_StepWeek, &f.mid.choices);
  benchmark::RegisterBenchmark("BM_StepWeek/hold_all", BM_StepWeek, &f.mid.hold_all);
  benchmark::RegisterBenchmark("BM_ExpectedStep", BM_ExpectedStep);
  benchmark::RegisterBenchmark("BM_CopyWorldState", BM_CopyWorldState);
  // The target first, then every other actor whose rule values alternatives (logit).
  std::vector<std::size_t> valued{static_cast<std::size_t>(scenario.target)};
  for (std::size_t i = 0; i < scenario.actors.size(); ++i)
    if (static_cast<int>(i) != scenario.target && scenario.actors[i].rule_name == "logit") valued.push_back(i);
  for (const std::size_t i : valued)
    benchmark::RegisterBenchmark(("BM_ValueAlternatives/" + scenario.actors[i].id).c_str(), BM_ValueAlternatives, i);
  for (int k = 1; k <= 3; ++k)
    benchmark::RegisterBenchmark(("BM_DecideLogitDepth/" + std::to_string(k)).c_str(), BM_DecideLogitDepth, k);
}

}  // namespace leverage::bench
