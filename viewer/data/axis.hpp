#pragma once
// Axis arithmetic for the plots: a value range that holds the data, and "nice" tick positions
// (1, 2 or 5 times a power of ten), with labels short enough for a small plot.
#include <string>
#include <vector>

namespace leverage::viewer {

struct AxisRange {
  double low = 0, high = 1;
};

// Grows `range` to hold every finite value (NaN skipped). Start from empty_range().
AxisRange empty_range();
void include(AxisRange& range, const std::vector<double>& values);
void include(AxisRange& range, double value);
// The range widened so it is never empty (a constant series gets +-1, or +-10% of its value), and
// padded by 5% above and below unless `from_zero` pins a non-negative range's low end to 0.
AxisRange finish_range(AxisRange range, bool from_zero);

// Ticks at multiples of a step of 1, 2 or 5 x 10^k, at least `target` / 2 and at most about
// 2 x `target` of them, inside [low, high].
std::vector<double> nice_ticks(double low, double high, int target);
double nice_step(double low, double high, int target);
// "1.5k", "250", "0.25", "2M": compact, with just enough decimals for the step.
std::string tick_label(double value, double step);

}  // namespace leverage::viewer
