#pragma once
// Replay files (docs/REPLAY.md): a run is the seed plus the action history (STYLE.md), so a replay
// stores the effective scenario, its hash, the replicate key, the weeks, every actor's menu index per
// week and the outcome the run reached. `leverage replay` re-simulates it and checks that
//   - forced to the logged actions, every action was feasible and the world lands on the recorded outcome;
//   - left to their rules, the actors choose the logged actions week by week (same seed, same play).
//
// On disk: a short text header of our own (magic, format version, payload length, SHA-256 of the
// payload), then the payload, a Boost.Serialization text archive (the binary archive is not portable).
// Every failure is a ReplayError whose message names the file and what is wrong.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model/scenario.hpp"
#include "engine/model/state.hpp"
#include "engine/model/world.hpp"
#include "engine/sim/simulation.hpp"

namespace leverage {

// One thing wrong with a replay. what() is "FILE: message". When the failure is tied to one decision
// (an infeasible or diverging action), `week` (1-based) and `actor` (its id) say which.
struct ReplayError : std::runtime_error {
  ReplayError(std::string file, std::string message, int week = -1, std::string actor = {});
  std::string file;
  std::string message;
  int week = -1;
  std::string actor;
};

namespace replay {

inline constexpr char kMagic[] = "LVRPLAY\n";
inline constexpr std::uint32_t kFormatVersion = 1;
// Caps on what a file may ask a reader to hold. A scenario is ~25 KB today; 4 MiB leaves room for
// much larger ones. The horizon cap is `leverage run --weeks`'s upper bound.
inline constexpr std::size_t kMaxFileBytes = std::size_t{16} << 20;
inline constexpr std::size_t kMaxScenarioBytes = std::size_t{4} << 20;
inline constexpr std::size_t kMaxIdBytes = 256;
inline constexpr int kMaxWeeks = 5200;

struct WeekActions {
  std::int32_t week = 0;                // 1-based
  std::vector<std::uint32_t> actions;   // menu index per actor, in scenario order
};

struct UltimatumOutcome {
  std::string sender;   // actor id
  std::string outcome;  // ultimatum_outcome(): complied_threat, ..., pending
};

// The summary's key numbers (engine/io/run_outputs.hpp, run_summary).
struct RecordedOutcome {
  double final_stock = 0;
  double gross_releases = 0;
  double rearrests = 0;
  double transit_lost_teu = 0;
  std::optional<std::int64_t> first_release_week;
  std::vector<double> discounted_payoffs;  // per actor, in scenario order
  std::vector<UltimatumOutcome> ultimatums;
};

struct ReplayData {
  std::string scenario_json;  // Scenario::effective.dump()
  std::string config_hash;    // sha256 of scenario_json
  std::uint64_t master_seed = 1;
  std::uint64_t point = 0;
  std::uint64_t replicate = 0;
  std::int32_t weeks = 0;
  std::vector<std::string> actor_ids;
  std::vector<WeekActions> log;
  RecordedOutcome outcome;

  ReplicateKey key() const { return ReplicateKey{master_seed, point, replicate}; }
};

// The outcome of a final state, as recorded.
RecordedOutcome recorded_outcome(const Scenario& scenario, const WorldState& final_state);

// A replay of a run made with `run_replicate(scenario, key, weeks, &record)` ending in `final_state`.
ReplayData make_replay(const Scenario& scenario, const ReplicateKey& key, int weeks, const RunRecord& record,
                       const WorldState& final_state);

// The bytes of a replay file (header and payload). Throws ReplayError (file `label`) when a value
// cannot be recorded, e.g. a non-finite number.
std::string encode_replay(const ReplayData& replay, const std::string& label);
// Parses the bytes of a replay file: header, checksum, archive, caps and ranges, structure (one
// entry per week in order, one action per actor). Throws ReplayError naming `label`, nothing else.
ReplayData decode_replay(std::string_view bytes, const std::string& label);

// Writes atomically (temporary name, fsync, rename); throws IoError or ReplayError.
void write_replay(const std::filesystem::path& path, const ReplayData& replay);
// Reads and decodes; a missing, unreadable or oversized file is a ReplayError too.
ReplayData read_replay(const std::filesystem::path& path);

// The semantic check against the embedded scenario, loaded as "LABEL#scenario": its hash matches,
// the actor ids are the scenario's, every action is on its actor's menu, the weeks fit the horizon.
std::shared_ptr<const Scenario> load_replay_scenario(const ReplayData& replay, const std::string& label);

struct Verified {
  std::shared_ptr<const Scenario> scenario;
  WorldState final_state;  // of the re-simulation
};

// Re-simulates and checks (see the top of this file); throws ReplayError at the first difference,
// naming the week and actor where the runs part, or the outcome field that differs.
Verified verify_replay(const ReplayData& replay, const std::string& label);

}  // namespace replay
}  // namespace leverage
