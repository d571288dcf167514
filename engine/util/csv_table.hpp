#pragma once
// A CSV file held in memory, as engine/util/csv.hpp writes them (RFC 4180 fields, LF or CRLF line
// ends, one header row): the viewer reads outcomes.csv and bands.csv with it, and the analysis
// commands (leverage sensitivity, leverage discover) read a sweep's points.csv.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace leverage {

// A data file that could not be read; what() names the file and what is wrong.
struct DataFileError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class CsvTable {
 public:
  // Parses `text`; `label` names the source in errors (a row with the wrong number of fields, an
  // unterminated quote).
  static CsvTable parse(std::string_view text, const std::string& label);
  static CsvTable read(const std::filesystem::path& path);

  const std::vector<std::string>& header() const { return header_; }
  std::size_t rows() const { return rows_.size(); }
  // Index of a column by name, or nullopt.
  std::optional<std::size_t> column(std::string_view name) const;
  const std::string& cell(std::size_t row, std::size_t column) const { return rows_[row][column]; }
  // The cell as a number; NaN when it is empty or not a number.
  double number(std::size_t row, std::size_t column) const;
  // Whether every non-empty cell of the column is a number (and at least one is).
  bool is_numeric(std::size_t column) const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

// A number in CSV text, or NaN when the field is empty or not entirely a number.
double parse_number(std::string_view field);

}  // namespace leverage
