#pragma once
#include <string>
#include <vector>

// A condition on the columns of a table, as `leverage discover --where` takes it: comparisons
// `COLUMN OP NUMBER` (OP one of >=, >, <=, <, ==, !=) joined by `and`, e.g.
// "releases_net_mean >= 300 and u1_share_complied_threat > 0.5".
namespace leverage::analysis {

enum class CompareOp { greater_equal, greater, less_equal, less, equal, not_equal };

struct Comparison {
  std::string column;
  CompareOp op = CompareOp::greater_equal;
  double value = 0;
  bool holds(double x) const;  // false for NaN (a missing value never meets a condition)
};

// Throws config::ConfigError("--where", "/", expected, found) naming the piece that does not parse.
std::vector<Comparison> parse_condition(const std::string& text);
std::string describe(const Comparison& comparison);

}  // namespace leverage::analysis
