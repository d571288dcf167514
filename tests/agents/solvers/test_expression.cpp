// The formula language of parameterized games (agents/solvers/expression.hpp).
#include <catch2/catch.hpp>
#include <cmath>

#include "agents/solvers/expression.hpp"

using leverage::games::Expression;
using leverage::games::ExpressionError;
using leverage::games::Variables;

namespace {

double eval(const char* text, const Variables& variables = {}) { return Expression::parse(text).evaluate(variables); }

std::size_t error_column(const char* text, const Variables& variables = {}) {
  try {
    eval(text, variables);
  } catch (const ExpressionError& e) {
    return e.column;
  }
  FAIL("no error for " << text);
  return 0;
}

}  // namespace

TEST_CASE("formulas follow the usual precedence", "[solvers][expression]") {
  CHECK(eval("1 + 2 * 3") == 7.0);               // * binds tighter than +
  CHECK(eval("(1 + 2) * 3") == 9.0);
  CHECK(eval("10 - 4 - 3") == 3.0);              // left-associative: (10 - 4) - 3
  CHECK(eval("2 ^ 3 ^ 2") == 512.0);             // right-associative: 2^(3^2) = 2^9
  CHECK(eval("-2 ^ 2") == -4.0);                 // unary minus applies to the power: -(2^2)
  CHECK(eval("2 ^ -1") == 0.5);
  CHECK(eval("1e-3 * 1000") == 1.0);
  CHECK(eval("max(1, 5, 3) - min(4, 2)") == 3.0);
  CHECK(eval("abs(-2.5) + sqrt(16)") == 6.5);
  CHECK(eval("log(exp(2))") == Approx(2.0).epsilon(1e-15));
}

TEST_CASE("formulas read their variables", "[solvers][expression]") {
  const Variables variables{{"gain", 1.0}, {"penalty", 4.0}};
  CHECK(eval("gain / (gain + penalty)", variables) == 0.2);  // the Tsebelis inspection rate, 1/5
  CHECK(Expression::parse("gain - penalty * gain").names() == std::vector<std::string>{"gain", "penalty"});
}

TEST_CASE("formula errors name the column", "[solvers][expression]") {
  CHECK(error_column("1 +") == 4);             // the end of "1 +" is column 4
  CHECK(error_column("(1 + 2") == 7);          // the missing ")"
  CHECK(error_column("1 + 2)") == 6);          // a stray ")"
  CHECK(error_column("2 * # 3") == 5);         // an unknown character
  CHECK(error_column("gain + lost", {{"gain", 1.0}}) == 8);  // the unknown variable "lost" starts at 8
  CHECK(error_column("1 / (gain - gain)", {{"gain", 1.0}}) == 3);  // the division
  CHECK(error_column("sqrt(-1)") == 1);        // the call
  CHECK(error_column("abs(1, 2)") == 1);       // wrong number of arguments
  CHECK(error_column("floor(2)") == 1);        // unknown function
  std::string deep(1000, '(');
  CHECK_THROWS_AS(Expression::parse(deep), ExpressionError);  // bounded nesting, no stack overflow
}
