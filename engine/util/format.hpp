#pragma once

// Number formatting for output files. Every number is printed as the shortest text that parses back to the
// same value (std::to_chars without a precision), so outputs are exact, locale-independent and identical on
// every platform whose standard library implements to_chars correctly.

#include <string>

namespace leverage {

// Appends the shortest round-trip decimal text of `value`, as std::to_chars chooses it: 0.1 -> "0.1",
// 1393.0 -> "1393", 1e21 -> "1e+21", 1.0 / 3.0 -> "0.3333333333333333".
// Two deliberate departures, both for CSV consumers (pandas, R):
//   - negative zero prints as "0", since "-0" reads as a surprising sign in a table and compares equal to 0;
//   - NaN and the infinities append nothing, the CSV convention for a missing value, which pandas and R
//     read as NaN/NA; "nan" or "inf" would turn a whole numeric column into strings in some readers.
void append_double(std::string& out, double value);

// The same text as append_double, as a new string.
std::string format_double(double value);

// Appends the decimal text of an integer: 42 -> "42", -7 -> "-7".
void append_int(std::string& out, long long value);
void append_uint(std::string& out, unsigned long long value);

}  // namespace leverage
