#include "engine/replay/replay_file.hpp"

#include <boost/archive/archive_exception.hpp>
#include <boost/archive/text_iarchive.hpp>
#include <boost/archive/text_oarchive.hpp>
#include <boost/serialization/split_free.hpp>
#include <boost/serialization/tracking.hpp>
#include <boost/serialization/version.hpp>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <system_error>

#include "engine/config/json_reader.hpp"
#include "engine/io/run_outputs.hpp"
#include "engine/model/limits.hpp"
#include "engine/model/scenario_loader.hpp"
#include "engine/util/atomic_file.hpp"
#include "engine/util/format.hpp"
#include "engine/util/hash.hpp"
#include "engine/replay/archive_fields.hpp"

// Class versions: bump one when its layout changes and keep loading the old layout below. Objects
// are never tracked (no pointers are serialized), so an archive holds no object ids.
BOOST_CLASS_VERSION(leverage::replay::WeekActions, 1)
BOOST_CLASS_VERSION(leverage::replay::UltimatumOutcome, 1)
BOOST_CLASS_VERSION(leverage::replay::RecordedOutcome, 1)
BOOST_CLASS_VERSION(leverage::replay::ReplayData, 1)
BOOST_CLASS_TRACKING(leverage::replay::WeekActions, boost::serialization::track_never)
BOOST_CLASS_TRACKING(leverage::replay::UltimatumOutcome, boost::serialization::track_never)
BOOST_CLASS_TRACKING(leverage::replay::RecordedOutcome, boost::serialization::track_never)
BOOST_CLASS_TRACKING(leverage::replay::ReplayData, boost::serialization::track_never)

namespace leverage::replay {
namespace {

constexpr std::size_t kMaxOutcomeNameBytes = 64;
constexpr std::size_t kHashHexDigits = 64;

void check_version(unsigned int version, unsigned int current, const char* type) {
  if (version == 0 || version > current)
    throw ArchiveFieldError(std::string(type) + ": class version " + std::to_string(version) +
                            " is not one this build reads (1 to " + std::to_string(current) + ")");
}

}  // namespace
}  // namespace leverage::replay

namespace boost::serialization {

using namespace leverage::replay;

template <class Archive>
void save(Archive& ar, const WeekActions& w, unsigned int) {
  ar << w.week;
  save_sequence(ar, w.actions, leverage::kMaxActors, "actions of one week");
}
template <class Archive>
void load(Archive& ar, WeekActions& w, unsigned int version) {
  check_version(version, 1, "week actions");
  w.week = static_cast<std::int32_t>(load_integer(ar, 1, kMaxWeeks, "week number"));
  load_sequence(ar, w.actions, leverage::kMaxActors, "actions of one week");
}

template <class Archive>
void save(Archive& ar, const UltimatumOutcome& u, unsigned int) {
  save_text(ar, u.sender, kMaxIdBytes, "ultimatum sender");
  save_text(ar, u.outcome, kMaxOutcomeNameBytes, "ultimatum outcome");
}
template <class Archive>
void load(Archive& ar, UltimatumOutcome& u, unsigned int version) {
  check_version(version, 1, "ultimatum outcome");
  load_text(ar, u.sender, kMaxIdBytes, "ultimatum sender");
  load_text(ar, u.outcome, kMaxOutcomeNameBytes, "ultimatum outcome");
}

template <class Archive>
void save(Archive& ar, const RecordedOutcome& o, unsigned int) {
  save_finite(ar, o.final_stock, "final stock");
  save_finite(ar, o.gross_releases, "gross releases");
  save_finite(ar, o.rearrests, "re-arrests");
  save_finite(ar, o.transit_lost_teu, "transit lost");
  save_optional_integer(ar, o.first_release_week);
  save_count(ar, o.discounted_payoffs.size(), leverage::kMaxActors, "discounted payoffs");
  for (const double payoff : o.discounted_payoffs) save_finite(ar, payoff, "discounted payoff");
  save_sequence(ar, o.ultimatums, leverage::kMaxUltimatums, "ultimatums");
}
template <class Archive>
void load(Archive& ar, RecordedOutcome& o, unsigned int version) {
  check_version(version, 1, "recorded outcome");
  o.final_stock = load_finite(ar, "final stock");
  o.gross_releases = load_finite(ar, "gross releases");
  o.rearrests = load_finite(ar, "re-arrests");
  o.transit_lost_teu = load_finite(ar, "transit lost");
  o.first_release_week = load_optional_integer(ar, 0, kMaxWeeks, "first release week");
  const std::size_t actors = load_count(ar, leverage::kMaxActors, "discounted payoffs");
  o.discounted_payoffs.clear();
  o.discounted_payoffs.reserve(actors);
  for (std::size_t i = 0; i < actors; ++i) o.discounted_payoffs.push_back(load_finite(ar, "discounted payoff"));
  load_sequence(ar, o.ultimatums, leverage::kMaxUltimatums, "ultimatums");
}

template <class Archive>
void save(Archive& ar, const ReplayData& d, unsigned int) {
  save_text(ar, d.scenario_json, kMaxScenarioBytes, "scenario");
  save_text(ar, d.config_hash, kHashHexDigits, "config hash");
  ar << d.master_seed << d.point << d.replicate << d.weeks;
  save_count(ar, d.actor_ids.size(), leverage::kMaxActors, "actor ids");
  for (const auto& id : d.actor_ids) save_text(ar, id, kMaxIdBytes, "actor id");
  save_sequence(ar, d.log, static_cast<std::size_t>(kMaxWeeks), "action log");
  ar << d.outcome;
}
template <class Archive>
void load(Archive& ar, ReplayData& d, unsigned int version) {
  check_version(version, 1, "replay");
  load_text(ar, d.scenario_json, kMaxScenarioBytes, "scenario");
  load_text(ar, d.config_hash, kHashHexDigits, "config hash");
  ar >> d.master_seed >> d.point >> d.replicate;
  d.weeks = static_cast<std::int32_t>(load_integer(ar, 1, kMaxWeeks, "weeks"));
  const std::size_t actors = load_count(ar, leverage::kMaxActors, "actor ids");
  d.actor_ids.assign(actors, std::string());
  for (auto& id : d.actor_ids) load_text(ar, id, kMaxIdBytes, "actor id");
  load_sequence(ar, d.log, static_cast<std::size_t>(kMaxWeeks), "action log");
  ar >> d.outcome;
}

}  // namespace boost::serialization

BOOST_SERIALIZATION_SPLIT_FREE(leverage::replay::WeekActions)
BOOST_SERIALIZATION_SPLIT_FREE(leverage::replay::UltimatumOutcome)
BOOST_SERIALIZATION_SPLIT_FREE(leverage::replay::RecordedOutcome)
BOOST_SERIALIZATION_SPLIT_FREE(leverage::replay::ReplayData)

namespace leverage {

ReplayError::ReplayError(std::string file_label, std::string what_is_wrong, int week_number, std::string actor_id)
    : std::runtime_error(file_label + ": " + what_is_wrong),
      file(std::move(file_label)),
      message(std::move(what_is_wrong)),
      week(week_number),
      actor(std::move(actor_id)) {}

namespace replay {
namespace {

bool is_lower_hex(std::string_view text) {
  for (const char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

// Reads "KEY VALUE\n" at `pos`; VALUE is at most `max_value` characters and the line must end.
std::string_view header_field(std::string_view bytes, std::size_t& pos, std::string_view key, std::size_t max_value,
                              const std::string& label) {
  const std::string expected = std::string(key) + " ";
  if (bytes.substr(pos, expected.size()) != expected)
    throw ReplayError(label, "header: expected a line \"" + std::string(key) + " ...\" (truncated or not a replay file)");
  pos += expected.size();
  const std::size_t end = bytes.find('\n', pos);
  if (end == std::string_view::npos || end - pos > max_value || end == pos)
    throw ReplayError(label, "header: the \"" + std::string(key) + "\" line is truncated or malformed");
  const std::string_view value = bytes.substr(pos, end - pos);
  pos = end + 1;
  return value;
}

std::uint64_t header_number(std::string_view value, std::string_view key, const std::string& label) {
  std::uint64_t number = 0;
  for (const char c : value) {
    if (c < '0' || c > '9')
      throw ReplayError(label, "header: \"" + std::string(key) + "\" is not a decimal number: \"" + std::string(value) + "\"");
    number = number * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return number;
}

void check_structure(const ReplayData& d, const std::string& label) {
  if (d.config_hash.size() != kHashHexDigits || !is_lower_hex(d.config_hash))
    throw ReplayError(label, "the config hash is not 64 lowercase hexadecimal digits");
  if (d.actor_ids.empty()) throw ReplayError(label, "the replay names no actors");
  if (d.log.size() != static_cast<std::size_t>(d.weeks))
    throw ReplayError(label, "the action log has " + std::to_string(d.log.size()) + " weeks, the run " +
                                 std::to_string(d.weeks));
  for (std::size_t w = 0; w < d.log.size(); ++w) {
    const WeekActions& entry = d.log[w];
    if (entry.week != static_cast<std::int32_t>(w + 1))
      throw ReplayError(label, "action log entry " + std::to_string(w + 1) + " is for week " + std::to_string(entry.week));
    if (entry.actions.size() != d.actor_ids.size())
      throw ReplayError(label, "week " + std::to_string(w + 1) + " logs " + std::to_string(entry.actions.size()) +
                                   " actions for " + std::to_string(d.actor_ids.size()) + " actors",
                        entry.week);
    for (std::size_t i = 0; i < entry.actions.size(); ++i)
      if (entry.actions[i] >= kMaxMenu)
        throw ReplayError(label, "week " + std::to_string(w + 1) + ", " + d.actor_ids[i] + ": menu index " +
                                     std::to_string(entry.actions[i]) + " is beyond any menu",
                          entry.week, d.actor_ids[i]);
  }
  if (d.outcome.discounted_payoffs.size() != d.actor_ids.size())
    throw ReplayError(label, "the outcome has " + std::to_string(d.outcome.discounted_payoffs.size()) +
                                 " payoffs for " + std::to_string(d.actor_ids.size()) + " actors");
  if (d.outcome.first_release_week && *d.outcome.first_release_week > d.weeks)
    throw ReplayError(label, "the first release week is after the last week");
}

std::string action_name(const Scenario& scenario, std::size_t actor, std::size_t index) {
  return "'" + scenario.actors[actor].menu[index].id + "' (menu index " + std::to_string(index) + ")";
}

}  // namespace

RecordedOutcome recorded_outcome(const Scenario& scenario, const WorldState& s) {
  RecordedOutcome o;
  o.final_stock = s.prisoners;
  o.gross_releases = s.gross_releases;
  o.rearrests = s.rearrests_total;
  o.transit_lost_teu = s.transit_lost_total;
  if (s.first_release_week >= 0) o.first_release_week = s.first_release_week;
  for (std::size_t i = 0; i < scenario.actors.size(); ++i) o.discounted_payoffs.push_back(s.actors[i].payoff);
  for (std::size_t k = 0; k < s.ultimatum_count; ++k)
    o.ultimatums.push_back({scenario.actors[s.ultimatums[k].sender].id, ultimatum_outcome(s.ultimatums[k])});
  return o;
}

ReplayData make_replay(const Scenario& scenario, const ReplicateKey& key, int weeks, const RunRecord& record,
                       const WorldState& final_state) {
  ReplayData d;
  d.scenario_json = scenario.effective.dump();
  d.config_hash = scenario.config_hash;
  d.master_seed = key.master_seed;
  d.point = key.point;
  d.replicate = key.replicate;
  d.weeks = weeks;
  for (const auto& actor : scenario.actors) d.actor_ids.push_back(actor.id);
  for (std::size_t w = 0; w < record.actions.size(); ++w) {
    WeekActions entry;
    entry.week = static_cast<std::int32_t>(w + 1);
    for (std::size_t i = 0; i < scenario.actors.size(); ++i) entry.actions.push_back(record.actions[w].action[i]);
    d.log.push_back(std::move(entry));
  }
  d.outcome = recorded_outcome(scenario, final_state);
  return d;
}

std::string encode_replay(const ReplayData& replay, const std::string& label) {
  std::ostringstream payload_stream;
  try {
    boost::archive::text_oarchive archive(payload_stream, boost::archive::no_header);
    archive << replay;
  } catch (const ArchiveFieldError& e) {
    throw ReplayError(label, std::string("cannot record: ") + e.what());
  }
  const std::string payload = payload_stream.str();
  std::string bytes(kMagic);
  bytes += "format " + std::to_string(kFormatVersion) + "\n";
  bytes += "length " + std::to_string(payload.size()) + "\n";
  bytes += "sha256 " + sha256_hex(payload) + "\n";
  bytes += payload;
  return bytes;
}

ReplayData decode_replay(std::string_view bytes, const std::string& label) {
  const std::string_view magic(kMagic);
  if (bytes.substr(0, magic.size()) != magic) {
    if (magic.substr(0, bytes.size()) == bytes) throw ReplayError(label, "truncated: the file ends inside the magic bytes");
    throw ReplayError(label, "not a replay file (it does not start with the magic bytes \"LVRPLAY\")");
  }
  std::size_t pos = magic.size();
  const std::uint64_t format = header_number(header_field(bytes, pos, "format", 9, label), "format", label);
  if (format != kFormatVersion)
    throw ReplayError(label, "format version " + std::to_string(format) + " is not supported (this build reads " +
                                 std::to_string(kFormatVersion) + ")");
  const std::uint64_t length = header_number(header_field(bytes, pos, "length", 9, label), "length", label);
  if (length > kMaxFileBytes)
    throw ReplayError(label, "header: a payload of " + std::to_string(length) + " bytes exceeds the limit of " +
                                 std::to_string(kMaxFileBytes));
  const std::string_view checksum = header_field(bytes, pos, "sha256", kHashHexDigits, label);
  if (checksum.size() != kHashHexDigits || !is_lower_hex(checksum))
    throw ReplayError(label, "header: the sha256 line is not 64 lowercase hexadecimal digits");
  const std::string_view payload = bytes.substr(pos);
  if (payload.size() < length)
    throw ReplayError(label, "truncated: the header announces " + std::to_string(length) + " payload bytes, the file has " +
                                 std::to_string(payload.size()));
  if (payload.size() > length)
    throw ReplayError(label, std::to_string(payload.size() - length) + " unexpected bytes after the payload");
  if (sha256_hex(payload) != checksum) throw ReplayError(label, "checksum mismatch: the payload is corrupted");

  ReplayData d;
  try {
    std::istringstream in{std::string(payload)};
    boost::archive::text_iarchive archive(in, boost::archive::no_header);
    archive >> d;
    in >> std::ws;
    if (!in.eof()) throw ArchiveFieldError("unexpected text after the archive");
  } catch (const ArchiveFieldError& e) {
    throw ReplayError(label, std::string("malformed payload: ") + e.what());
  } catch (const boost::archive::archive_exception& e) {
    throw ReplayError(label, std::string("malformed payload: ") + e.what());
  } catch (const std::exception& e) {
    throw ReplayError(label, std::string("malformed payload: ") + e.what());
  }
  check_structure(d, label);
  return d;
}

void write_replay(const std::filesystem::path& path, const ReplayData& replay) {
  write_file_atomic(path, encode_replay(replay, path.string()));
}

ReplayData read_replay(const std::filesystem::path& path) {
  const std::string label = path.string();
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  if (error) throw ReplayError(label, "cannot read: " + error.message());
  if (size > kMaxFileBytes)
    throw ReplayError(label, "the file has " + std::to_string(size) + " bytes, more than the limit of " +
                                 std::to_string(kMaxFileBytes));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ReplayError(label, std::string("cannot open: ") + std::strerror(errno));
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw ReplayError(label, "read error");
  return decode_replay(bytes, label);
}

std::shared_ptr<const Scenario> load_replay_scenario(const ReplayData& d, const std::string& label) {
  std::shared_ptr<const Scenario> scenario;
  try {
    scenario = load_scenario_document(config::parse_json_text(d.scenario_json, label + "#scenario"), label + "#scenario");
  } catch (const config::ConfigError& e) {
    throw ReplayError(label, std::string("embedded scenario: ") + e.what());
  }
  if (scenario->config_hash != d.config_hash)
    throw ReplayError(label, "the embedded scenario hashes to " + scenario->config_hash.substr(0, 12) +
                                 "..., the replay records " + d.config_hash.substr(0, 12) +
                                 "... (the scenario was edited after recording)");
  if (scenario->actors.size() != d.actor_ids.size())
    throw ReplayError(label, "the replay logs " + std::to_string(d.actor_ids.size()) + " actors, the scenario has " +
                                 std::to_string(scenario->actors.size()));
  for (std::size_t i = 0; i < d.actor_ids.size(); ++i)
    if (scenario->actors[i].id != d.actor_ids[i])
      throw ReplayError(label, "actor " + std::to_string(i) + " is \"" + d.actor_ids[i] +
                                   "\" in the log but \"" + scenario->actors[i].id + "\" in the scenario");
  for (const WeekActions& entry : d.log)
    for (std::size_t i = 0; i < entry.actions.size(); ++i)
      if (entry.actions[i] >= scenario->actors[i].menu.size())
        throw ReplayError(label, "week " + std::to_string(entry.week) + ", " + d.actor_ids[i] + ": menu index " +
                                     std::to_string(entry.actions[i]) + " is not on a menu of " +
                                     std::to_string(scenario->actors[i].menu.size()) + " actions",
                          entry.week, d.actor_ids[i]);
  return scenario;
}

Verified verify_replay(const ReplayData& d, const std::string& label) {
  const auto scenario = load_replay_scenario(d, label);
  const std::size_t n = scenario->actors.size();
  const ReplicateKey key = d.key();

  // Two runs of the same replicate: one forced to the log, one left to the rules. Up to the first
  // difference both see the same states, so scanning week by week (actors in scenario order) finds
  // where the runs part: a logged action that was not feasible in its week's state, or one the rule
  // would not have chosen (with no forcing, the same seed must reproduce the same actions).
  const ForcedActions forced = [&d](int week, std::size_t actor) -> std::optional<std::size_t> {
    return d.log[static_cast<std::size_t>(week - 1)].actions[actor];
  };
  RunRecord forced_run, free_run;
  const WorldState final_state = run_replicate(*scenario, key, d.weeks, &forced_run, &forced);
  run_replicate(*scenario, key, d.weeks, &free_run);
  for (int w = 0; w < d.weeks; ++w)
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t logged = d.log[static_cast<std::size_t>(w)].actions[i];
      const std::size_t chosen = free_run.actions[static_cast<std::size_t>(w)].action[i];
      const std::string where = "week " + std::to_string(w + 1) + ", " + d.actor_ids[i];
      if (!(forced_run.decisions[static_cast<std::size_t>(w) * n + i].feasible >> logged & 1u))
        throw ReplayError(label, where + ": the logged action " + action_name(*scenario, i, logged) +
                                     " is not feasible in that week's state", w + 1, d.actor_ids[i]);
      if (logged != chosen)
        throw ReplayError(label, "the runs part at " + where + ": the log has " + action_name(*scenario, i, logged) +
                                     ", the rule chooses " + action_name(*scenario, i, chosen),
                          w + 1, d.actor_ids[i]);
    }

  // 3. The re-simulated outcome is the recorded one, exactly.
  const RecordedOutcome now = recorded_outcome(*scenario, final_state);
  const RecordedOutcome& then = d.outcome;
  const auto differs = [&label](const std::string& field, const std::string& recorded, const std::string& resimulated) {
    throw ReplayError(label, "outcome differs from the recording: " + field + " recorded " + recorded +
                                 ", re-simulated " + resimulated);
  };
  const auto compare = [&differs](const std::string& field, double recorded, double resimulated) {
    if (recorded != resimulated) differs(field, format_double(recorded), format_double(resimulated));
  };
  compare("final stock", then.final_stock, now.final_stock);
  compare("gross releases", then.gross_releases, now.gross_releases);
  compare("re-arrests", then.rearrests, now.rearrests);
  compare("transit lost (TEU)", then.transit_lost_teu, now.transit_lost_teu);
  const auto week_text = [](const std::optional<std::int64_t>& week) {
    return week ? "week " + std::to_string(*week) : std::string("none");
  };
  if (then.first_release_week != now.first_release_week)
    differs("first release", week_text(then.first_release_week), week_text(now.first_release_week));
  for (std::size_t i = 0; i < n; ++i)
    compare(d.actor_ids[i] + "'s discounted payoff", then.discounted_payoffs[i], now.discounted_payoffs[i]);
  if (then.ultimatums.size() != now.ultimatums.size())
    differs("ultimatums issued", std::to_string(then.ultimatums.size()), std::to_string(now.ultimatums.size()));
  for (std::size_t k = 0; k < now.ultimatums.size(); ++k)
    if (then.ultimatums[k].sender != now.ultimatums[k].sender || then.ultimatums[k].outcome != now.ultimatums[k].outcome)
      differs("ultimatum " + std::to_string(k + 1),
              then.ultimatums[k].sender + " " + then.ultimatums[k].outcome,
              now.ultimatums[k].sender + " " + now.ultimatums[k].outcome);
  return Verified{scenario, final_state};
}

}  // namespace replay
}  // namespace leverage
