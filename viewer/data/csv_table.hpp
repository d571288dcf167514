#pragma once
// The viewer reads outcomes.csv and bands.csv with the engine's CSV reader (engine/util/csv_table.hpp).
#include "engine/util/csv_table.hpp"

namespace leverage::viewer {

// Something the viewer could not open; what() names the file and what is wrong.
using LoadError = leverage::DataFileError;
using leverage::CsvTable;
using leverage::parse_number;

}  // namespace leverage::viewer
