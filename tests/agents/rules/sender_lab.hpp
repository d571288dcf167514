#pragma once
// Helpers for the sender-rule tests: the lab scenario (tests/support/lab.hpp) with a scripted
// Minsk whose weekly actions are given, and one sender's rule replaced.
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/lab.hpp"

namespace leverage::test {

// The lab with Minsk playing `minsk_schedule` (week -> action id; hold otherwise), `actor_id`'s rule
// replaced by `rule`, and the initial sanctions level set.
inline nlohmann::json sender_lab(const std::string& actor_id, const nlohmann::json& rule,
                                 const std::map<int, std::string>& minsk_schedule, double initial_sanctions = 1) {
  nlohmann::json document = lab_json();
  nlohmann::json schedule = nlohmann::json::array();
  for (const auto& [week, action] : minsk_schedule) schedule.push_back({{"week", week}, {"action", action}});
  document["actors"][0]["rule"] = {{"name", "scripted"}, {"params", {{"schedule", schedule}, {"default", "hold"}}}};
  // A second named release for the individual approach.
  document["actors"][0]["actions"].push_back({{"id", "release_laureate"}, {"kind", "release_named"}, {"prisoner", "laureate"}});
  for (auto& actor : document["actors"])
    if (actor["id"] == actor_id) actor["rule"] = rule;
  document["economy"]["initial_sanctions_level"] = initial_sanctions;
  return document;
}

// The action ids `actor_id` took in weeks 1..weeks of seed 1.
inline std::vector<std::string> played(const nlohmann::json& document, const std::string& actor_id, int weeks,
                                       RunRecord* out = nullptr) {
  const auto scenario = load(document);
  RunRecord record;
  run_replicate(*scenario, ReplicateKey{1, 0, 0}, weeks, &record);
  const std::size_t i = actor(*scenario, actor_id);
  std::vector<std::string> ids;
  for (const auto& week : record.actions) ids.push_back(scenario->actors[i].menu[week.action[i]].id);
  if (out) *out = std::move(record);
  return ids;
}

}  // namespace leverage::test
