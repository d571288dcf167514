#pragma once
// The few-line text summary of one run that `leverage run` and `leverage replay` print.
#include <iosfwd>
#include <string>

#include <nlohmann/json.hpp>

#include "engine/model/scenario.hpp"

namespace leverage::cli {

// `summary` is run_summary()'s object (engine/io/run_outputs.hpp); the first line starts with `command`.
void print_run_summary(std::ostream& out, const std::string& command, const Scenario& scenario,
                       const nlohmann::ordered_json& summary);

}  // namespace leverage::cli
