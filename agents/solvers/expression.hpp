// A small, safe arithmetic language for the payoffs and probabilities of parameterized games.
//
// A game file may name variables ("variables": {"penalty": 4}) and write any payoff or probability as a
// formula over them ("gain - penalty", "max(0, 1 - delta ^ 2)"). The grammar, with the usual precedence:
//
//   expression := term (('+' | '-') term)*
//   term       := unary (('*' | '/') unary)*
//   unary      := ('+' | '-') unary | power
//   power      := primary ('^' unary)?          (right-associative: 2^3^2 = 2^9; -2^2 = -4)
//   primary    := number | name | name '(' expression (',' expression)* ')' | '(' expression ')'
//
// Numbers are decimal (1, 0.25, 1e-3). Functions: min(a, b, ...), max(a, b, ...), abs(x), sqrt(x),
// exp(x), log(x). Nothing else exists: no assignment, no loops, no access to anything but the variables
// given, so a formula cannot do harm. A formula is parsed once into a tree and evaluated against the
// variables; a result that is not finite (1/0, log(-1), sqrt(-1)) is an error, never a silent NaN.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace leverage::games {

// A mistake in a formula: `column` is 1-based, in characters of the formula text.
struct ExpressionError : std::runtime_error {
  ExpressionError(std::size_t column, std::string message);
  std::size_t column;
  std::string detail;
};

using Variables = std::map<std::string, double, std::less<>>;

class Expression {
 public:
  // Parses `text`; throws ExpressionError (with the column) on a syntax error. Unknown names are accepted
  // here and reported by evaluate(), so a formula can be parsed before its variables are known.
  static Expression parse(std::string_view text);

  // Evaluates; throws ExpressionError at the column of an unknown variable, of a function given the wrong
  // number of arguments, or of the operation whose result is not finite.
  double evaluate(const Variables& variables) const;

  // The variable names the formula reads, sorted, without repeats.
  std::vector<std::string> names() const;

  struct Node;

 private:
  std::shared_ptr<const Node> root_;
};

}  // namespace leverage::games
