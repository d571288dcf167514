#pragma once
#include <cstddef>
#include <string>
#include <vector>

// Scenario discovery by PRIM, the patient rule induction method (J. H. Friedman and N. I. Fisher,
// "Bump hunting in high-dimensional data", Statistics and Computing 9, 1999), peeling only (no
// pasting), as the EMA Workbench's prim module does for a binary outcome. A box is a product of
// closed intervals [low_k, high_k] over the swept parameters. From the box holding every point, each
// step considers, for every parameter, removing the `alpha` share of the box's points with the
// lowest values and with the highest (ties kept together; on a discrete parameter at least its
// lowest or highest value), and keeps the peel whose remaining box has the highest density of cases
// of interest (ties: fewer points removed, then the lower parameter index, the lower side first).
// Peeling stops when no candidate keeps at least `min_support` of all points.
namespace leverage::analysis {

struct PrimOptions {
  double alpha = 0.05;        // share of the box peeled per step
  double min_support = 0.05;  // smallest share of all points a box may hold
};

struct PrimBox {
  std::vector<double> low, high;      // per parameter, inclusive
  std::size_t points = 0, cases = 0;  // points in the box, and cases of interest among them
  double support = 0;                 // points / all points
  double coverage = 0;                // cases / all cases of interest
  double density = 0;                 // cases / points
};

// The peeling trajectory: box 0 holds every point. `x[p][k]`: parameter k at point p (finite);
// `interest[p]`: whether point p meets the condition. Throws std::invalid_argument on empty input or
// no case of interest.
std::vector<PrimBox> prim_peel(const std::vector<std::vector<double>>& x, const std::vector<bool>& interest,
                               const PrimOptions& options);

// The box chosen from a trajectory: the first (largest, highest coverage) whose density reaches
// `density_threshold`; when none does, the densest (the earliest of equals).
std::size_t choose_box(const std::vector<PrimBox>& trajectory, double density_threshold);

// A restriction of a box: a parameter whose interval is narrower than the data's range. Its
// significance is the EMA Workbench's quasi-p-value: with the restriction dropped (the parameter
// free, the other limits kept) the box holds T points of which H are cases; p is the chance that
// `points` draws at the rate H / T give at least `cases` cases, P[Binomial(points, H/T) >= cases].
// A small p says the restriction raises the density beyond chance.
struct Restriction {
  std::size_t parameter = 0;
  double low = 0, high = 0;                           // the box's limits
  double data_low = 0, data_high = 0;                 // the data's range
  std::size_t points_without = 0, cases_without = 0;  // T and H
  double p_value = 1;
};
std::vector<Restriction> box_restrictions(const std::vector<std::vector<double>>& x, const std::vector<bool>& interest,
                                          const PrimBox& box);

// P[Binomial(n, p) >= k], summed in log space (exact to rounding for any n).
double binomial_upper_tail(std::size_t n, double p, std::size_t k);

}  // namespace leverage::analysis
