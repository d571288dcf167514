#include "viewer/data/scenario_sliders.hpp"

#include <algorithm>
#include <cmath>

#include "engine/config/json_reader.hpp"
#include "engine/model/scenario_loader.hpp"
#include "engine/util/format.hpp"

namespace leverage::viewer {

namespace {

using nlohmann::json;

// The number at `pointer` in the document, if there is one.
const json* number_at(const json& document, const std::string& pointer) {
  const json::json_pointer p(pointer);
  if (!document.contains(p)) return nullptr;
  const json& value = document.at(p);
  return value.is_number() ? &value : nullptr;
}

void offer(std::vector<ParameterSlider>& out, const json& document, std::string label, std::string pointer, double min,
           double max, bool integer) {
  const json* value = number_at(document, pointer);
  if (value == nullptr || out.size() >= 8) return;
  const double v = value->get<double>();
  // The range always holds the scenario's own value.
  out.push_back({std::move(label), std::move(pointer), std::min(min, v), std::max(max, v), v, v, integer});
}

std::string actor_name(const json& actor) {
  return actor.contains("name") && actor["name"].is_string() ? actor["name"].get<std::string>()
                                                             : actor.value("id", std::string("?"));
}

}  // namespace

std::vector<ParameterSlider> key_parameters(const Scenario& scenario) {
  std::vector<ParameterSlider> out;
  const json& doc = scenario.effective;
  const json* actors = doc.contains("actors") && doc["actors"].is_array() ? &doc["actors"] : nullptr;
  // The first ultimatum on any menu, and the first pressure on the target.
  std::string ultimatum, sender, pressure, presser;
  if (actors != nullptr)
    for (std::size_t i = 0; i < actors->size(); ++i) {
      const json& actor = (*actors)[i];
      if (!actor.contains("actions") || !actor["actions"].is_array()) continue;
      for (std::size_t k = 0; k < actor["actions"].size(); ++k) {
        const json& action = actor["actions"][k];
        const std::string kind = action.value("kind", std::string());
        const std::string at = "/actors/" + std::to_string(i);
        if (kind == "issue_ultimatum" && ultimatum.empty()) {
          ultimatum = at + "/actions/" + std::to_string(k) + "/ultimatum";
          sender = at;
        }
        if (kind == "press_target" && pressure.empty()) {
          pressure = at + "/actions/" + std::to_string(k) + "/level";
          presser = actor_name(actor);
        }
      }
    }
  const std::string target = scenario.target >= 0 ? scenario.actors[static_cast<std::size_t>(scenario.target)].name
                                                  : std::string("the target");
  const std::string patron = scenario.patron >= 0 ? scenario.actors[static_cast<std::size_t>(scenario.patron)].name
                                                  : std::string("the patron");
  if (!ultimatum.empty()) {
    const std::string who = actor_name(doc.at(json::json_pointer(sender)));
    offer(out, doc, who + "'s deadline (weeks)", ultimatum + "/deadline_weeks", 1, 52, true);
    offer(out, doc, who + "'s demand (prisoners)", ultimatum + "/demand/count", 10, 1000, true);
    offer(out, doc, target + "'s capitulation cost", ultimatum + "/capitulation_cost", 0, 60, false);
    offer(out, doc, who + "'s audience cost", ultimatum + "/audience_cost", 0, 80, false);
    offer(out, doc, who + "'s prior of being resolved", sender + "/types/p_resolved", 0, 1, false);
  }
  if (!pressure.empty()) offer(out, doc, presser + "'s pressure on " + target + " (levels)", pressure, 0, 3, false);
  if (const json* low = number_at(doc, "/economy/aid_cap_min_meur"))
    offer(out, doc, patron + "'s aid cap (M EUR/week)", "/economy/aid_cap_max_meur", low->get<double>(), 60, false);
  if (doc.contains(json::json_pointer("/eu/members/0/id")))
    offer(out, doc, doc.at(json::json_pointer("/eu/members/0/id")).get<std::string>() + "'s veto probability",
          "/eu/members/0/veto_probability", 0, 1, false);
  return out;
}

std::vector<std::string> slider_overrides(const std::vector<ParameterSlider>& sliders) {
  std::vector<std::string> out;
  for (const ParameterSlider& s : sliders) {
    if (s.value == s.original) continue;
    const double v = s.integer ? std::round(s.value) : s.value;
    out.push_back(s.pointer + "=" + (s.integer ? std::to_string(static_cast<long long>(v)) : format_double(v)));
  }
  return out;
}

std::shared_ptr<const Scenario> apply_sliders(const Scenario& base, const std::vector<ParameterSlider>& sliders) {
  json document = base.effective;
  const std::string label = base.name + " (sliders)";
  for (const std::string& assignment : slider_overrides(sliders)) config::apply_override(document, label, assignment);
  return load_scenario_document(std::move(document), label);
}

}  // namespace leverage::viewer
