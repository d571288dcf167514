// Fictitious play and replicator dynamics, and their solvers `fictitious` and `replicator`.
#include <algorithm>
#include <cmath>

#include "agents/solvers/learning.hpp"

namespace leverage::games {

LearningReport fictitious_play(const NormalFormGame& game, unsigned long rounds, double tolerance) {
  const std::size_t n = game.player_count();
  std::vector<std::vector<double>> counts(n);
  MixedProfile beliefs(n);
  for (std::size_t i = 0; i < n; ++i) {
    counts[i].assign(game.action_count(i), 0.0);
    beliefs[i].assign(game.action_count(i), 1.0 / static_cast<double>(game.action_count(i)));
  }
  LearningReport report;
  const unsigned long watch_from = rounds - rounds / 10;
  MixedProfile watched;
  for (unsigned long t = 1; t <= rounds; ++t) {
    std::vector<std::size_t> play(n);
    for (std::size_t i = 0; i < n; ++i) {
      const std::vector<double> values = action_values(game, beliefs, i);
      play[i] = static_cast<std::size_t>(std::max_element(values.begin(), values.end()) - values.begin());
    }
    for (std::size_t i = 0; i < n; ++i) {
      counts[i][play[i]] += 1.0;
      for (std::size_t a = 0; a < counts[i].size(); ++a) beliefs[i][a] = counts[i][a] / static_cast<double>(t);
    }
    if (t == watch_from) watched = beliefs;
  }
  report.profile = beliefs;
  report.iterations = rounds;
  if (!watched.empty())
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t a = 0; a < beliefs[i].size(); ++a)
        report.last_change = std::max(report.last_change, std::abs(beliefs[i][a] - watched[i][a]));
  report.exploitability = max_deviation_gain(game, beliefs);
  report.converged = report.exploitability <= tolerance;
  return report;
}

LearningReport replicator(const NormalFormGame& game, unsigned long steps, double step, MixedProfile start,
                          double tolerance) {
  const std::size_t n = game.player_count();
  MixedProfile x = std::move(start);
  if (x.empty()) {
    x.resize(n);
    for (std::size_t i = 0; i < n; ++i)
      x[i].assign(game.action_count(i), 1.0 / static_cast<double>(game.action_count(i)));
  }
  LearningReport report;
  for (unsigned long s = 0; s < steps; ++s) {
    MixedProfile velocity(n);
    double speed = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      const std::vector<double> values = action_values(game, x, i);
      double average = 0.0;
      for (std::size_t a = 0; a < values.size(); ++a) average += x[i][a] * values[a];
      velocity[i].resize(values.size());
      for (std::size_t a = 0; a < values.size(); ++a) {
        velocity[i][a] = x[i][a] * (values[a] - average);
        speed = std::max(speed, std::abs(velocity[i][a]));
      }
    }
    report.last_change = speed;
    report.iterations = s;
    if (speed < tolerance) {
      report.converged = true;
      break;
    }
    for (std::size_t i = 0; i < n; ++i) {
      double total = 0.0;
      for (std::size_t a = 0; a < x[i].size(); ++a) total += (x[i][a] = std::max(0.0, x[i][a] + step * velocity[i][a]));
      for (double& v : x[i]) v /= total;
    }
    report.iterations = s + 1;
  }
  report.profile = x;
  report.exploitability = max_deviation_gain(game, x);
  return report;
}

namespace {

std::optional<std::string> needs_normal_form(const Game& game) {
  if (!std::holds_alternative<NormalFormGame>(game)) return "needs a normal-form game";
  return std::nullopt;
}

Solution learning_solution(const NormalFormGame& game, const std::string& solver, const LearningReport& report,
                           const std::string& type) {
  Solution solution = make_solution(solver, game.players);
  solution.equilibria.push_back(normal_form_equilibrium(game, report.profile, type));
  solution.facts["iterations"] = static_cast<double>(report.iterations);
  solution.facts["exploitability"] = report.exploitability;
  solution.facts["last_change"] = report.last_change;
  solution.facts["converged"] = report.converged ? 1.0 : 0.0;
  return solution;
}

const bool registered_fp = register_solver(
    {"fictitious", "fictitious play for --iterations rounds: empirical frequencies and their exploitability",
     needs_normal_form, [](const Game& game, const SolverOptions& options) {
       const auto& normal = std::get<NormalFormGame>(game);
       const LearningReport report = fictitious_play(normal, options.iterations);
       Solution solution = learning_solution(normal, "fictitious", report, "fictitious play frequencies");
       solution.notes.push_back(report.converged
                                    ? "converged: no player gains more than 1e-3 against the empirical frequencies"
                                    : "not converged: a player gains more than 1e-3 against the empirical frequencies");
       return solution;
     }});

const bool registered_replicator = register_solver(
    {"replicator", "replicator dynamics from uniform play (--iterations Euler steps of --step)", needs_normal_form,
     [](const Game& game, const SolverOptions& options) {
       const auto& normal = std::get<NormalFormGame>(game);
       const LearningReport report = replicator(normal, options.iterations, options.step);
       Solution solution = learning_solution(normal, "replicator", report, "replicator state");
       solution.notes.push_back(report.converged ? (report.exploitability <= 1e-6 ? "converged to a rest point that is a Nash equilibrium"
                                                                                  : "converged to a rest point that is not a Nash equilibrium")
                                                 : "not converged: the state still moves (a cycle or slow approach)");
       return solution;
     }});

}  // namespace

}  // namespace leverage::games
