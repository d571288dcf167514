#include "engine/analysis/condition.hpp"

#include <charconv>
#include <cmath>
#include <sstream>

#include "engine/config/json_reader.hpp"
#include "engine/util/format.hpp"

namespace leverage::analysis {

namespace {

struct OpText {
  const char* text;
  CompareOp op;
};
// Two-character operators first, so ">=" is not read as ">" followed by "=".
constexpr OpText kOps[] = {{">=", CompareOp::greater_equal}, {"<=", CompareOp::less_equal}, {"==", CompareOp::equal},
                           {"!=", CompareOp::not_equal},     {">", CompareOp::greater},     {"<", CompareOp::less}};

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

Comparison parse_comparison(const std::string& piece) {
  const auto fail = [&](const std::string& expected) {
    throw config::ConfigError("--where", "/", expected, "\"" + piece + "\"");
  };
  for (const OpText& op : kOps) {
    const auto at = piece.find(op.text);
    if (at == std::string::npos) continue;
    Comparison comparison;
    comparison.column = trim(piece.substr(0, at));
    comparison.op = op.op;
    const std::string number = trim(piece.substr(at + std::string(op.text).size()));
    if (comparison.column.empty() || comparison.column.find_first_of(" \t<>=!") != std::string::npos)
      fail("a column name before the operator, as in \"releases_net_mean >= 300\"");
    const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), comparison.value);
    if (number.empty() || error != std::errc() || end != number.data() + number.size() ||
        !std::isfinite(comparison.value))
      fail("a number after the operator, as in \"releases_net_mean >= 300\"");
    return comparison;
  }
  fail("COLUMN OP NUMBER with OP one of >=, >, <=, <, ==, !=");
  return {};
}

}  // namespace

bool Comparison::holds(double x) const {
  if (std::isnan(x)) return false;
  switch (op) {
    case CompareOp::greater_equal:
      return x >= value;
    case CompareOp::greater:
      return x > value;
    case CompareOp::less_equal:
      return x <= value;
    case CompareOp::less:
      return x < value;
    case CompareOp::equal:
      return x == value;
    case CompareOp::not_equal:
      return x != value;
  }
  return false;
}

std::vector<Comparison> parse_condition(const std::string& text) {
  std::vector<Comparison> comparisons;
  // Split on the word "and" (surrounded by blanks).
  std::string rest = " " + text + " ";
  std::size_t start = 0;
  while (true) {
    const auto at = rest.find(" and ", start);
    comparisons.push_back(parse_comparison(trim(rest.substr(start, at == std::string::npos ? at : at - start))));
    if (at == std::string::npos) break;
    start = at + 5;
  }
  return comparisons;
}

std::string describe(const Comparison& comparison) {
  for (const OpText& op : kOps)
    if (op.op == comparison.op) return comparison.column + " " + op.text + " " + format_double(comparison.value);
  return comparison.column;
}

}  // namespace leverage::analysis
