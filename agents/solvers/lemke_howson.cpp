// Lemke-Howson complementary pivoting for two-player games, and the `lemke-howson` solver.
//
// With payoffs shifted to be positive (which changes no equilibrium), the best-response polytopes are
//   P = {x >= 0 : B^T x <= 1}   (labels: i for x_i = 0, m + j for (B^T x)_j = 1)
//   Q = {y >= 0 : A y <= 1}     (labels: i for (A y)_i = 1, m + j for y_j = 0)
// and a pair (x, y) != (0, 0) carrying every label is an equilibrium after normalising x and y. Each
// polytope is a tableau whose columns are its m + n variables, one per label (P: x_i for label i, slack s_j
// for label m + j; Q: slack r_i for label i, y_j for label m + j): a label is carried when its variable is
// non-basic (zero). Starting at (0, 0), the dropped label's variable enters its tableau; the variable that
// leaves by the minimum-ratio test frees its label, whose variable then enters the other tableau, until
// the dropped label itself leaves (von Stengel 2002, section 3.4).
#include <algorithm>
#include <cmath>
#include <limits>

#include "agents/solvers/nash.hpp"
#include "agents/solvers/solution.hpp"

namespace leverage::games {

namespace {

struct Tableau {
  std::vector<std::vector<double>> rows;  // each: coefficients of the m + n variables, then the rhs
  std::vector<std::size_t> basis;         // basic variable (label) of each row

  // Enters `variable`; returns the leaving variable, or nullopt if no row limits it.
  std::optional<std::size_t> pivot(std::size_t variable, bool& tie) {
    const std::size_t rhs = rows.front().size() - 1;
    std::optional<std::size_t> best;
    double best_ratio = std::numeric_limits<double>::infinity();
    for (std::size_t r = 0; r < rows.size(); ++r) {
      const double coefficient = rows[r][variable];
      if (!(coefficient > 1e-12)) continue;
      const double ratio = rows[r][rhs] / coefficient;
      if (best && std::abs(ratio - best_ratio) <= 1e-12 * std::max(1.0, std::abs(best_ratio))) tie = true;
      if (!best || ratio < best_ratio - 1e-12 * std::max(1.0, std::abs(best_ratio))) {
        best_ratio = ratio;
        best = r;
      }
    }
    if (!best) return std::nullopt;
    const std::size_t row = *best;
    const double divisor = rows[row][variable];
    for (double& v : rows[row]) v /= divisor;
    for (std::size_t r = 0; r < rows.size(); ++r) {
      if (r == row) continue;
      const double factor = rows[r][variable];
      if (factor == 0.0) continue;
      for (std::size_t c = 0; c <= rhs; ++c) rows[r][c] -= factor * rows[row][c];
    }
    const std::size_t leaving = basis[row];
    basis[row] = variable;
    return leaving;
  }

  // Value of basic variable `variable` (0 if non-basic).
  double value(std::size_t variable) const {
    for (std::size_t r = 0; r < rows.size(); ++r)
      if (basis[r] == variable) return rows[r].back();
    return 0.0;
  }
};

}  // namespace

LemkeHowsonResult lemke_howson(const NormalFormGame& game, std::size_t label) {
  const Bimatrix matrices = bimatrix(game);
  const std::size_t m = game.action_count(0), n = game.action_count(1);
  double lowest = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < m; ++i)
    for (std::size_t j = 0; j < n; ++j) lowest = std::min({lowest, matrices.row[i][j], matrices.column[i][j]});
  const double shift = 1.0 - lowest;  // every shifted payoff >= 1

  Tableau p, q;  // p: rows for the n constraints B^T x <= 1; q: rows for the m constraints A y <= 1
  for (std::size_t j = 0; j < n; ++j) {
    std::vector<double> row(m + n + 1, 0.0);
    for (std::size_t i = 0; i < m; ++i) row[i] = matrices.column[i][j] + shift;
    row[m + j] = 1.0;
    row[m + n] = 1.0;
    p.rows.push_back(std::move(row));
    p.basis.push_back(m + j);
  }
  for (std::size_t i = 0; i < m; ++i) {
    std::vector<double> row(m + n + 1, 0.0);
    for (std::size_t j = 0; j < n; ++j) row[m + j] = matrices.row[i][j] + shift;
    row[i] = 1.0;
    row[m + n] = 1.0;
    q.rows.push_back(std::move(row));
    q.basis.push_back(i);
  }

  LemkeHowsonResult result;
  // Labels 0..m-1 are carried in P by x_i = 0 (non-basic there), labels m..m+n-1 in Q by y_j = 0.
  bool in_p = label < m;
  std::size_t entering = label;
  const std::size_t step_limit = 100 * (m + n) * (m + n) + 1000;
  for (;;) {
    if (++result.pivots > step_limit) return result;
    const auto leaving = (in_p ? p : q).pivot(entering, result.degenerate_pivot);
    if (!leaving) return result;
    if (*leaving == label) break;
    entering = *leaving;
    in_p = !in_p;
  }
  std::vector<double> x(m), y(n);
  double x_total = 0.0, y_total = 0.0;
  for (std::size_t i = 0; i < m; ++i) x_total += (x[i] = std::max(0.0, p.value(i)));
  for (std::size_t j = 0; j < n; ++j) y_total += (y[j] = std::max(0.0, q.value(m + j)));
  if (!(x_total > 0.0) || !(y_total > 0.0)) return result;
  for (double& v : x) v /= x_total;
  for (double& v : y) v /= y_total;
  result.equilibrium = MixedProfile{x, y};
  return result;
}

namespace {

const bool registered = register_solver(
    {"lemke-howson", "two-player equilibria at the ends of the Lemke-Howson paths from every starting label",
     [](const Game& game) -> std::optional<std::string> {
       const auto* normal = std::get_if<NormalFormGame>(&game);
       if (!normal) return "needs a normal-form game";
       if (normal->player_count() != 2) return "needs exactly two players";
       return std::nullopt;
     },
     [](const Game& game, const SolverOptions& options) {
       const auto& normal = std::get<NormalFormGame>(game);
       Solution solution = make_solution("lemke-howson", normal.players);
       const std::size_t labels = normal.action_count(0) + normal.action_count(1);
       std::vector<MixedProfile> found;
       bool degenerate = false;
       for (std::size_t label = 0; label < labels; ++label) {
         const LemkeHowsonResult run = lemke_howson(normal, label);
         degenerate = degenerate || run.degenerate_pivot;
         std::string label_name = label < normal.action_count(0)
                                      ? normal.players[0] + ":" + normal.actions[0][label]
                                      : normal.players[1] + ":" + normal.actions[1][label - normal.action_count(0)];
         if (!run.equilibrium || max_deviation_gain(normal, *run.equilibrium) > options.tolerance) {
           solution.notes.push_back("the path dropping label " + label_name + " did not end at an equilibrium");
           continue;
         }
         const auto seen = std::find_if(found.begin(), found.end(),
                                        [&](const MixedProfile& f) { return same_profile(f, *run.equilibrium); });
         if (seen != found.end()) {
           solution.equilibria[static_cast<std::size_t>(seen - found.begin())].notes.push_back("also from label " + label_name);
           continue;
         }
         found.push_back(*run.equilibrium);
         Equilibrium equilibrium = normal_form_equilibrium(normal, *run.equilibrium, "mixed Nash");
         equilibrium.notes.push_back("from label " + label_name + " in " + std::to_string(run.pivots) + " pivots");
         solution.equilibria.push_back(std::move(equilibrium));
       }
       if (degenerate) solution.notes.push_back("a tie in a ratio test: the game is degenerate");
       solution.facts["distinct_equilibria"] = static_cast<double>(found.size());
       return solution;
     }});

}  // namespace

}  // namespace leverage::games
