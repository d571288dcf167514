#include "bench/run/fixtures.hpp"

#include <nlohmann/json.hpp>

#include "engine/model/scenario_loader.hpp"
#include "engine/sim/simulation.hpp"

namespace leverage::bench {

namespace {

Fixtures g_fixtures;

// Every actor whose rule is not `rule` gets {"name": rule} with default parameters. For `scripted`
// that is no schedule and no rules, default "" (its first hold action): it holds every week and
// never values alternatives. For `logit` it is rationality 1.
std::shared_ptr<const Scenario> load_with_every_rule(const Scenario& base, const std::string& rule) {
  std::vector<std::string> overrides;
  for (std::size_t i = 0; i < base.actors.size(); ++i)
    if (base.actors[i].rule_name != rule)
      overrides.push_back("/actors/" + std::to_string(i) + "/rule={\"name\": \"" + rule + "\"}");
  return load_variant(overrides);
}

// The all-logit variant at level-k depth `depth`: the actors on logit in the file keep their
// rationality and get the depth; the others become logit (rationality 1) at that depth. Depth 1 is
// the `logit` variant itself (the driver's checksums agree).
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
  return load_variant(overrides);
}

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

}  // namespace

std::filesystem::path scenario_path() {
  return std::filesystem::path(LEVERAGE_SOURCE_DIR) / "scenarios" / "belarus_2024.json";
}

std::shared_ptr<const Scenario> load_variant(const std::vector<std::string>& overrides) {
  return load_scenario(scenario_path(), overrides);
}

void load_fixtures() {
  Fixtures& f = g_fixtures;
  f.configured = load_variant({});
  f.scripted = load_with_every_rule(*f.configured, "scripted");
  f.logit = load_with_every_rule(*f.configured, "logit");
  for (int k = 1; k <= kMaxLevelDepth; ++k)
    f.depth[static_cast<std::size_t>(k - 1)] = load_all_logit_at_depth(*f.configured, k);
  f.mid = make_mid_run(*f.configured);
}

const Fixtures& fixtures() { return g_fixtures; }

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

}  // namespace leverage::bench
