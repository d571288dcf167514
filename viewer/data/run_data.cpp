#include "viewer/data/run_data.hpp"

#include <algorithm>
#include <cmath>

#include "engine/io/run_outputs.hpp"
#include "engine/replay/replay_file.hpp"

namespace leverage::viewer {

RunData::RunData(std::string label, std::shared_ptr<const Scenario> scenario, const ReplicateKey& key, int weeks,
                 RunRecord record)
    : label_(std::move(label)), scenario_(std::move(scenario)), key_(key), weeks_(weeks), record_(std::move(record)) {
  weeks_ = std::min<int>(weeks_, static_cast<int>(record_.weeks.size()));
  const auto columns = trajectory_columns(*scenario_);
  for (const auto& column : columns) {
    column_names_.push_back(column.name);
    std::vector<double> values;
    values.reserve(static_cast<std::size_t>(weeks_) + 1);
    for (int w = 0; w <= weeks_; ++w) values.push_back(column.value(state(w)));
    columns_.push_back(std::move(values));
  }
  // Every (ultimatum, deadline) pair the run went through: an extension adds a second mark.
  for (int w = 1; w <= weeks_; ++w) {
    const WorldState& s = state(w);
    for (int u = 0; u < s.ultimatum_count; ++u) {
      const UltimatumState& us = s.ultimatums[static_cast<std::size_t>(u)];
      const bool known = std::any_of(deadlines_.begin(), deadlines_.end(), [&](const DeadlineMark& m) {
        return m.ultimatum == u && m.deadline_week == us.deadline_week;
      });
      if (!known) deadlines_.push_back({u, us.sender, us.issue_week, us.deadline_week});
    }
  }
  // run_summary() builds an ordered_json; the reader takes plain json, so go through its text.
  equilibrium_ = read_equilibrium(nlohmann::json::parse(run_summary(*scenario_, state(weeks_), key_, weeks_).dump()));
}

const WorldState& RunData::state(int week) const {
  const int w = std::clamp(week, 0, weeks_);
  return w == 0 ? record_.initial : record_.weeks[static_cast<std::size_t>(w - 1)];
}

const DecisionRecord& RunData::decision(int week, std::size_t actor) const {
  const int w = std::clamp(week, 1, std::max(weeks_, 1));
  return record_.decisions[static_cast<std::size_t>(w - 1) * actors() + actor];
}

std::size_t RunData::action(int week, std::size_t actor) const {
  const int w = std::clamp(week, 1, std::max(weeks_, 1));
  return record_.actions[static_cast<std::size_t>(w - 1)].action[actor];
}

const ActionSpec& RunData::action_spec(int week, std::size_t actor) const {
  return scenario_->actors[actor].menu[action(week, actor)];
}

const std::vector<double>* RunData::series(std::string_view column) const {
  for (std::size_t c = 0; c < column_names_.size(); ++c)
    if (column_names_[c] == column) return &columns_[c];
  return nullptr;
}

RunData simulate_run(std::string label, std::shared_ptr<const Scenario> scenario, const ReplicateKey& key, int weeks,
                     const ForcedActions* forced) {
  RunRecord record;
  run_replicate(*scenario, key, weeks, &record, forced);
  return RunData(std::move(label), std::move(scenario), key, weeks, std::move(record));
}

RunData load_replay_run(const std::filesystem::path& file) {
  try {
    const replay::ReplayData data = replay::read_replay(file);
    const replay::Verified verified = replay::verify_replay(data, file.string());
    return simulate_run(file.string(), verified.scenario, data.key(), data.weeks);
  } catch (const ReplayError& e) {
    throw LoadError(e.what());
  }
}

std::string Divergence::describe() const {
  if (!diverge) return "the runs do not diverge";
  std::string text = "first divergence: week " + std::to_string(week);
  if (!actor.empty()) {
    text.append(", ").append(actor).append(" (").append(action_a).append(" vs ").append(action_b).append(")");
  } else {
    text.append(", ").append(column).append(" (same actions)");
  }
  return text;
}

Divergence first_divergence(const RunData& a, const RunData& b) {
  Divergence d;
  const int weeks = std::min(a.weeks(), b.weeks());
  for (int w = 1; w <= weeks; ++w) {
    for (std::size_t i = 0; i < a.actors(); ++i) {
      const int j = b.scenario().actor_index(a.scenario().actors[i].id);
      if (j < 0) continue;
      const std::string& action_a = a.action_spec(w, i).id;
      const std::string& action_b = b.action_spec(w, static_cast<std::size_t>(j)).id;
      if (action_a != action_b) {
        d.diverge = true;
        d.week = w;
        d.actor = a.scenario().actors[i].id;
        d.action_a = action_a;
        d.action_b = action_b;
        return d;
      }
    }
  }
  for (int w = 0; w <= weeks; ++w) {
    for (const std::string& name : a.column_names()) {
      const auto* other = b.series(name);
      if (other == nullptr) continue;
      const double x = (*a.series(name))[static_cast<std::size_t>(w)], y = (*other)[static_cast<std::size_t>(w)];
      if (x != y && !(std::isnan(x) && std::isnan(y))) {
        d.diverge = true;
        d.week = w;
        d.column = name;
        return d;
      }
    }
  }
  return d;
}

}  // namespace leverage::viewer
