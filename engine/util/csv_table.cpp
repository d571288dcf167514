#include "engine/util/csv_table.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <iterator>
#include <limits>

namespace leverage {

namespace {

// Splits text into records of fields. A quoted field may hold commas, doubled quotes and line ends.
std::vector<std::vector<std::string>> split_records(std::string_view text, const std::string& label) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false, field_started = false;
  std::size_t line = 1;
  const auto end_field = [&] {
    record.push_back(std::move(field));
    field.clear();
    field_started = false;
  };
  const auto end_record = [&] {
    end_field();
    records.push_back(std::move(record));
    record.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field.push_back(c);
      }
      continue;
    }
    if (c == '"' && !field_started && field.empty()) {
      quoted = true;
      field_started = true;
    } else if (c == ',') {
      end_field();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_record();
      ++line;
    } else {
      field.push_back(c);
      field_started = true;
    }
  }
  if (quoted) throw DataFileError(label + ": line " + std::to_string(line) + ": a quoted field is never closed");
  if (field_started || !field.empty() || !record.empty()) end_record();
  return records;
}

}  // namespace

double parse_number(std::string_view field) {
  if (field.empty()) return std::numeric_limits<double>::quiet_NaN();
  double value = 0;
  const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
  if (error != std::errc() || end != field.data() + field.size()) return std::numeric_limits<double>::quiet_NaN();
  return value;
}

CsvTable CsvTable::parse(std::string_view text, const std::string& label) {
  auto records = split_records(text, label);
  if (records.empty()) throw DataFileError(label + ": empty file (expected a header row)");
  CsvTable table;
  table.header_ = std::move(records.front());
  for (std::size_t r = 1; r < records.size(); ++r) {
    if (records[r].size() != table.header_.size())
      throw DataFileError(label + ": row " + std::to_string(r + 1) + " has " + std::to_string(records[r].size()) +
                          " fields, the header has " + std::to_string(table.header_.size()));
    table.rows_.push_back(std::move(records[r]));
  }
  return table;
}

CsvTable CsvTable::read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataFileError(path.string() + ": cannot open");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return parse(text, path.string());
}

std::optional<std::size_t> CsvTable::column(std::string_view name) const {
  for (std::size_t c = 0; c < header_.size(); ++c)
    if (header_[c] == name) return c;
  return std::nullopt;
}

double CsvTable::number(std::size_t row, std::size_t column) const {
  return parse_number(rows_[row][column]);
}

bool CsvTable::is_numeric(std::size_t column) const {
  bool any = false;
  for (const auto& row : rows_) {
    if (row[column].empty()) continue;
    if (std::isnan(parse_number(row[column]))) return false;
    any = true;
  }
  return any;
}

}  // namespace leverage
