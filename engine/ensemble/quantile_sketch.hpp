#pragma once
#include <cstdint>
#include <vector>

#include "engine/util/binary_state.hpp"

// A deterministic, mergeable quantile summary with a guaranteed rank error, for the per-week
// bands of an ensemble (bands.csv). It is the merge-and-prune scheme of Munro and Paterson (1980)
// and Manku, Rajagopalan and Lindsay (1998): values gather in a buffer of `capacity`; a full buffer
// is sorted and carried up a ladder of levels, where two sorted buffers of weight w merge and keep
// every other element (alternating which half), giving one buffer of weight 2w. Each such
// compaction moves the rank of any value by at most w, so the sum of w over compactions bounds
// the rank error of every quantile; the sketch tracks that sum exactly. Values must be fed in a
// fixed order (the ensemble feeds them in replicate order) for results not to depend on threads.
namespace leverage {

class QuantileSketch {
 public:
  explicit QuantileSketch(std::size_t capacity = 256);
  void add(double value);
  std::uint64_t count() const { return count_; }
  // The smallest value whose rank (cumulative weight) reaches p * count: an inverse of the
  // empirical distribution function (Hyndman and Fan's type 1) up to the rank error bound.
  double quantile(double p) const;
  // Largest possible |rank of the answer - p * count|, in items.
  std::uint64_t rank_error_bound() const { return error_bound_; }
  // Checkpoints of a resumable run: the exact state, so a restored sketch continues as if never stopped.
  void save(StateWriter& out) const;
  void restore(StateReader& in);

 private:
  void carry(std::vector<double> buffer);
  std::size_t capacity_;
  std::uint64_t count_ = 0;
  std::uint64_t error_bound_ = 0;
  std::uint64_t compactions_ = 0;
  std::vector<double> pending_;               // weight 1, unsorted, fewer than capacity
  std::vector<std::vector<double>> levels_;  // level h: empty or `capacity` sorted values of weight 2^h
};

}  // namespace leverage
