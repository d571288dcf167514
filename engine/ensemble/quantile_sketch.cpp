#include "engine/ensemble/quantile_sketch.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace leverage {

QuantileSketch::QuantileSketch(std::size_t capacity) : capacity_(std::max<std::size_t>(capacity, 2) & ~std::size_t{1}) {
  pending_.reserve(capacity_);
}

void QuantileSketch::add(double value) {
  pending_.push_back(value);
  ++count_;
  if (pending_.size() == capacity_) {
    std::vector<double> full;
    full.swap(pending_);
    pending_.reserve(capacity_);
    std::sort(full.begin(), full.end());
    carry(std::move(full));
  }
}

void QuantileSketch::carry(std::vector<double> buffer) {
  for (std::size_t level = 0;; ++level) {
    if (levels_.size() <= level) levels_.emplace_back();
    if (levels_[level].empty()) {
      levels_[level] = std::move(buffer);
      return;
    }
    std::vector<double> merged(2 * capacity_);
    std::merge(levels_[level].begin(), levels_[level].end(), buffer.begin(), buffer.end(), merged.begin());
    std::vector<double>().swap(levels_[level]);  // an empty level holds no memory
    // Keep every other element, alternating the offset between compactions so that the errors of
    // successive compactions do not all lean the same way.
    const std::size_t offset = compactions_++ % 2;
    buffer.resize(capacity_);
    for (std::size_t k = 0; k < capacity_; ++k) buffer[k] = merged[2 * k + offset];
    error_bound_ += std::uint64_t{1} << level;  // weight of the items compacted
  }
}

double QuantileSketch::quantile(double p) const {
  if (count_ == 0) return std::nan("");
  std::vector<std::pair<double, std::uint64_t>> weighted;
  for (double v : pending_) weighted.emplace_back(v, 1);
  for (std::size_t level = 0; level < levels_.size(); ++level)
    for (double v : levels_[level]) weighted.emplace_back(v, std::uint64_t{1} << level);
  std::sort(weighted.begin(), weighted.end());
  const double target = std::max(1.0, std::ceil(p * static_cast<double>(count_)));
  std::uint64_t cumulative = 0;
  for (const auto& [value, weight] : weighted) {
    cumulative += weight;
    if (static_cast<double>(cumulative) >= target) return value;
  }
  return weighted.back().first;
}

void QuantileSketch::save(StateWriter& out) const {
  out.u64(capacity_);
  out.u64(count_);
  out.u64(error_bound_);
  out.u64(compactions_);
  out.doubles(pending_);
  out.u64(levels_.size());
  for (const auto& level : levels_) out.doubles(level);
}

void QuantileSketch::restore(StateReader& in) {
  in.expect(in.u64(), capacity_, "sketch capacity");
  count_ = in.u64();
  error_bound_ = in.u64();
  compactions_ = in.u64();
  pending_ = in.doubles(capacity_ - 1);
  pending_.reserve(capacity_);
  const std::uint64_t levels = in.u64();
  if (levels > 64) in.fail("at most 64 sketch levels");
  levels_.assign(static_cast<std::size_t>(levels), {});
  for (auto& level : levels_) level = in.doubles(capacity_);
}

}  // namespace leverage
