#include "engine/util/format.hpp"

#include <charconv>
#include <cmath>
#include <stdexcept>
#include <system_error>

namespace leverage {
namespace {

// Longest shortest-round-trip double is 24 characters ("-2.2250738585072014e-308"); the longest integer is
// 20 ("-9223372036854775808", "18446744073709551615").
constexpr std::size_t number_buffer_size = 32;

template <typename Number>
void append_with_to_chars(std::string& out, Number value) {
  char buffer[number_buffer_size];
  const std::to_chars_result result = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (result.ec != std::errc{}) {
    // Unreachable with the buffer sized above; failing loudly beats writing a truncated number.
    throw std::logic_error("std::to_chars: number buffer too small");
  }
  out.append(buffer, result.ptr);
}

}  // namespace

void append_double(std::string& out, double value) {
  if (!std::isfinite(value)) return;
  if (value == 0.0) {  // true for both +0.0 and -0.0
    out.push_back('0');
    return;
  }
  append_with_to_chars(out, value);
}

std::string format_double(double value) {
  std::string text;
  append_double(text, value);
  return text;
}

void append_int(std::string& out, long long value) { append_with_to_chars(out, value); }

void append_uint(std::string& out, unsigned long long value) { append_with_to_chars(out, value); }

}  // namespace leverage
