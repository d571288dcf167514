// The logit QRE path and the `qre` solver.
#include <algorithm>
#include <cmath>

#include "agents/solvers/learning.hpp"
#include "agents/solvers/linear.hpp"

namespace leverage::games {

namespace {

struct Layout {
  std::vector<std::size_t> offset;  // first unknown of each player
  std::size_t size = 0;
};

Layout layout_of(const NormalFormGame& game) {
  Layout layout;
  for (std::size_t player = 0; player < game.player_count(); ++player) {
    layout.offset.push_back(layout.size);
    layout.size += game.action_count(player);
  }
  return layout;
}

MixedProfile profile_of(const NormalFormGame& game, const Layout& layout, const std::vector<double>& z) {
  MixedProfile profile(game.player_count());
  for (std::size_t i = 0; i < game.player_count(); ++i)
    for (std::size_t a = 0; a < game.action_count(i); ++a) profile[i].push_back(std::exp(z[layout.offset[i] + a]));
  return profile;
}

// F(z, lambda), its Jacobian in z and its derivative in lambda (see learning.hpp).
struct System {
  std::vector<double> value;
  Matrix jacobian;
  std::vector<double> d_lambda;
};

System evaluate(const NormalFormGame& game, const Layout& layout, const std::vector<double>& z, double lambda) {
  const std::size_t n = game.player_count();
  const MixedProfile pi = profile_of(game, layout, z);
  // cross[i][a][off_j + b] = d u_ia / d pi_jb for j != i.
  std::vector<std::vector<std::vector<double>>> cross(n);
  std::vector<std::vector<double>> u(n);
  for (std::size_t i = 0; i < n; ++i) {
    cross[i].assign(game.action_count(i), std::vector<double>(layout.size, 0.0));
    u[i].assign(game.action_count(i), 0.0);
  }
  const std::size_t profiles = game.profile_count();
  for (std::size_t index = 0; index < profiles; ++index) {
    const std::vector<std::size_t> pure = game.profile_of(index);
    for (std::size_t i = 0; i < n; ++i) {
      const double payoff = game.payoff(index, i);
      double others = 1.0;
      for (std::size_t k = 0; k < n; ++k)
        if (k != i) others *= pi[k][pure[k]];
      u[i][pure[i]] += others * payoff;
      for (std::size_t j = 0; j < n; ++j) {
        if (j == i) continue;
        double without_j = 1.0;
        for (std::size_t k = 0; k < n; ++k)
          if (k != i && k != j) without_j *= pi[k][pure[k]];
        cross[i][pure[i]][layout.offset[j] + pure[j]] += without_j * payoff;
      }
    }
  }
  System system{std::vector<double>(layout.size, 0.0), Matrix(layout.size, std::vector<double>(layout.size, 0.0)),
                std::vector<double>(layout.size, 0.0)};
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t base = layout.offset[i];
    double total = 0.0;
    for (std::size_t a = 0; a < game.action_count(i); ++a) {
      total += pi[i][a];
      system.jacobian[base][base + a] = pi[i][a];
    }
    system.value[base] = total - 1.0;
    for (std::size_t a = 1; a < game.action_count(i); ++a) {
      const std::size_t row = base + a;
      system.value[row] = z[base + a] - z[base] - lambda * (u[i][a] - u[i][0]);
      system.d_lambda[row] = -(u[i][a] - u[i][0]);
      system.jacobian[row][base + a] += 1.0;
      system.jacobian[row][base] -= 1.0;
      for (std::size_t j = 0; j < n; ++j) {
        if (j == i) continue;
        for (std::size_t b = 0; b < game.action_count(j); ++b) {
          const std::size_t column = layout.offset[j] + b;
          system.jacobian[row][column] -= lambda * (cross[i][a][column] - cross[i][0][column]) * pi[j][b];
        }
      }
    }
  }
  return system;
}

double max_abs(const std::vector<double>& v) {
  double m = 0.0;
  for (const double x : v) m = std::max(m, std::abs(x));
  return m;
}

// Newton's method at fixed lambda from z; true if the residual falls below 1e-12 within 30 iterations.
bool correct(const NormalFormGame& game, const Layout& layout, std::vector<double>& z, double lambda) {
  for (int iteration = 0; iteration < 30; ++iteration) {
    System system = evaluate(game, layout, z, lambda);
    if (max_abs(system.value) < 1e-12) return true;
    std::vector<double> minus_f(system.value.size());
    for (std::size_t k = 0; k < minus_f.size(); ++k) minus_f[k] = -system.value[k];
    const auto delta = solve_linear(std::move(system.jacobian), std::move(minus_f));
    if (!delta) return false;
    for (std::size_t k = 0; k < z.size(); ++k) z[k] += (*delta)[k];
    if (!std::all_of(z.begin(), z.end(), [](double v) { return std::isfinite(v) && v <= 1e-9; })) return false;
  }
  return max_abs(evaluate(game, layout, z, lambda).value) < 1e-12;
}

}  // namespace

QrePath trace_logit_qre(const NormalFormGame& game, double lambda_max, double first_step) {
  const Layout layout = layout_of(game);
  std::vector<double> z(layout.size);
  for (std::size_t i = 0; i < game.player_count(); ++i)
    for (std::size_t a = 0; a < game.action_count(i); ++a)
      z[layout.offset[i] + a] = -std::log(static_cast<double>(game.action_count(i)));
  QrePath path;
  double lambda = 0.0;
  path.lambdas.push_back(0.0);
  path.profiles.push_back(profile_of(game, layout, z));
  double step = first_step;
  const double max_step = std::max(first_step, lambda_max / 20.0);
  while (lambda < lambda_max) {
    const double h = std::min(step, lambda_max - lambda);
    System system = evaluate(game, layout, z, lambda);
    std::vector<double> minus_d(system.d_lambda.size());
    for (std::size_t k = 0; k < minus_d.size(); ++k) minus_d[k] = -system.d_lambda[k];
    const auto tangent = solve_linear(std::move(system.jacobian), std::move(minus_d));
    std::vector<double> candidate = z;
    if (tangent)
      for (std::size_t k = 0; k < z.size(); ++k) candidate[k] += h * (*tangent)[k];
    if (tangent && correct(game, layout, candidate, lambda + h)) {
      z = std::move(candidate);
      lambda = h == lambda_max - lambda ? lambda_max : lambda + h;
      path.lambdas.push_back(lambda);
      path.profiles.push_back(profile_of(game, layout, z));
      step = std::min(step * 1.5, max_step);
      continue;
    }
    step /= 2.0;
    if (step < 1e-10) {
      path.complete = false;
      path.stopped = "the branch turns back or bifurcates near lambda = " + std::to_string(lambda);
      break;
    }
  }
  return path;
}

namespace {

std::optional<std::string> needs_normal_form(const Game& game) {
  if (!std::holds_alternative<NormalFormGame>(game)) return "needs a normal-form game";
  return std::nullopt;
}

const bool registered = register_solver(
    {"qre", "logit quantal response equilibrium traced from lambda = 0 to --lambda-max (path as CSV with --csv)",
     needs_normal_form, [](const Game& game, const SolverOptions& options) {
       const auto& normal = std::get<NormalFormGame>(game);
       const QrePath path = trace_logit_qre(normal, options.lambda_max, options.lambda_step);
       Solution solution = make_solution("qre", normal.players);
       Equilibrium last = normal_form_equilibrium(normal, path.profiles.back(), "logit QRE");
       last.notes.push_back("lambda = " + std::to_string(path.lambdas.back()));
       solution.equilibria.push_back(std::move(last));
       solution.facts["lambda"] = path.lambdas.back();
       solution.facts["points"] = static_cast<double>(path.lambdas.size());
       solution.facts["exploitability"] = max_deviation_gain(normal, path.profiles.back());
       if (!path.complete) solution.notes.push_back(path.stopped);
       PathTable table;
       table.columns.push_back("lambda");
       for (std::size_t i = 0; i < normal.player_count(); ++i)
         for (const auto& action : normal.actions[i]) table.columns.push_back(normal.players[i] + ":" + action);
       for (std::size_t k = 0; k < path.lambdas.size(); ++k) {
         std::vector<double> row{path.lambdas[k]};
         for (const auto& strategy : path.profiles[k]) row.insert(row.end(), strategy.begin(), strategy.end());
         table.rows.push_back(std::move(row));
       }
       solution.path = std::move(table);
       return solution;
     }});

}  // namespace

}  // namespace leverage::games
