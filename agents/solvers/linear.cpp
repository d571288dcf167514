#include "agents/solvers/linear.hpp"

#include <cmath>
#include <utility>

namespace leverage::games {

std::optional<std::vector<double>> solve_linear(Matrix a, std::vector<double> b, double singular_below) {
  const std::size_t n = b.size();
  double scale = 0.0;
  for (const auto& row : a)
    for (const double v : row) scale = std::max(scale, std::abs(v));
  if (scale == 0.0) return std::nullopt;
  const double threshold = singular_below * scale;
  for (std::size_t column = 0; column < n; ++column) {
    std::size_t pivot = column;
    for (std::size_t row = column + 1; row < n; ++row)
      if (std::abs(a[row][column]) > std::abs(a[pivot][column])) pivot = row;
    if (!(std::abs(a[pivot][column]) > threshold)) return std::nullopt;
    std::swap(a[pivot], a[column]);
    std::swap(b[pivot], b[column]);
    for (std::size_t row = column + 1; row < n; ++row) {
      const double factor = a[row][column] / a[column][column];
      if (factor == 0.0) continue;
      for (std::size_t k = column; k < n; ++k) a[row][k] -= factor * a[column][k];
      b[row] -= factor * b[column];
    }
  }
  std::vector<double> x(n);
  for (std::size_t row = n; row-- > 0;) {
    double sum = b[row];
    for (std::size_t k = row + 1; k < n; ++k) sum -= a[row][k] * x[k];
    x[row] = sum / a[row][row];
  }
  return x;
}

}  // namespace leverage::games
