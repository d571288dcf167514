#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/model/scenario.hpp"

// A round robin of decision rules (docs/TOURNAMENTS.md): every sender rule of a plan plays, in the
// sender's slot of a scenario, against every target rule in the target's slot. Each pairing is an
// ensemble (engine/ensemble) with the plan's master seed and the same replicate keys, so every
// pairing sees the same types, shocks, vetoes and per-actor decision streams: common random numbers.
// The plan rides in the scenario file as its `tournament` object:
//
//   "tournament": {
//     "sender": "brussels", "target": "minsk", "replicates": 200, "seed": 1,
//     "senders": [{"label": "grim", "rule": {"name": "grim_trigger", "params": {...}}}, ...],
//     "targets": [{"label": "logit_2", "rule": {"name": "logit", "params": {"rationality": 2}}}, ...]
//   }
namespace leverage {

struct TournamentEntry {
  std::string label;
  nlohmann::json rule;  // an actor's `rule` object
  std::string pointer;  // of the entry in the file, for errors
};

struct TournamentPlan {
  int sender = -1, target = -1;  // actor indices
  std::uint64_t replicates = 200;
  std::uint64_t seed = 1;
  std::vector<TournamentEntry> senders, targets;
};

// Reads the scenario's `tournament` object. Throws config::ConfigError (file, JSON pointer) on a bad
// plan, or when an actor other than the sender can issue an ultimatum (success would be ambiguous).
TournamentPlan read_tournament(const Scenario& scenario);

// One pairing's summary over its replicates.
struct PairingResult {
  std::string sender_label, target_label, sender_rule, target_rule;
  std::uint64_t replicates = 0;
  double net_releases_mean = 0;                              // initial stock minus final stock
  double net_releases_ci_low = 0, net_releases_ci_high = 0;  // its 95% interval
  double gross_releases_mean = 0;
  double success_frequency = 0;   // first ultimatum complied with (at the threat stage or after imposition)
  double executed_frequency = 0;  // first ultimatum's threat executed
  double sender_payoff_mean = 0, sender_payoff_ci_low = 0, sender_payoff_ci_high = 0;
  double target_payoff_mean = 0, target_payoff_ci_low = 0, target_payoff_ci_high = 0;
};

struct TournamentOptions {
  std::uint64_t replicates = 0;  // 0: the plan's
  int threads = 0;               // 0: OpenMP's default
};

// Builds every pairing's scenario first (a bad rule is reported at its entry in the plan before
// anything runs), then runs the pairings in plan order: senders outer, targets inner.
std::vector<PairingResult> run_tournament(const Scenario& scenario, const TournamentPlan& plan,
                                          const TournamentOptions& options);

// The tidy table: one row per pairing, columns in the order of PairingResult.
std::string tournament_csv(const std::vector<PairingResult>& results);

}  // namespace leverage
