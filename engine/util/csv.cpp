#include "engine/util/csv.hpp"

namespace leverage {

void append_csv_field(std::string& out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(field);
    return;
  }
  out.push_back('"');
  for (const char character : field) {
    if (character == '"') out.push_back('"');
    out.push_back(character);
  }
  out.push_back('"');
}

void CsvRow::start_field() {
  if (field_count_ > 0) row_text_.push_back(',');
  ++field_count_;
}

CsvRow& CsvRow::add(std::string_view field) {
  start_field();
  append_csv_field(row_text_, field);
  return *this;
}

// Number text never contains a comma, quote or line break, so it needs no quoting.
CsvRow& CsvRow::add(double value) {
  start_field();
  append_double(row_text_, value);
  return *this;
}

CsvRow& CsvRow::add_signed(long long value) {
  start_field();
  append_int(row_text_, value);
  return *this;
}

CsvRow& CsvRow::add_unsigned(unsigned long long value) {
  start_field();
  append_uint(row_text_, value);
  return *this;
}

CsvRow& CsvRow::add_empty() {
  start_field();
  return *this;
}

void CsvRow::end_row(std::string& out) {
  // A row holding one empty field would be a blank line, which pandas skips by default (skip_blank_lines)
  // and so would lose the row; a quoted empty field keeps it and still reads as missing.
  if (field_count_ == 1 && row_text_.empty()) row_text_ = "\"\"";
  out.append(row_text_);
  out.push_back('\n');
  row_text_.clear();
  field_count_ = 0;
}

}  // namespace leverage
