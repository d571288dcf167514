#include "viewer/data/axis.hpp"

#include <cmath>
#include <cstdio>
#include <limits>

namespace leverage::viewer {

AxisRange empty_range() {
  return {std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()};
}

void include(AxisRange& range, double value) {
  if (!std::isfinite(value)) return;
  range.low = std::min(range.low, value);
  range.high = std::max(range.high, value);
}

void include(AxisRange& range, const std::vector<double>& values) {
  for (double v : values) include(range, v);
}

AxisRange finish_range(AxisRange range, bool from_zero) {
  if (!(range.low <= range.high)) return {0, 1};
  if (range.low == range.high) {
    const double half = range.low == 0 ? 1 : std::abs(range.low) * 0.1;
    range.low -= half;
    range.high += half;
    if (from_zero && range.low < 0 && range.high - half >= 0) range.low = 0;
    return range;
  }
  const double pad = (range.high - range.low) * 0.05;
  if (from_zero && range.low >= 0) {
    range.low = 0;
  } else {
    range.low -= pad;
  }
  range.high += pad;
  return range;
}

double nice_step(double low, double high, int target) {
  const double span = high - low;
  if (!(span > 0) || target < 1) return 1;
  const double raw = span / target;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double fraction = raw / magnitude;
  const double nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
  return nice * magnitude;
}

std::vector<double> nice_ticks(double low, double high, int target) {
  std::vector<double> ticks;
  const double step = nice_step(low, high, target);
  const double first = std::ceil(low / step - 1e-9);
  for (double k = first; k * step <= high + step * 1e-9 && ticks.size() < 64; k += 1) {
    const double v = k * step;
    ticks.push_back(std::abs(v) < step * 1e-9 ? 0.0 : v);
  }
  return ticks;
}

std::string tick_label(double value, double step) {
  char text[32];
  const double magnitude = std::abs(value) > std::abs(step) ? std::abs(value) : std::abs(step);
  if (magnitude >= 1e6) {
    std::snprintf(text, sizeof text, "%gM", std::round(value / 1e5) / 10);
  } else if (magnitude >= 1e4) {
    std::snprintf(text, sizeof text, "%gk", std::round(value / 100) / 10);
  } else {
    const int decimals = step >= 1 ? 0 : static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
  }
  return text;
}

}  // namespace leverage::viewer
