#include "engine/model/policy.hpp"

#include <stdexcept>

#include "engine/config/json_reader.hpp"
#include "engine/config/suggest.hpp"
#include "engine/model/scenario.hpp"

namespace leverage {

const char* suits_name(Suits suits) {
  switch (suits) {
    case Suits::any: return "any actor";
    case Suits::sender: return "senders (any actor but the target)";
    case Suits::target: return "the target";
  }
  return "?";
}

std::size_t most_probable(const std::array<double, kMaxMenu>& probability, std::size_t n, std::size_t fallback) {
  std::size_t best = fallback;
  double best_p = 0;
  for (std::size_t k = 0; k < n; ++k)
    if (probability[k] > best_p) {
      best = k;
      best_p = probability[k];
    }
  return best;
}

std::size_t DecisionRule::predict(const DecisionInput& input, int depth) const {
  (void)depth;
  DecisionRecord record;
  const std::size_t decided = decide(input, &record);
  return most_probable(record.probability, input.scenario.actors[input.actor].menu.size(), decided);
}

std::map<std::string, RuleEntry>& rule_registry() {
  static std::map<std::string, RuleEntry> registry;
  return registry;
}

std::map<std::string, PayoffEntry>& payoff_registry() {
  static std::map<std::string, PayoffEntry> registry;
  return registry;
}

bool register_rule(RuleEntry entry) {
  const std::string name = entry.name;
  if (!rule_registry().emplace(name, std::move(entry)).second)
    throw std::logic_error("decision rule registered twice: " + name);
  return true;
}

bool register_payoff(PayoffEntry entry) {
  const std::string name = entry.name;
  if (!payoff_registry().emplace(name, std::move(entry)).second)
    throw std::logic_error("payoff model registered twice: " + name);
  return true;
}

namespace {
const nlohmann::json& param_json(const config::Node& params, const std::string& name) {
  // Factories only read parameters their own spec declares; the loader filled every default.
  const auto it = params.json().find(name);
  if (it == params.json().end()) throw std::logic_error("parameter not in its spec: " + name);
  return *it;
}
}  // namespace

double param_number(const config::Node& params, const std::string& name) {
  return param_json(params, name).get<double>();
}

bool param_bool(const config::Node& params, const std::string& name) { return param_json(params, name).get<bool>(); }

std::string param_string(const config::Node& params, const std::string& name) {
  return param_json(params, name).get<std::string>();
}

TermVector param_weights(const config::Node& params, const std::string& name) {
  TermVector weights{};
  for (const auto& [key, value] : param_json(params, name).items())
    if (const auto term = term_from_name(key)) weights[static_cast<std::size_t>(*term)] = value.get<double>();
  return weights;
}

}  // namespace leverage
