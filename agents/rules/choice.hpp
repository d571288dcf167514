#pragma once
// Shared by decision rules: logit probabilities over feasible alternatives and sampling from them.
#include <array>
#include <cmath>
#include <limits>

#include "engine/model/policy.hpp"
#include "engine/rng/rng.hpp"

namespace leverage::rules {

// Quantal (logit) response: p_k proportional to exp(rationality * (V_k - max V)) over feasible k;
// rationality 0 is uniform play, large rationality approaches the best response.
inline void logit_probabilities(const std::array<double, kMaxMenu>& values, MenuMask feasible, std::size_t n,
                                double rationality, std::array<double, kMaxMenu>& probabilities) {
  double best = -std::numeric_limits<double>::infinity();
  for (std::size_t k = 0; k < n; ++k)
    if (feasible >> k & 1u) best = std::max(best, values[k]);
  double total = 0;
  for (std::size_t k = 0; k < n; ++k) {
    probabilities[k] = (feasible >> k & 1u) ? std::exp(rationality * (values[k] - best)) : 0.0;
    total += probabilities[k];
  }
  for (std::size_t k = 0; k < n; ++k) probabilities[k] /= total;
}

// Draws a menu index from the probabilities with exactly one uniform draw from the actor's stream.
inline std::size_t sample_index(const std::array<double, kMaxMenu>& probabilities, std::size_t n, rng::Rng& noise) {
  const double u = rng::uniform01(noise);
  double cumulative = 0;
  std::size_t last_positive = 0;
  for (std::size_t k = 0; k < n; ++k) {
    if (probabilities[k] <= 0) continue;
    cumulative += probabilities[k];
    last_positive = k;
    if (u < cumulative) return k;
  }
  return last_positive;  // rounding left u above the cumulative sum
}

// The `pick`-th feasible menu index (0-based) among the first n; n if there are fewer. A tremble's
// uniformly drawn feasible action.
inline std::size_t nth_feasible(MenuMask feasible, std::size_t n, std::size_t pick) {
  for (std::size_t k = 0; k < n; ++k)
    if (feasible >> k & 1u) {
      if (pick == 0) return k;
      --pick;
    }
  return n;
}

}  // namespace leverage::rules
