#include <catch2/catch.hpp>
#include <cfloat>
#include <charconv>
#include <climits>
#include <cmath>
#include <limits>
#include <string>

#include "engine/util/format.hpp"

namespace leverage {
namespace {

double parse_double(const std::string& text) {
  double value = 0.0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  REQUIRE(result.ec == std::errc{});
  REQUIRE(result.ptr == text.data() + text.size());
  return value;
}

TEST_CASE("format_double prints the shortest text that reads back as the same double", "[format]") {
  // 0.1 is not exactly representable, but "0.1" is the shortest decimal that rounds to the nearest double.
  CHECK(format_double(0.1) == "0.1");
  CHECK(format_double(0.5) == "0.5");
  CHECK(format_double(-2.25) == "-2.25");
  // Integral values print without a decimal point or exponent when that is the shortest form.
  CHECK(format_double(1393.0) == "1393");
  CHECK(format_double(1.0) == "1");
  CHECK(format_double(-7.0) == "-7");
  // Shortest form chooses scientific when shorter: "1e+21" (5 characters) against 22 digits. The exponent
  // has a sign and at least two digits, as printf's %e writes it (to_chars is specified "as if by printf").
  CHECK(format_double(1e21) == "1e+21");
  CHECK(format_double(1e-7) == "1e-07");
}

TEST_CASE("format_double round-trips values that need all 17 significant digits", "[format]") {
  const double one_third = 1.0 / 3.0;
  CHECK(parse_double(format_double(one_third)) == one_third);
  // 1/3 needs 16 significant digits: 0.3333333333333333 (16 threes) is the nearest to it of all 16-digit
  // decimals, and a 15-digit one would round to a different double.
  CHECK(format_double(one_third) == "0.3333333333333333");

  for (const double value : {0.1 + 0.2, 2.0 / 3.0, std::nextafter(1.0, 2.0), DBL_MAX, DBL_MIN,
                             std::numeric_limits<double>::denorm_min(), -123456.789e-200}) {
    CAPTURE(value);
    CHECK(parse_double(format_double(value)) == value);
  }
  // 0.1 + 0.2 is famously not 0.3; the shortest text that identifies it has 17 digits.
  CHECK(format_double(0.1 + 0.2) == "0.30000000000000004");
}

TEST_CASE("format_double writes negative zero as 0 and non-finite values as a missing field", "[format]") {
  CHECK(format_double(-0.0) == "0");
  CHECK(format_double(0.0) == "0");
  CHECK(format_double(std::numeric_limits<double>::quiet_NaN()).empty());
  CHECK(format_double(std::numeric_limits<double>::infinity()).empty());
  CHECK(format_double(-std::numeric_limits<double>::infinity()).empty());
}

TEST_CASE("append_double and append_int append without disturbing what is already there", "[format]") {
  std::string line = "x=";
  append_double(line, 0.5);
  line += ",n=";
  append_int(line, -42);
  line += ",missing=";
  append_double(line, std::nan(""));
  line += ",end";
  CHECK(line == "x=0.5,n=-42,missing=,end");
}

TEST_CASE("append_int and append_uint print the full range", "[format]") {
  std::string text;
  append_int(text, LLONG_MIN);
  CHECK(text == "-9223372036854775808");  // -2^63
  text.clear();
  append_int(text, 0);
  CHECK(text == "0");
  text.clear();
  append_uint(text, ULLONG_MAX);
  CHECK(text == "18446744073709551615");  // 2^64 - 1
}

}  // namespace
}  // namespace leverage
