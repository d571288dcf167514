#include "engine/tournament/tournament.hpp"

#include <cmath>

#include "engine/config/json_reader.hpp"
#include "engine/ensemble/ensemble.hpp"
#include "engine/ensemble/ensemble_outputs.hpp"
#include "engine/model/scenario_loader.hpp"
#include "engine/util/csv.hpp"

namespace leverage {

using config::Node;
using config::ObjectReader;

namespace {

std::vector<TournamentEntry> read_entries(const Node& list) {
  list.require_array();
  if (list.size() == 0) list.fail("at least one entry", "an empty array");
  std::vector<TournamentEntry> entries;
  for (std::size_t k = 0; k < list.size(); ++k) {
    ObjectReader r(list.element(k));
    TournamentEntry entry;
    const Node rule = r.required("rule");
    rule.require_object();
    entry.rule = rule.json();
    entry.label = r.string("label", "");
    if (entry.label.empty()) {
      ObjectReader name(rule);
      entry.label = name.string("name");  // validated against the registry when the pairing loads
    }
    for (const auto& other : entries)
      if (other.label == entry.label) r.node().fail("a unique label", "\"" + entry.label + "\" again");
    entry.pointer = list.element(k).pointer();
    r.finish();
    entries.push_back(std::move(entry));
  }
  return entries;
}

int actor_of(const Node& node, const Scenario& scenario) {
  std::vector<std::string> ids;
  for (const auto& actor : scenario.actors) ids.push_back(actor.id);
  return scenario.actor_index(node.as_enum(ids));
}

// Errors inside the rule replaced in `slot` are re-addressed to the tournament entry it came from.
[[noreturn]] void rethrow_at_entry(const config::ConfigError& e, int slot, const TournamentEntry& entry) {
  const std::string prefix = "/actors/" + std::to_string(slot) + "/rule";
  if (e.pointer.rfind(prefix, 0) == 0)
    throw config::ConfigError(e.file, entry.pointer + "/rule" + e.pointer.substr(prefix.size()), e.expected, e.found);
  throw e;
}

std::shared_ptr<const Scenario> pairing_scenario(const Scenario& scenario, const TournamentPlan& plan,
                                                 const TournamentEntry& sender, const TournamentEntry& target) {
  nlohmann::json document = scenario.effective;
  document["actors"][static_cast<std::size_t>(plan.sender)]["rule"] = sender.rule;
  document["actors"][static_cast<std::size_t>(plan.target)]["rule"] = target.rule;
  try {
    return load_scenario_document(std::move(document), scenario.source_file);
  } catch (const config::ConfigError& e) {
    const std::string sender_prefix = "/actors/" + std::to_string(plan.sender) + "/rule";
    if (e.pointer.rfind(sender_prefix, 0) == 0) rethrow_at_entry(e, plan.sender, sender);
    rethrow_at_entry(e, plan.target, target);
  }
}

struct MeanCi {
  double mean = 0, low = 0, high = 0;
};

MeanCi mean_ci(const EnsembleResult& result, std::size_t column) {
  std::vector<double> values(result.replicates);
  for (std::uint64_t r = 0; r < result.replicates; ++r) values[r] = result.row(r)[column];
  const auto d = describe_values(std::move(values));
  if (!d.contains("mean")) return {NAN, NAN, NAN};
  return {d["mean"].get<double>(), d["ci95"][0].get<double>(), d["ci95"][1].get<double>()};
}

std::size_t column_of(const OutcomeSchema& schema, const std::string& name) {
  for (std::size_t c = 0; c < schema.size(); ++c)
    if (schema.columns()[c].name == name) return c;
  throw std::logic_error("no outcome column " + name);
}

}  // namespace

TournamentPlan read_tournament(const Scenario& scenario) {
  const Node root(scenario.effective, scenario.source_file);
  ObjectReader top(root);
  const auto node = top.optional("tournament");
  if (!node) root.fail("a key \"tournament\" (a tournament plan)", "no such key");
  ObjectReader r(*node);
  TournamentPlan plan;
  plan.sender = actor_of(r.required("sender"), scenario);
  plan.target = actor_of(r.required("target"), scenario);
  if (plan.target != scenario.target) r.required("target").fail("the scenario's target", "another actor");
  if (plan.sender == plan.target) r.required("sender").fail("an actor other than the target", "the target");
  plan.replicates = static_cast<std::uint64_t>(r.integer("replicates", 1, 100000000, 200));
  plan.seed = static_cast<std::uint64_t>(r.integer("seed", 0, std::int64_t{1} << 53, 1));
  plan.senders = read_entries(r.required("senders"));
  plan.targets = read_entries(r.required("targets"));
  r.finish();
  for (std::size_t i = 0; i < scenario.actors.size(); ++i) {
    if (static_cast<int>(i) == plan.sender) continue;
    for (const auto& action : scenario.actors[i].menu)
      if (action.kind == ActionKind::issue_ultimatum)
        r.required("sender").fail("the only actor that can issue ultimatums (success is the sender's ultimatum)",
                                  "\"" + scenario.actors[i].id + "\" can issue one too");
  }
  return plan;
}

std::vector<PairingResult> run_tournament(const Scenario& scenario, const TournamentPlan& plan,
                                          const TournamentOptions& options) {
  std::vector<std::shared_ptr<const Scenario>> pairings;
  for (const auto& sender : plan.senders)
    for (const auto& target : plan.targets) pairings.push_back(pairing_scenario(scenario, plan, sender, target));
  EnsembleOptions ensemble;
  ensemble.master_seed = plan.seed;
  ensemble.replicates = options.replicates > 0 ? options.replicates : plan.replicates;
  ensemble.threads = options.threads;
  ensemble.bands = false;
  ensemble.chunk = 16;  // small chunks so a short tournament still spreads over threads; results do not depend on it
  std::vector<PairingResult> results;
  std::size_t k = 0;
  for (const auto& sender : plan.senders)
    for (const auto& target : plan.targets) {
      const Scenario& s = *pairings[k++];
      const EnsembleResult result = run_ensemble(s, ensemble);
      const OutcomeSchema& schema = result.schema;
      PairingResult row;
      row.sender_label = sender.label;
      row.target_label = target.label;
      row.sender_rule = s.actors[plan.sender].rule_name;
      row.target_rule = s.actors[plan.target].rule_name;
      row.replicates = result.replicates;
      const std::size_t net = column_of(schema, "net_change_in_stock");
      const std::size_t gross = column_of(schema, "gross_releases");
      const std::size_t outcome = column_of(schema, "u1_outcome");
      const std::size_t executed = column_of(schema, "u1_executed_week");
      double net_sum = 0, gross_sum = 0, successes = 0, executions = 0;
      for (std::uint64_t r = 0; r < result.replicates; ++r) {  // replicate order: the same sums on any thread count
        const double* values = result.row(r);
        net_sum += -values[net];
        gross_sum += values[gross];
        const auto code = static_cast<OutcomeCode>(static_cast<int>(values[outcome]));
        successes += code == OutcomeCode::complied_threat || code == OutcomeCode::complied_after_imposition;
        executions += !std::isnan(values[executed]);
      }
      const double n = static_cast<double>(result.replicates);
      row.net_releases_mean = net_sum / n;
      row.gross_releases_mean = gross_sum / n;
      row.success_frequency = successes / n;
      row.executed_frequency = executions / n;
      // Net releases are minus the net change in the stock: the interval flips.
      const MeanCi net_change = mean_ci(result, net);
      row.net_releases_ci_low = -net_change.high;
      row.net_releases_ci_high = -net_change.low;
      const MeanCi sender_payoff = mean_ci(result, column_of(schema, s.actors[plan.sender].id + "_discounted_payoff"));
      const MeanCi target_payoff = mean_ci(result, column_of(schema, s.actors[plan.target].id + "_discounted_payoff"));
      row.sender_payoff_mean = sender_payoff.mean;
      row.sender_payoff_ci_low = sender_payoff.low;
      row.sender_payoff_ci_high = sender_payoff.high;
      row.target_payoff_mean = target_payoff.mean;
      row.target_payoff_ci_low = target_payoff.low;
      row.target_payoff_ci_high = target_payoff.high;
      results.push_back(std::move(row));
    }
  return results;
}

std::string tournament_csv(const std::vector<PairingResult>& results) {
  std::string out;
  CsvRow row;
  for (const char* name :
       {"sender", "target", "sender_rule", "target_rule", "replicates", "net_releases_mean", "net_releases_ci95_low",
        "net_releases_ci95_high", "gross_releases_mean", "success_frequency", "executed_frequency",
        "sender_payoff_mean", "sender_payoff_ci95_low", "sender_payoff_ci95_high", "target_payoff_mean",
        "target_payoff_ci95_low", "target_payoff_ci95_high"})
    row.add(name);
  row.end_row(out);
  for (const auto& r : results) {
    row.add(r.sender_label).add(r.target_label).add(r.sender_rule).add(r.target_rule).add(r.replicates);
    row.add(r.net_releases_mean)
        .add(r.net_releases_ci_low)
        .add(r.net_releases_ci_high)
        .add(r.gross_releases_mean)
        .add(r.success_frequency)
        .add(r.executed_frequency);
    row.add(r.sender_payoff_mean).add(r.sender_payoff_ci_low).add(r.sender_payoff_ci_high);
    row.add(r.target_payoff_mean).add(r.target_payoff_ci_low).add(r.target_payoff_ci_high);
    row.end_row(out);
  }
  return out;
}

}  // namespace leverage
