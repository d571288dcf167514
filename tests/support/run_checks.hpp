#pragma once
// Invariants of a recorded run, shared by the conformance tests: finite payoffs and a complete
// decision log (every row sized to its menu, the chosen action feasible, finite values for the
// feasible alternatives, probabilities 0 for the infeasible ones and summing to 1).
#include <catch2/catch.hpp>
#include <cmath>

#include "engine/sim/simulation.hpp"

namespace leverage::test {

inline void check_decision_log(const Scenario& s, const RunRecord& record) {
  const std::size_t n = s.actors.size();
  for (std::size_t w = 0; w < record.weeks.size(); ++w)
    for (std::size_t i = 0; i < n; ++i) {
      CHECK(std::isfinite(record.weeks[w].actors[i].payoff));
      const DecisionRecord& d = record.decisions[w * n + i];
      CHECK(d.menu_size == s.actors[i].menu.size());
      CHECK((d.feasible >> d.chosen & 1u));
      double total = 0;
      for (std::size_t k = 0; k < d.menu_size; ++k) {
        const bool feasible = d.feasible >> k & 1u;
        if (feasible) CHECK(std::isfinite(d.value[k]));
        if (!feasible) CHECK(d.probability[k] == 0);
        CHECK(d.probability[k] >= 0);
        total += d.probability[k];
      }
      CHECK(total == Approx(1.0).epsilon(1e-12));
    }
}

}  // namespace leverage::test
