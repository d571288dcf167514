#include "engine/analysis/prim.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace leverage::analysis {

namespace {

bool inside(const std::vector<double>& point, const std::vector<double>& low, const std::vector<double>& high,
            std::size_t skip = std::numeric_limits<std::size_t>::max()) {
  for (std::size_t k = 0; k < point.size(); ++k)
    if (k != skip && (point[k] < low[k] || point[k] > high[k])) return false;
  return true;
}

PrimBox measure(const std::vector<std::vector<double>>& x, const std::vector<bool>& interest, std::vector<double> low,
                std::vector<double> high, std::size_t total_cases) {
  PrimBox box;
  box.low = std::move(low);
  box.high = std::move(high);
  for (std::size_t p = 0; p < x.size(); ++p)
    if (inside(x[p], box.low, box.high)) {
      ++box.points;
      box.cases += interest[p];
    }
  box.support = static_cast<double>(box.points) / static_cast<double>(x.size());
  box.coverage = static_cast<double>(box.cases) / static_cast<double>(total_cases);
  box.density = box.points > 0 ? static_cast<double>(box.cases) / static_cast<double>(box.points) : 0.0;
  return box;
}

// The range of every parameter over all points: the box that holds them all.
std::pair<std::vector<double>, std::vector<double>> data_range(const std::vector<std::vector<double>>& x) {
  const std::size_t d = x.front().size();
  std::vector<double> low(d, std::numeric_limits<double>::infinity()), high(d, -low[0]);
  for (const auto& point : x)
    for (std::size_t k = 0; k < d; ++k) {
      low[k] = std::min(low[k], point[k]);
      high[k] = std::max(high[k], point[k]);
    }
  return {low, high};
}

}  // namespace

std::vector<PrimBox> prim_peel(const std::vector<std::vector<double>>& x, const std::vector<bool>& interest,
                               const PrimOptions& options) {
  if (x.empty() || x.size() != interest.size()) throw std::invalid_argument("PRIM: no points");
  const std::size_t total_cases = static_cast<std::size_t>(std::count(interest.begin(), interest.end(), true));
  if (total_cases == 0) throw std::invalid_argument("PRIM: no point meets the condition");
  const std::size_t d = x.front().size();
  const auto [low, high] = data_range(x);
  std::vector<PrimBox> trajectory{measure(x, interest, low, high, total_cases)};
  const double min_points = options.min_support * static_cast<double>(x.size());
  std::vector<double> values;
  while (true) {
    const PrimBox& box = trajectory.back();
    const std::size_t peel =
        std::max<std::size_t>(1, static_cast<std::size_t>(options.alpha * static_cast<double>(box.points)));
    bool found = false;
    PrimBox best;
    for (std::size_t k = 0; k < d; ++k) {
      values.clear();
      for (const auto& point : x)
        if (inside(point, box.low, box.high)) values.push_back(point[k]);
      std::sort(values.begin(), values.end());
      for (int side = 0; side < 2; ++side) {
        std::vector<double> new_low = box.low, new_high = box.high;
        if (side == 0) {
          // Remove the values below values[peel]; if that removes nothing (ties at the minimum), remove
          // the minimum's points.
          auto cut = values[std::min(peel, values.size() - 1)];
          if (cut == values.front()) {
            const auto next = std::upper_bound(values.begin(), values.end(), values.front());
            if (next == values.end()) continue;
            cut = *next;
          }
          new_low[k] = cut;
        } else {
          auto cut = values[values.size() - 1 - std::min(peel, values.size() - 1)];
          if (cut == values.back()) {
            const auto previous = std::lower_bound(values.begin(), values.end(), values.back());
            if (previous == values.begin()) continue;
            cut = *(previous - 1);
          }
          new_high[k] = cut;
        }
        PrimBox candidate = measure(x, interest, std::move(new_low), std::move(new_high), total_cases);
        if (static_cast<double>(candidate.points) < min_points || candidate.points == 0) continue;
        const bool better = !found || candidate.density > best.density ||
                            (candidate.density == best.density && candidate.points > best.points);
        if (better) {
          best = std::move(candidate);
          found = true;
        }
      }
    }
    if (!found) break;
    trajectory.push_back(std::move(best));
  }
  return trajectory;
}

std::size_t choose_box(const std::vector<PrimBox>& trajectory, double density_threshold) {
  std::size_t densest = 0;
  for (std::size_t i = 0; i < trajectory.size(); ++i) {
    if (trajectory[i].density >= density_threshold) return i;
    if (trajectory[i].density > trajectory[densest].density) densest = i;
  }
  return densest;
}

double binomial_upper_tail(std::size_t n, double p, std::size_t k) {
  if (k == 0) return 1.0;
  if (k > n || p <= 0) return 0.0;
  if (p >= 1) return 1.0;
  const double log_p = std::log(p), log_q = std::log1p(-p);
  const double log_n_factorial = std::lgamma(static_cast<double>(n) + 1);
  // log-sum-exp over i = k .. n of log C(n, i) + i log p + (n - i) log q.
  std::vector<double> terms;
  terms.reserve(n - k + 1);
  double largest = -std::numeric_limits<double>::infinity();
  for (std::size_t i = k; i <= n; ++i) {
    const double di = static_cast<double>(i);
    const double term = log_n_factorial - std::lgamma(di + 1) - std::lgamma(static_cast<double>(n - i) + 1) +
                        di * log_p + static_cast<double>(n - i) * log_q;
    terms.push_back(term);
    largest = std::max(largest, term);
  }
  double sum = 0;
  for (const double term : terms) sum += std::exp(term - largest);
  return std::min(1.0, std::exp(largest + std::log(sum)));
}

std::vector<Restriction> box_restrictions(const std::vector<std::vector<double>>& x, const std::vector<bool>& interest,
                                          const PrimBox& box) {
  const std::size_t d = box.low.size();
  const auto [data_low, data_high] = data_range(x);
  std::vector<Restriction> restrictions;
  for (std::size_t k = 0; k < d; ++k) {
    if (box.low[k] <= data_low[k] && box.high[k] >= data_high[k]) continue;
    Restriction restriction{k, box.low[k], box.high[k], data_low[k], data_high[k], 0, 0, 1};
    for (std::size_t p = 0; p < x.size(); ++p)
      if (inside(x[p], box.low, box.high, k)) {
        ++restriction.points_without;
        restriction.cases_without += interest[p];
      }
    restriction.p_value = binomial_upper_tail(
        box.points, static_cast<double>(restriction.cases_without) / static_cast<double>(restriction.points_without),
        box.cases);
    restrictions.push_back(restriction);
  }
  return restrictions;
}

}  // namespace leverage::analysis
