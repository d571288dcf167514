// Benchmarks of the weekly loop on scenarios/belarus_2024.json (docs/PERFORMANCE.md).
//
//   BM_Replicate52Weeks          one whole 52-week replicate, recording off (the ensemble's unit of work)
//   BM_Replicate52WeeksScripted  the same with every actor's rule overridden to `scripted`
//   BM_Replicate52WeeksAllLogit  the same with every actor's rule overridden to `logit` (the
//                                ensemble target's configuration: logit for all five actors)
//   BM_Replicate52WeeksRecorded  the same with a RunRecord (trajectory and decision log), for contrast
//   BM_DecideWeek                decide_week on a mid-run state (after 10 weeks): all actors
//   BM_DecideActor/<id>          one actor's rule on that state (feasibility, stream, decide)
//   BM_DecideRule/<rule>         every registered rule that may sit in Brussels' slot, with default
//                                parameters, deciding for Brussels on that state (zeroed rule memory)
//   BM_StepWeek/<choices>        copy the mid-run state and step_week it with SampledNoise, fixed choices
//   BM_ExpectedStep              copy and step_week with ExpectedNoise: one projection of the logit rule
//   BM_CopyWorldState            copying the WorldState alone
//   BM_ValueAlternatives/<id>    value_alternatives for one actor (the target first)
//   BM_RuleDecide/<rule>         bayesian_target, regret_matching, fictitious_play as Minsk's rule:
//                                one decision on that variant's mid-run state
//   BM_RuleObserve/<rule>        a learner's observe() of one week
//   BM_DecideLogitDepth/<k>      Minsk's logit decision at level-k depth k, every actor on logit at depth k
//   BM_Replicate52WeeksNoPrediction  BM_Replicate52Weeks with the crisis predictor unregistered
//   BM_CrisisPrediction/solved   one prediction of belarus_2024's crisis game, solved (a new prior each call)
//   BM_CrisisPrediction/generic  the same games solved by the generic tree solver (crisis_equilibria)
//
// Heap allocations are counted by replacing the global operator new/delete in this binary; the
// replicate benchmarks report them per week. `leverage_bench --replicates=N [--variant=V]` skips the
// benchmarks and runs N replicates of scenario variant V (configured, scripted or logit) for
// valgrind --tool=callgrind (docs/PERFORMANCE.md); `--no-prediction` unregisters the crisis predictor first.
#include <benchmark/benchmark.h>

#include <atomic>
#include <bit>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "agents/solvers/crisis.hpp"
#include "engine/model/policy.hpp"
#include "engine/model/prediction.hpp"
#include "engine/model/scenario.hpp"
#include "engine/model/scenario_loader.hpp"
#include "engine/model/valuation.hpp"
#include "engine/model/world.hpp"
#include "engine/sim/simulation.hpp"

// ---------------------------------------------------------------------------------------------
// Counting allocator: every global operator new in this binary (the engine's and the benchmark
// library's included) bumps g_new_calls. While g_in_loop is set (inside a replicate benchmark's
// timed loop) it also calls allocation_in_loop(), a breakpoint target:
//   gdb -ex 'break allocation_in_loop' -ex run -ex bt --args build/bench/leverage_bench ...

namespace {
std::atomic<std::uint64_t> g_new_calls{0};
std::atomic<std::uint64_t> g_new_bytes{0};
std::atomic<bool> g_in_loop{false};
}  // namespace

extern "C" __attribute__((noinline)) void allocation_in_loop(std::size_t size) {
  // Something the optimizer cannot drop, so a breakpoint here always hits.
  asm volatile("" : : "r"(size) : "memory");
}

namespace {

void* counted_alloc(std::size_t size) {
  g_new_calls.fetch_add(1, std::memory_order_relaxed);
  g_new_bytes.fetch_add(size, std::memory_order_relaxed);
  if (g_in_loop.load(std::memory_order_relaxed)) allocation_in_loop(size);
  void* p = std::malloc(size == 0 ? 1 : size);
  if (!p) throw std::bad_alloc();
  return p;
}

void* counted_alloc_aligned(std::size_t size, std::align_val_t align) {
  g_new_calls.fetch_add(1, std::memory_order_relaxed);
  g_new_bytes.fetch_add(size, std::memory_order_relaxed);
  if (g_in_loop.load(std::memory_order_relaxed)) allocation_in_loop(size);
  const std::size_t a = static_cast<std::size_t>(align);
  const std::size_t rounded = ((size == 0 ? 1 : size) + a - 1) / a * a;
  void* p = std::aligned_alloc(a, rounded);
  if (!p) throw std::bad_alloc();
  return p;
}

}  // namespace

void* operator new(std::size_t size) { return counted_alloc(size); }
void* operator new[](std::size_t size) { return counted_alloc(size); }
void* operator new(std::size_t size, std::align_val_t align) { return counted_alloc_aligned(size, align); }
void* operator new[](std::size_t size, std::align_val_t align) { return counted_alloc_aligned(size, align); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  try { return counted_alloc(size); } catch (...) { return nullptr; }
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  try { return counted_alloc(size); } catch (...) { return nullptr; }
}
void* operator new(std::size_t size, std::align_val_t align, const std::nothrow_t&) noexcept {
  try { return counted_alloc_aligned(size, align); } catch (...) { return nullptr; }
}
void* operator new[](std::size_t size, std::align_val_t align, const std::nothrow_t&) noexcept {
  try { return counted_alloc_aligned(size, align); } catch (...) { return nullptr; }
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }

// ---------------------------------------------------------------------------------------------

namespace {

using namespace leverage;
using benchmark::Counter;

constexpr int kWeeks = 52;
constexpr int kMidRunWeeks = 10;
const ReplicateKey kMidRunKey{1, 0, 0};

std::filesystem::path scenario_path() {
  return std::filesystem::path(LEVERAGE_SOURCE_DIR) / "scenarios" / "belarus_2024.json";
}

std::shared_ptr<const Scenario> g_scenario;           // as in the file
std::shared_ptr<const Scenario> g_scripted_scenario;  // every non-scripted actor overridden to `scripted`
std::shared_ptr<const Scenario> g_logit_scenario;     // every non-logit actor overridden to `logit`
std::array<std::shared_ptr<const Scenario>, kMaxLevelDepth> g_depth_scenarios;  // [k-1]: every actor logit at depth k

// Every actor whose rule is not `rule` gets {"name": rule} with default parameters. For `scripted`
// that is no schedule and no rules, default "" (its first hold action): it holds every week and
// never values alternatives. For `logit` it is rationality 1.
std::shared_ptr<const Scenario> load_with_every_rule(const Scenario& base, const std::string& rule) {
  std::vector<std::string> overrides;
  for (std::size_t i = 0; i < base.actors.size(); ++i)
    if (base.actors[i].rule_name != rule)
      overrides.push_back("/actors/" + std::to_string(i) + "/rule={\"name\": \"" + rule + "\"}");
  return load_scenario(scenario_path(), overrides);
}

// The all-logit variant at level-k depth `depth`: the actors on logit in the file keep their
// rationality and get the depth; the others become logit (rationality 1) at that depth. Depth 1 is
// g_logit_scenario itself (the harness checks that their checksums agree).
std::shared_ptr<const Scenario> load_all_logit_at_depth(const Scenario& base, int depth) {
  std::vector<std::string> overrides;
  const std::string k = std::to_string(depth);
  for (std::size_t i = 0; i < base.actors.size(); ++i) {
    const std::string actor = "/actors/" + std::to_string(i);
    if (base.actors[i].rule_name == "logit") {
      nlohmann::json params = base.effective["actors"][i]["rule"].value("params", nlohmann::json::object());
      params["depth"] = depth;
      overrides.push_back(actor + "/rule/params=" + params.dump());
    } else {
      overrides.push_back(actor + "/rule={\"name\": \"logit\", \"params\": {\"depth\": " + k + "}}");
    }
  }
  return load_scenario(scenario_path(), overrides);
}

// The state after kMidRunWeeks weeks of replicate kMidRunKey, and the choices the rules make on it.
struct MidRun {
  WorldState state;
  WeekChoices choices;
  WeekChoices hold_all;
};

MidRun make_mid_run(const Scenario& scenario) {
  MidRun mid;
  mid.state = initial_state(scenario, kMidRunKey);
  for (int w = 0; w < kMidRunWeeks; ++w) {
    const WeekChoices choices = decide_week(scenario, mid.state, kMidRunKey, nullptr, nullptr);
    SampledNoise noise(kMidRunKey, mid.state.week + 1);
    step_week(scenario, mid.state, choices, noise);
  }
  mid.choices = decide_week(scenario, mid.state, kMidRunKey, nullptr, nullptr);
  for (std::size_t i = 0; i < scenario.actors.size(); ++i)
    mid.hold_all.action[i] = static_cast<std::uint8_t>(hold_index(scenario.actors[i]));
  return mid;
}

MidRun g_mid;

// Allocations made between construction and finish(), with the breakpoint hook armed meanwhile.
class AllocationWindow {
 public:
  AllocationWindow() : calls_(g_new_calls.load()), bytes_(g_new_bytes.load()) { g_in_loop.store(true); }
  void finish() {
    g_in_loop.store(false);
    calls_ = g_new_calls.load() - calls_;
    bytes_ = g_new_bytes.load() - bytes_;
  }
  double calls() const { return static_cast<double>(calls_); }
  double bytes() const { return static_cast<double>(bytes_); }

 private:
  std::uint64_t calls_, bytes_;
};

// Expected-dynamics projections per week, averaged over the first `replicates` replicates: one per
// feasible alternative of every logit actor, two for a collective one (`projections_per_week`); and
// the expected steps actually run (`stepped_per_week`): the alternative at each actor's own predicted
// action reads the week's one projection of the predicted profile (WeekValuation), so each logit actor
// steps one fewer and the week one more. Computed outside the timed loop.
struct ProjectionCounts {
  double projections = 0, stepped = 0;
};
ProjectionCounts projections_per_week(const Scenario& scenario, int replicates) {
  double projections = 0, stepped = 0;
  for (int r = 0; r < replicates; ++r) {
    const ReplicateKey key{1, 0, static_cast<std::uint64_t>(r)};
    WorldState state = initial_state(scenario, key);
    for (int w = 0; w < kWeeks; ++w) {
      bool any_logit = false;
      for (std::size_t i = 0; i < scenario.actors.size(); ++i) {
        if (scenario.actors[i].rule_name != "logit") continue;
        any_logit = true;
        const MenuMask feasible = feasible_actions(scenario, state, i);
        const auto& menu = scenario.actors[i].menu;
        for (std::size_t k = 0; k < menu.size(); ++k)
          if (feasible >> k & 1u) projections += (menu[k].collective && !scenario.eu_members.empty()) ? 2 : 1;
        stepped -= 1;  // its predicted action's unvetoed projection is the shared one
      }
      if (any_logit) stepped += 1;
      const WeekChoices choices = decide_week(scenario, state, key, nullptr, nullptr);
      SampledNoise noise(key, state.week + 1);
      step_week(scenario, state, choices, noise);
    }
  }
  const double weeks = static_cast<double>(replicates) * kWeeks;
  return {projections / weeks, (projections + stepped) / weeks};
}

void report_replicates(benchmark::State& st, const AllocationWindow& window) {
  const double replicates = static_cast<double>(st.iterations());
  st.SetItemsProcessed(st.iterations() * kWeeks);  // items_per_second = weeks per second
  st.counters["replicates_per_s"] = Counter(replicates, Counter::kIsRate);
  st.counters["allocs_per_week"] = Counter(window.calls() / (replicates * kWeeks));
  st.counters["alloc_bytes_per_week"] = Counter(window.bytes() / (replicates * kWeeks));
}

// 1. A whole replicate, recording off, varying the replicate index.
void BM_Replicate52Weeks(benchmark::State& st, const Scenario* scenario) {
  std::uint64_t replicate = 0;
  AllocationWindow window;
  for (auto _ : st) {
    WorldState final_state = run_replicate(*scenario, ReplicateKey{1, 0, replicate++}, kWeeks, nullptr);
    benchmark::DoNotOptimize(final_state);
  }
  window.finish();
  report_replicates(st, window);
  const ProjectionCounts counts = projections_per_week(*scenario, 20);
  st.counters["projections_per_week"] = counts.projections;
  st.counters["stepped_per_week"] = counts.stepped;
}

// The same with the trajectory and decision log recorded (what `leverage run` does).
void BM_Replicate52WeeksRecorded(benchmark::State& st) {
  std::uint64_t replicate = 0;
  AllocationWindow window;
  for (auto _ : st) {
    RunRecord record;
    WorldState final_state = run_replicate(*g_scenario, ReplicateKey{1, 0, replicate++}, kWeeks, &record);
    benchmark::DoNotOptimize(final_state);
    benchmark::DoNotOptimize(record.decisions.data());
  }
  window.finish();
  report_replicates(st, window);
}

// 2. Every actor's decision on the mid-run state.
void BM_DecideWeek(benchmark::State& st) {
  const double actors = static_cast<double>(g_scenario->actors.size());
  for (auto _ : st) {
    WeekChoices choices = decide_week(*g_scenario, g_mid.state, kMidRunKey, nullptr, nullptr);
    benchmark::DoNotOptimize(choices);
  }
  st.SetItemsProcessed(static_cast<std::int64_t>(st.iterations() * actors));
  st.counters["s_per_decision"] =
      Counter(static_cast<double>(st.iterations()) * actors, Counter::kIsRate | Counter::kInvert);
}

// One actor's share of decide_week (same work as one iteration of its loop), on the mid-run state.
void BM_DecideActor(benchmark::State& st, const Scenario* scenario, std::size_t actor) {
  const ActorSpec& spec = scenario->actors[actor];
  const int week = g_mid.state.week + 1;
  const RuleMemory memory{};
  for (auto _ : st) {
    const MenuMask feasible = feasible_actions(*scenario, g_mid.state, actor);
    rng::Rng noise = decision_stream(kMidRunKey, spec.id_hash, week);
    std::size_t chosen = spec.rule->decide(DecisionInput{*scenario, g_mid.state, actor, feasible, noise, memory}, nullptr);
    benchmark::DoNotOptimize(chosen);
  }
  st.counters["s_per_decision"] = Counter(static_cast<double>(st.iterations()), Counter::kIsRate | Counter::kInvert);
}

// Brussels' slot played by each registered rule (default parameters) on the default scenario's
// mid-run state (BM_DecideRule/<rule>: BM_DecideActor on these scenarios).
std::vector<std::shared_ptr<const Scenario>> g_rule_scenarios;

// 3. One world step with SampledNoise and fixed choices; the state is re-copied each iteration so
// every iteration steps the same week (BM_CopyWorldState is that copy alone).
void BM_StepWeek(benchmark::State& st, const WeekChoices* choices) {
  WorldState state;
  for (auto _ : st) {
    state = g_mid.state;
    SampledNoise noise(kMidRunKey, state.week + 1);
    step_week(*g_scenario, state, *choices, noise);
    benchmark::DoNotOptimize(state);
  }
  st.counters["s_per_step"] = Counter(static_cast<double>(st.iterations()), Counter::kIsRate | Counter::kInvert);
}

// One projection as the logit rule makes it: copy, then step with ExpectedNoise.
void BM_ExpectedStep(benchmark::State& st) {
  WorldState state;
  const int target = g_scenario->target;
  for (auto _ : st) {
    state = g_mid.state;
    ExpectedNoise noise(target, false);
    step_week(*g_scenario, state, g_mid.choices, noise);
    benchmark::DoNotOptimize(state);
  }
  st.counters["s_per_step"] = Counter(static_cast<double>(st.iterations()), Counter::kIsRate | Counter::kInvert);
}

void BM_CopyWorldState(benchmark::State& st) {
  WorldState state;
  for (auto _ : st) {
    state = g_mid.state;
    benchmark::DoNotOptimize(state);
    benchmark::ClobberMemory();
  }
  st.SetBytesProcessed(st.iterations() * static_cast<std::int64_t>(sizeof(WorldState)));
}

// 4. Valuing every feasible alternative of one actor on the mid-run state.
void BM_ValueAlternatives(benchmark::State& st, std::size_t actor) {
  const MenuMask feasible = feasible_actions(*g_scenario, g_mid.state, actor);
  const auto& menu = g_scenario->actors[actor].menu;
  double alternatives = 0, projections = 0;
  for (std::size_t k = 0; k < menu.size(); ++k) {
    if (!(feasible >> k & 1u)) continue;
    alternatives += 1;
    projections += (menu[k].collective && !g_scenario->eu_members.empty()) ? 2 : 1;
  }
  std::array<double, kMaxMenu> values{};
  for (auto _ : st) {
    value_alternatives(*g_scenario, g_mid.state, actor, feasible, values);
    benchmark::DoNotOptimize(values);
  }
  const double iterations = static_cast<double>(st.iterations());
  st.SetItemsProcessed(static_cast<std::int64_t>(iterations * alternatives));
  st.counters["alternatives"] = alternatives;
  st.counters["projections"] = projections;
  st.counters["s_per_alternative"] = Counter(iterations * alternatives, Counter::kIsRate | Counter::kInvert);
}

// 5. Level-k: the target's logit decision on the mid-run state with every actor on logit at depth
// k (g_depth_scenarios[k-1]); the same work as BM_DecideActor, so the k = 1 row equals the all-logit
// Minsk decision.
void BM_DecideLogitDepth(benchmark::State& st, int depth) {
  const Scenario& scenario = *g_depth_scenarios[static_cast<std::size_t>(depth - 1)];
  const std::size_t actor = static_cast<std::size_t>(scenario.target);
  const ActorSpec& spec = scenario.actors[actor];
  const int week = g_mid.state.week + 1;
  const RuleMemory memory{};
  for (auto _ : st) {
    const MenuMask feasible = feasible_actions(scenario, g_mid.state, actor);
    rng::Rng noise = decision_stream(kMidRunKey, spec.id_hash, week);
    std::size_t chosen = spec.rule->decide(DecisionInput{scenario, g_mid.state, actor, feasible, noise, memory}, nullptr);
    benchmark::DoNotOptimize(chosen);
  }
  st.counters["s_per_decision"] = Counter(static_cast<double>(st.iterations()), Counter::kIsRate | Counter::kInvert);
}

std::string describe_mid_run(const Scenario& scenario, const MidRun& mid) {
  std::string text = "week " + std::to_string(mid.state.week) + ", ultimatums " +
                     std::to_string(mid.state.ultimatum_count);
  for (std::size_t k = 0; k < mid.state.ultimatum_count; ++k)
    text += std::string(k ? ", " : " (") + stage_name(mid.state.ultimatums[k].stage) +
            (k + 1 == mid.state.ultimatum_count ? ")" : "");
  text += "; next choices";
  for (std::size_t i = 0; i < scenario.actors.size(); ++i)
    text += " " + scenario.actors[i].id + "=" + scenario.actors[i].menu[mid.choices.action[i]].id;
  return text;
}

// `--replicates=N [--variant=V]`: N replicates of kWeeks weeks, outside the benchmark library.
int run_driver(long replicates, const std::string& variant) {
  const Scenario* chosen = variant == "scripted" ? g_scripted_scenario.get()
                           : variant == "logit"  ? g_logit_scenario.get()
                           : variant == "configured" ? g_scenario.get()
                                                     : nullptr;
  // logit_depthK: every actor on logit at level-k depth K.
  for (int k = 1; k <= kMaxLevelDepth; ++k)
    if (variant == "logit_depth" + std::to_string(k)) chosen = g_depth_scenarios[static_cast<std::size_t>(k - 1)].get();
  if (!chosen) {
    std::fprintf(stderr, "unknown --variant=%s (configured, scripted, logit or logit_depth1..%d)\n", variant.c_str(),
                 kMaxLevelDepth);
    return 2;
  }
  const Scenario& scenario = *chosen;
  const std::uint64_t calls_before = g_new_calls.load();
  double checksum = 0;
  for (long r = 0; r < replicates; ++r) {
    const WorldState final_state =
        run_replicate(scenario, ReplicateKey{1, 0, static_cast<std::uint64_t>(r)}, kWeeks, nullptr);
    checksum += final_state.actors[0].payoff + final_state.prisoners;
  }
  const std::uint64_t calls = g_new_calls.load() - calls_before;
  std::printf("%ld replicates x %d weeks (%s): checksum %.17g, operator new calls in the loop: %llu\n", replicates,
              kWeeks, variant.c_str(), checksum, static_cast<unsigned long long>(calls));
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Rules of issue 4 (bayesian_target and the learners), each as the target's (Minsk's) rule on belarus_2024
// (--set /actors/<target>/rule={"name": RULE}, default parameters), on that variant's state after
// kMidRunWeeks weeks (an ultimatum is open then), with the rule memory those weeks left:
//   BM_RuleDecide/<rule>   one decision: feasible_actions, its decision stream, rule->decide
//   BM_RuleObserve/<rule>  one observe() of the week that follows (the learners' counterfactual
//                          valuation of every alternative against the others' actual actions)

struct RuleBench {
  std::shared_ptr<const Scenario> scenario;
  WorldState before, after;  // the mid-run state and the state one week later
  WeekChoices choices;       // the choices made on `before`
  RuleMemories memories{};   // after kMidRunWeeks observed weeks
};
std::vector<std::unique_ptr<RuleBench>> g_rule_benches;

const RuleBench* make_rule_bench(const std::string& rule) {
  auto bench = std::make_unique<RuleBench>();
  const int target = g_scenario->target;
  bench->scenario =
      load_scenario(scenario_path(), {"/actors/" + std::to_string(target) + "/rule={\"name\": \"" + rule + "\"}"});
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
  const Scenario& s = *bench->scenario;
  const auto target = static_cast<std::size_t>(s.target);
  const ActorSpec& spec = s.actors[target];
  const int week = bench->before.week + 1;
  for (auto _ : st) {
    const MenuMask feasible = feasible_actions(s, bench->before, target);
    rng::Rng noise = decision_stream(kMidRunKey, spec.id_hash, week);
    std::size_t chosen =
        spec.rule->decide(DecisionInput{s, bench->before, target, feasible, noise, bench->memories[target]}, nullptr);
    benchmark::DoNotOptimize(chosen);
  }
  st.counters["s_per_decision"] = Counter(static_cast<double>(st.iterations()), Counter::kIsRate | Counter::kInvert);
}

void BM_RuleObserve(benchmark::State& st, const RuleBench* bench) {
  const Scenario& s = *bench->scenario;
  const auto target = static_cast<std::size_t>(s.target);
  for (auto _ : st) {
    RuleMemory memory = bench->memories[target];
    s.actors[target].rule->observe(ObservedWeek{s, bench->before, bench->after, bench->choices, target}, memory);
    benchmark::DoNotOptimize(memory);
  }
  st.counters["s_per_observe"] = Counter(static_cast<double>(st.iterations()), Counter::kIsRate | Counter::kInvert);
}

// The benchmark beside the simulation (engine/model/prediction.hpp). BM_CrisisPrediction/solved asks the
// registered predictor (crisis_equilibria_fast, no heap) for belarus_2024's crisis game with a prior that
// differs at every call; .../generic solves the same games with the generic tree solver the predictor
// stands in for (crisis_equilibria: the tree built, pure_perfect_bayesian, assess).
void BM_CrisisPrediction(benchmark::State& st, bool generic) {
  const Scenario& s = *g_scenario;
  const auto sender = static_cast<std::size_t>(s.actor_index("brussels"));
  std::size_t spec = 0;
  for (const auto& action : s.actors[sender].menu)
    if (action.kind == ActionKind::issue_ultimatum) spec = static_cast<std::size_t>(action.ultimatum);
  const CrisisPredictor predictor = crisis_predictor();
  if (!predictor) {
    st.SkipWithError("no crisis predictor registered");
    return;
  }
  std::uint64_t call = 0;
  for (auto _ : st) {
    const double prior = 0.35 + 1e-12 * static_cast<double>(call++);
    const CrisisInputs in = crisis_inputs(s, sender, spec, prior, 0.3);
    if (generic) {
      auto found = games::crisis_equilibria(games::crisis_parameters(in));
      benchmark::DoNotOptimize(found);
    } else {
      CrisisPrediction p = predictor(in);
      benchmark::DoNotOptimize(p);
    }
  }
  st.counters["s_per_prediction"] = Counter(static_cast<double>(st.iterations()), Counter::kIsRate | Counter::kInvert);
}

// BM_Replicate52Weeks with the predictor unregistered during the timed loop: the replicate rate without the
// benchmark, for contrast with BM_Replicate52Weeks (which predicts at each issue).
void BM_Replicate52WeeksNoPrediction(benchmark::State& st) {
  const CrisisPredictor predictor = crisis_predictor();
  register_crisis_predictor(nullptr);
  BM_Replicate52Weeks(st, g_scenario.get());
  register_crisis_predictor(predictor);
}

void register_rule_benchmarks() {
  for (const char* rule : {"bayesian_target", "regret_matching", "fictitious_play"}) {
    const RuleBench* bench = make_rule_bench(rule);
    benchmark::RegisterBenchmark((std::string("BM_RuleDecide/") + rule).c_str(), BM_RuleDecide, bench);
    if (bench->scenario->actors[bench->scenario->target].rule->has_memory())
      benchmark::RegisterBenchmark((std::string("BM_RuleObserve/") + rule).c_str(), BM_RuleObserve, bench);
  }
}

}  // namespace

int main(int argc, char** argv) {
  long driver_replicates = -1;
  std::string variant = "configured";
  std::vector<char*> args;
  for (int i = 0; i < argc; ++i) {
    if (i > 0 && std::strncmp(argv[i], "--replicates=", 13) == 0) {
      driver_replicates = std::strtol(argv[i] + 13, nullptr, 10);
    } else if (i > 0 && std::strncmp(argv[i], "--variant=", 10) == 0) {
      variant = argv[i] + 10;
    } else if (i > 0 && std::strcmp(argv[i], "--no-prediction") == 0) {
      register_crisis_predictor(nullptr);  // the replicate without the benchmark (docs/PERFORMANCE.md)
    } else {
      args.push_back(argv[i]);
    }
  }
  int arg_count = static_cast<int>(args.size());

  g_scenario = load_scenario(scenario_path());
  g_scripted_scenario = load_with_every_rule(*g_scenario, "scripted");
  g_logit_scenario = load_with_every_rule(*g_scenario, "logit");
  for (int k = 1; k <= kMaxLevelDepth; ++k)
    g_depth_scenarios[static_cast<std::size_t>(k - 1)] = load_all_logit_at_depth(*g_scenario, k);
  g_mid = make_mid_run(*g_scenario);
  if (driver_replicates >= 0) return run_driver(driver_replicates, variant);

  benchmark::Initialize(&arg_count, args.data());
  if (benchmark::ReportUnrecognizedArguments(arg_count, args.data())) return 1;

  const Scenario& scenario = *g_scenario;
  std::string rules;
  for (const auto& actor : scenario.actors) rules += (rules.empty() ? "" : " ") + actor.id + ":" + actor.rule_name;
  benchmark::AddCustomContext("scenario", scenario_path().string() + " (" + std::to_string(scenario.actors.size()) +
                                              " actors; " + rules + ")");
  benchmark::AddCustomContext("sizeof(WorldState)", std::to_string(sizeof(WorldState)) + " bytes");
  benchmark::AddCustomContext("sizeof(ActorState)", std::to_string(sizeof(ActorState)) + " bytes");
  benchmark::AddCustomContext("mid-run state", describe_mid_run(scenario, g_mid));

  benchmark::RegisterBenchmark("BM_Replicate52Weeks", BM_Replicate52Weeks, g_scenario.get());
  benchmark::RegisterBenchmark("BM_Replicate52WeeksScripted", BM_Replicate52Weeks, g_scripted_scenario.get());
  benchmark::RegisterBenchmark("BM_Replicate52WeeksAllLogit", BM_Replicate52Weeks, g_logit_scenario.get());
  benchmark::RegisterBenchmark("BM_Replicate52WeeksRecorded", BM_Replicate52WeeksRecorded);
  benchmark::RegisterBenchmark("BM_Replicate52WeeksNoPrediction", BM_Replicate52WeeksNoPrediction);
  benchmark::RegisterBenchmark("BM_CrisisPrediction/solved", BM_CrisisPrediction, false);
  benchmark::RegisterBenchmark("BM_CrisisPrediction/generic", BM_CrisisPrediction, true);
  benchmark::RegisterBenchmark("BM_DecideWeek", BM_DecideWeek);
  for (std::size_t i = 0; i < scenario.actors.size(); ++i)
    benchmark::RegisterBenchmark(("BM_DecideActor/" + scenario.actors[i].id + ":" + scenario.actors[i].rule_name).c_str(),
                                 BM_DecideActor, g_scenario.get(), i);
  for (const auto& [name, entry] : rule_registry()) {
    if (entry.suits == Suits::target) continue;
    const int brussels = scenario.actor_index("brussels");
    g_rule_scenarios.push_back(
        load_scenario(scenario_path(), {"/actors/" + std::to_string(brussels) + "/rule={\"name\": \"" + name + "\"}"}));
    benchmark::RegisterBenchmark(("BM_DecideRule/" + name).c_str(), BM_DecideActor, g_rule_scenarios.back().get(),
                                 static_cast<std::size_t>(brussels));
  }
  register_rule_benchmarks();
  benchmark::RegisterBenchmark("BM_StepWeek/decided", BM_StepWeek, &g_mid.choices);
  benchmark::RegisterBenchmark("BM_StepWeek/hold_all", BM_StepWeek, &g_mid.hold_all);
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

  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
