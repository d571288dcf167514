#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

// Sample designs of global sensitivity analysis, on the unit cube [0, 1]^D; a sweep maps each
// coordinate onto its parameter's range (engine/sweep/experiment.hpp, value_at). Rows come in the
// order SALib's samplers write them, so a design can be run by an external tool and its results
// read back (docs/SENSITIVITY.md).
namespace leverage::analysis {

using UnitDesign = std::vector<std::vector<double>>;  // rows of D coordinates in [0, 1]

// Morris's one-at-a-time trajectories (M. D. Morris, "Factorial sampling plans for preliminary
// computational experiments", Technometrics 33(2), 1991): a grid of `levels` (even, >= 2) values
// {0, 1/(p-1), ..., 1}, a step delta = p / (2 (p - 1)), and `trajectories` trajectories of D + 1
// rows each, one after another. A trajectory starts at a random grid point x* whose coordinates lie
// in {0, ..., 1 - delta}, then moves the factors one at a time, in a random order, each by +delta or
// -delta (a random direction per factor: a factor going down starts at x*_i + delta). This is the
// matrix B* = (J x* + delta/2 ((2B - J) D* + J)) P* of Morris (1991), built row by row. Draws come
// from a stream of `seed` alone.
UnitDesign morris_design(std::size_t dimensions, std::size_t levels, std::size_t trajectories, std::uint64_t seed);
// Morris's step for `levels` levels: p / (2 (p - 1)).
double morris_delta(std::size_t levels);

// Saltelli's cross-sampling (A. Saltelli, "Making best use of model evaluations to compute
// sensitivity indices", Comput. Phys. Commun. 145, 2002; Saltelli et al., Comput. Phys. Commun. 181,
// 2010): `base_samples` points of the 2D-dimensional Sobol sequence (boost::random::sobol, Joe and
// Kuo's direction numbers) give base matrices A (the first D columns) and B (the last D). The points
// are those from index `saltelli_skip(N)` on (the sequence's point 0 is the origin), as SALib's
// saltelli.sample does by default: its early points repeat coordinates (point 1 is (0.5, ..., 0.5),
// so A = B there and the row carries no information), and a block of a power of two starting at a
// multiple of it is a balanced net (A. B. Owen, "On dropping the first Sobol' point", 2020), as is
// each power-of-two prefix of it that the convergence table uses. For each base row j the design
// holds, in SALib's order: A_j, AB_j^1 .. AB_j^D
// (A_j with coordinate i taken from B_j), with second order BA_j^1 .. BA_j^D (B_j with coordinate i
// from A_j), then B_j: N (D + 2) rows, or N (2D + 2) with second order.
UnitDesign saltelli_design(std::size_t dimensions, std::size_t base_samples, bool second_order);
// The first Sobol point used: the smallest power of two >= N, at least 16 (SALib's default).
std::size_t saltelli_skip(std::size_t base_samples);
// Rows per base sample: D + 2, or 2D + 2 with second order.
std::size_t saltelli_block(std::size_t dimensions, bool second_order);

}  // namespace leverage::analysis
