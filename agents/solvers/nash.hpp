// Nash equilibria of normal-form games: all pure equilibria (n players); all equilibria of two-player
// games by support enumeration; Lemke-Howson paths from every starting label (docs/GAMES.md).
//
// Arithmetic is double precision, made safe by checking rather than by exact rationals: each candidate
// comes from a small linear system solved with partial pivoting (linear.hpp) and is accepted only if an
// exhaustive deviation check (max_deviation_gain) finds no pure deviation gaining more than the tolerance.
// Payoffs of different magnitudes should be scaled so that 1e-9 is a meaningful tolerance.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "agents/solvers/game.hpp"

namespace leverage::games {

// Every pure profile from which no player gains more than `tolerance` by deviating, in profile order.
std::vector<MixedProfile> pure_nash_equilibria(const NormalFormGame& game, double tolerance = 1e-9);

struct BimatrixEquilibria {
  std::vector<MixedProfile> equilibria;
  // Non-empty when the game was found degenerate (a mixed strategy with support size k and more than k
  // pure best responses): then equilibria may form continua and support enumeration over supports of equal
  // size lists only some of their points; `degenerate` says where it was seen.
  std::string degenerate;
};

// All Nash equilibria of a nondegenerate two-player game: for every pair of supports of equal size k, the
// indifference system (k + 1 equations in k probabilities and the value) is solved for each player, and the
// solution kept if it is a probability vector on that support and no pure strategy does better
// (Mangasarian 1964; von Stengel, "Computing equilibria for two-person games", Handbook of Game Theory 3,
// 2002, section 2.4). Exponential in the number of actions: fine up to about 12x12.
BimatrixEquilibria support_enumeration(const NormalFormGame& game, double tolerance = 1e-9);

// The equilibrium at the end of the Lemke-Howson path that starts by dropping `label` (0..m-1 the row
// player's actions, m..m+n-1 the column player's) from the artificial equilibrium (Lemke and Howson 1964;
// tableau form as in von Stengel 2002, section 3). nullopt if a pivot finds no leaving variable or the
// path exceeds its step limit (only in degenerate games); `degenerate_pivot` is set on a tie in the ratio
// test (a sign of degeneracy; the lowest row is taken).
struct LemkeHowsonResult {
  std::optional<MixedProfile> equilibrium;
  std::size_t pivots = 0;
  bool degenerate_pivot = false;
};
LemkeHowsonResult lemke_howson(const NormalFormGame& game, std::size_t label);

// True if two profiles are the same up to `tolerance` in every probability.
bool same_profile(const MixedProfile& a, const MixedProfile& b, double tolerance = 1e-7);

}  // namespace leverage::games
