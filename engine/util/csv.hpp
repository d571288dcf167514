#pragma once

// CSV as RFC 4180 describes it, which pandas.read_csv and R's read.csv accept with default options: fields
// separated by commas, a field quoted only when it must be (it holds a comma, a double quote, CR or LF),
// quotes inside a quoted field doubled. Lines end in LF, not RFC 4180's CRLF: both readers accept either,
// and LF keeps files diffable with ordinary tools. Numbers use the shortest round-trip text of format.hpp,
// and a missing value (a non-finite double, or add_empty()) is an empty field.

#include <cstddef>
#include <string>
#include <string_view>

#include "engine/util/format.hpp"

namespace leverage {

// Appends `field` as one CSV field: as is when it is safe, otherwise wrapped in double quotes with each
// inner double quote doubled: `say "hi", Bo` -> `"say ""hi"", Bo"`.
void append_csv_field(std::string& out, std::string_view field);

// Builds one row at a time and appends it to an output string, inserting the separators:
//
//   CsvRow row;
//   for (const Replicate& replicate : replicates) {
//     row.add(replicate.index).add(replicate.label).add(replicate.welfare_usd);
//     row.end_row(csv_text);
//   }
//
// Reuse one CsvRow for all the rows of a table: its buffer keeps its capacity between rows, so after the
// first few rows building a row allocates nothing.
class CsvRow {
 public:
  CsvRow& add(std::string_view field);
  CsvRow& add(const char* field) { return add(std::string_view(field)); }
  // Shortest round-trip text; NaN and infinities become an empty (missing) field. See append_double.
  CsvRow& add(double value);
  CsvRow& add(int value) { return add_signed(value); }
  CsvRow& add(long value) { return add_signed(value); }
  CsvRow& add(long long value) { return add_signed(value); }
  CsvRow& add(unsigned value) { return add_unsigned(value); }
  CsvRow& add(unsigned long value) { return add_unsigned(value); }  // std::size_t on LP64
  CsvRow& add(unsigned long long value) { return add_unsigned(value); }
  // A bool or char would otherwise print silently as 1/0 or as a character code; say what you mean by
  // adding "true"/"false", a number or a string.
  CsvRow& add(bool) = delete;
  CsvRow& add(char) = delete;

  // An empty field, read as missing (NaN in pandas, NA in R).
  CsvRow& add_empty();

  // Appends the row and a "\n" to `out`, then starts a new, empty row. A row whose only field is empty is
  // written as `""` so that readers do not skip it as a blank line.
  void end_row(std::string& out);

  // Number of fields added to the current row so far.
  std::size_t field_count() const { return field_count_; }

 private:
  CsvRow& add_signed(long long value);
  CsvRow& add_unsigned(unsigned long long value);
  void start_field();

  std::string row_text_;
  std::size_t field_count_ = 0;
};

}  // namespace leverage
