#pragma once
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "engine/analysis/prim.hpp"

// `leverage discover` (docs/SENSITIVITY.md): PRIM scenario discovery over a sweep's points.csv, for a
// condition on its outcome columns.
namespace leverage::analysis {

struct DiscoveryOptions {
  std::string where;  // e.g. "releases_net_mean >= 300" (engine/analysis/condition.hpp)
  PrimOptions prim;
  double density_threshold = 0.8;  // the chosen box: the first whose density reaches it
  std::optional<std::size_t> box;  // or this step of the trajectory
};

struct Discovery {
  std::vector<std::string> parameters;  // the swept parameters PRIM peels (numeric columns)
  std::string condition;                // as understood, e.g. "releases_net_mean >= 300"
  std::size_t points = 0, cases = 0;
  std::vector<PrimBox> trajectory;
  std::size_t chosen = 0;
  std::vector<Restriction> restrictions;  // of the chosen box
  std::vector<std::filesystem::path> files;
};

// Reads DIR/points.csv and DIR/manifest.json (the swept parameters), peels, and writes
// prim_trajectory.csv, prim_box.csv and prim.json into `out`. Throws config::ConfigError on a
// condition that does not parse or names an unknown column (with a did-you-mean), a missing file, or
// a condition no point (or every point) meets.
Discovery run_discovery(const std::filesystem::path& sweep_directory, const DiscoveryOptions& options,
                        const std::filesystem::path& out);

}  // namespace leverage::analysis
