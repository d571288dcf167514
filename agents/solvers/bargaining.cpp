// Alternating offers and the Bueno de Mesquita vote, and their solvers `bargaining` and `bdm`.
#include "agents/solvers/bargaining.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "agents/solvers/solution.hpp"

namespace leverage::games {

double rubinstein_share(double first_discount, double second_discount) {
  return (1.0 - second_discount) / (1.0 - first_discount * second_discount);
}

BargainingSolution solve_bargaining(const BargainingGame& game) {
  BargainingSolution solution;
  if (game.discount[0] * game.discount[1] < 1.0) solution.rubinstein_share = rubinstein_share(game.discount[0], game.discount[1]);
  if (game.horizon == 0) {
    solution.first_proposer_share = solution.rubinstein_share;
    return solution;
  }
  solution.proposer_share.assign(game.horizon, 1.0);
  for (unsigned t = game.horizon - 1; t >= 1; --t) {
    // Round t's responder proposes in round t + 1; player 0 proposes in odd rounds.
    const double responder_discount = game.discount[t % 2 == 1 ? 1 : 0];
    solution.proposer_share[t - 1] = 1.0 - responder_discount * solution.proposer_share[t];
  }
  solution.first_proposer_share = solution.proposer_share[0];
  return solution;
}

VoteOutcome first_round_vote(const VoteTable& table) {
  const std::size_t n = table.actors.size();
  const double range = table.high - table.low;
  const auto utility = [&](std::size_t i, double x) { return 1.0 - 2.0 * std::abs(table.actors[i].position - x) / range; };
  VoteOutcome outcome;
  outcome.votes.assign(n, std::vector<double>(n, 0.0));
  for (std::size_t j = 0; j < n; ++j)
    for (std::size_t k = 0; k < n; ++k)
      for (std::size_t i = 0; i < n; ++i) {
        const auto& actor = table.actors[i];
        outcome.votes[j][k] += actor.capability * actor.salience *
                               (utility(i, table.actors[j].position) - utility(i, table.actors[k].position));
      }
  for (std::size_t j = 0; j < n && outcome.winner < 0; ++j) {
    bool beats_all = true;
    for (std::size_t k = 0; k < n; ++k)
      if (table.actors[k].position != table.actors[j].position && !(outcome.votes[j][k] > 0.0)) beats_all = false;
    if (beats_all) outcome.winner = static_cast<int>(j);
  }
  double weight = 0.0, weighted = 0.0;
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return table.actors[a].position < table.actors[b].position; });
  for (const auto& actor : table.actors) {
    weight += actor.capability * actor.salience;
    weighted += actor.capability * actor.salience * actor.position;
  }
  outcome.weighted_mean = weight > 0.0 ? weighted / weight : 0.0;
  double cumulative = 0.0;
  for (const std::size_t i : order) {
    cumulative += table.actors[i].capability * table.actors[i].salience;
    if (cumulative >= weight / 2.0) {
      outcome.weighted_median = table.actors[i].position;
      break;
    }
  }
  return outcome;
}

namespace {

const bool registered_bargaining = register_solver(
    {"bargaining", "subgame-perfect split of alternating-offers bargaining (finite T and the Rubinstein limit)",
     [](const Game& game) -> std::optional<std::string> {
       if (!std::holds_alternative<BargainingGame>(game)) return "needs a bargaining game";
       return std::nullopt;
     },
     [](const Game& game, const SolverOptions&) {
       const auto& bargaining = std::get<BargainingGame>(game);
       const BargainingSolution solved = solve_bargaining(bargaining);
       Solution solution = make_solution("bargaining", bargaining.players);
       Equilibrium agreement;
       agreement.type = "subgame perfect";
       agreement.expected_payoffs = {solved.first_proposer_share, 1.0 - solved.first_proposer_share};
       agreement.notes.push_back(bargaining.players[0] + " offers " + bargaining.players[1] + " a share of " +
                                 std::to_string(1.0 - solved.first_proposer_share) + " in round 1, which is accepted");
       solution.equilibria.push_back(std::move(agreement));
       solution.facts["first_proposer_share"] = solved.first_proposer_share;
       if (bargaining.discount[0] * bargaining.discount[1] < 1.0)
         solution.facts["rubinstein_share"] = solved.rubinstein_share;
       if (!solved.proposer_share.empty()) {
         PathTable table{{"round", "proposer", "proposer_share"}, {}};
         for (std::size_t t = 0; t < solved.proposer_share.size(); ++t)
           table.rows.push_back({static_cast<double>(t + 1), static_cast<double>(t % 2), solved.proposer_share[t]});
         solution.path = std::move(table);
       }
       return solution;
     }});

const bool registered_bdm = register_solver(
    {"bdm", "Bueno de Mesquita first-round vote: pairwise vote totals and the winning position",
     [](const Game& game) -> std::optional<std::string> {
       if (!std::holds_alternative<VoteTable>(game)) return "needs a vote table";
       return std::nullopt;
     },
     [](const Game& game, const SolverOptions&) {
       const auto& table = std::get<VoteTable>(game);
       const VoteOutcome outcome = first_round_vote(table);
       Solution solution = make_solution("bdm", {});
       for (const auto& actor : table.actors) solution.players.push_back(actor.name);
       if (outcome.winner >= 0) {
         const auto& winner = table.actors[static_cast<std::size_t>(outcome.winner)];
         solution.facts["forecast_position"] = winner.position;
         solution.notes.push_back("the position of " + winner.name + " beats every other position in pairwise votes");
       } else {
         solution.notes.push_back("no position beats every other (tied vote totals)");
       }
       solution.facts["weighted_mean"] = outcome.weighted_mean;
       solution.facts["weighted_median"] = outcome.weighted_median;
       PathTable votes;
       votes.columns.push_back("position");
       for (const auto& actor : table.actors) votes.columns.push_back("votes_against_" + actor.name);
       for (std::size_t j = 0; j < table.actors.size(); ++j) {
         std::vector<double> row{table.actors[j].position};
         row.insert(row.end(), outcome.votes[j].begin(), outcome.votes[j].end());
         votes.rows.push_back(std::move(row));
       }
       solution.path = std::move(votes);
       return solution;
     }});

}  // namespace

}  // namespace leverage::games
