// Alternating-offers bargaining and the Bueno de Mesquita first-round vote.
#pragma once

#include <string>
#include <vector>

#include "agents/solvers/game.hpp"

namespace leverage::games {

// The subgame-perfect equilibrium of alternating offers (BargainingGame in game.hpp). With a deadline T
// (Stahl 1972): the round-T proposer takes the whole pie; in round t < T the proposer offers the responder
// exactly the discounted value of proposing in round t + 1, delta_responder * s(t+1), and keeps
// s(t) = 1 - delta_responder * s(t+1); the first offer is accepted. Without a deadline (Rubinstein 1982) the
// first proposer gets (1 - delta_2) / (1 - delta_1 delta_2).
struct BargainingSolution {
  double first_proposer_share = 0.0;         // agreed in round 1
  std::vector<double> proposer_share;        // by round (finite horizon only): proposer_share[t - 1]
  double rubinstein_share = 0.0;             // the infinite-horizon share of the first proposer
};
BargainingSolution solve_bargaining(const BargainingGame& game);
double rubinstein_share(double first_discount, double second_discount);

// The first round of Bueno de Mesquita's expected-utility model (Bueno de Mesquita, "Forecasting policy
// decisions: an expected utility approach to post-Khomeini Iran", PS 17(2), 1984; "Predicting Politics",
// 2002): actor i's utility for position x is u_i(x) = 1 - 2 |x_i - x| / (high - low); its votes for the
// position of j against that of k are c_i s_i (u_i(x_j) - u_i(x_k)); a position wins if its vote totals
// against every other position are positive (a Condorcet winner; with these utilities on a line it is the
// weighted median, weights c_i s_i).
struct VoteOutcome {
  std::vector<std::vector<double>> votes;  // votes[j][k]: total votes for actor j's position against k's
  int winner = -1;                         // the Condorcet winner's index, -1 if none (ties)
  double weighted_mean = 0.0;              // sum c s x / sum c s
  double weighted_median = 0.0;            // the position where half the weight c s lies on each side
};
VoteOutcome first_round_vote(const VoteTable& table);

}  // namespace leverage::games
