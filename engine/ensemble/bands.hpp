#pragma once
#include <string>
#include <vector>

#include "engine/ensemble/quantile_sketch.hpp"
#include "engine/io/run_outputs.hpp"

// Per-week bands of key state variables across an ensemble's replicates (bands.csv): the 5, 25,
// 50, 75 and 95th percentiles of each variable in each week, from one QuantileSketch per (week,
// variable) fed in replicate order. Variables are trajectory.csv columns, by name.
namespace leverage {

class Bands {
 public:
  Bands(const Scenario& scenario, int weeks, std::size_t sketch_capacity = 256);
  std::size_t variables() const { return columns_.size(); }
  int weeks() const { return weeks_; }
  // Reads this state's band variables into `out` (variables() values).
  void observe(const WorldState& state, double* out) const;
  // Adds one replicate's values: (weeks + 1) x variables(), week-major.
  void add_replicate(const double* values);
  std::string csv() const;
  // Largest rank error bound over every sketch, as a share of the replicates.
  double max_rank_error() const;
  std::size_t sketch_capacity() const { return capacity_; }
  // Checkpoints of a resumable ensemble: every sketch's exact state.
  void save(StateWriter& out) const;
  void restore(StateReader& in);

 private:
  std::vector<Column> columns_;
  int weeks_;
  std::size_t capacity_;
  std::vector<QuantileSketch> sketches_;  // week-major
};

}  // namespace leverage
