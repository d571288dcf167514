// Dense linear systems for the solvers: Gaussian elimination with partial pivoting (Golub and Van Loan,
// "Matrix Computations", 4th ed., section 3.4). Small systems only (a support, a QRE Jacobian).
#pragma once

#include <optional>
#include <vector>

namespace leverage::games {

using Matrix = std::vector<std::vector<double>>;

// Solves matrix * x = rhs. Returns nullopt when a pivot is below `singular_below` times the largest
// absolute entry of the matrix (numerically singular). The arguments are taken by value and overwritten.
std::optional<std::vector<double>> solve_linear(Matrix matrix, std::vector<double> rhs, double singular_below = 1e-12);

}  // namespace leverage::games
