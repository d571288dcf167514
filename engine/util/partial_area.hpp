#pragma once
#include <filesystem>

#include <nlohmann/json.hpp>

// The partial area of a long run that can be interrupted and resumed (`leverage sweep`, `leverage
// ensemble`): a directory under the output directory, DIR/.partial/NAME/, holding the completed work
// and plan.json, the plan that work belongs to (the inputs' hashes, the seed, the options that change
// results, the version). A resumed run checks the plan first, so work of another plan is never mixed in.
namespace leverage {

// Prepares `area` for a run of `plan`. With `resume` and a plan.json in the area, checks that it is this
// plan and returns true; it throws config::ConfigError naming the first key that differs (e.g. "/master_seed")
// when it is not. Otherwise empties the area, writes plan.json (atomically) and returns false.
bool open_partial_area(const std::filesystem::path& area, const nlohmann::ordered_json& plan, bool resume);

// Removes the area, and its parent (DIR/.partial) when nothing else is in progress there.
void close_partial_area(const std::filesystem::path& area);

}  // namespace leverage
