#pragma once
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/model/scenario.hpp"

// Loading and validating a scenario: every bad input becomes one config::ConfigError naming the
// file, the JSON pointer, what was expected and what was found (engine/config/json_reader.hpp).
namespace leverage {

// Reads FILE, applies `--set /json/pointer=VALUE` overrides, validates, builds rules and payoff
// models from the registries. Throws config::ConfigError on any bad input.
std::shared_ptr<const Scenario> load_scenario(const std::filesystem::path& path,
                                              const std::vector<std::string>& overrides = {});

// The same from a parsed document; `file_label` names it in errors.
std::shared_ptr<const Scenario> load_scenario_document(nlohmann::json document, const std::string& file_label);

namespace config {
class Node;
}
struct ParamSpec;

// Validates an actor's `params` object (absent: empty) against a registered parameter spec and
// returns it with every default filled in; throws ConfigError on unknown keys, wrong types,
// out-of-range values and missing required parameters.
nlohmann::json validate_params(const config::Node* params, const config::Node& parent,
                               const std::vector<ParamSpec>& specs);

// One parameter's value checked against its spec (type, range, choices).
nlohmann::json validate_param_value(const ParamSpec& spec, const config::Node& node);

}  // namespace leverage
