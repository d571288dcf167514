#include <catch2/catch.hpp>
#include <cstddef>
#include <limits>
#include <string>

#include "engine/util/csv.hpp"

namespace leverage {
namespace {

std::string as_csv_field(std::string_view field) {
  std::string out;
  append_csv_field(out, field);
  return out;
}

TEST_CASE("append_csv_field quotes only fields that need it", "[csv]") {
  CHECK(as_csv_field("plain") == "plain");
  CHECK(as_csv_field("with space") == "with space");  // RFC 4180: spaces are part of the field
  CHECK(as_csv_field("") == "");
  // A comma and a quote: RFC 4180 section 2 rules 6 and 7 - enclose in quotes, double the inner quote.
  CHECK(as_csv_field("Smith, \"Bo\"") == "\"Smith, \"\"Bo\"\"\"");
  CHECK(as_csv_field("a,b") == "\"a,b\"");
  CHECK(as_csv_field("\"") == "\"\"\"\"");
  CHECK(as_csv_field("line\nbreak") == "\"line\nbreak\"");
  CHECK(as_csv_field("carriage\rreturn") == "\"carriage\rreturn\"");
}

TEST_CASE("CsvRow separates fields with commas and ends rows with LF", "[csv]") {
  std::string csv;
  CsvRow row;
  row.add("name").add("count").add("share").end_row(csv);
  CHECK(row.field_count() == 0);
  row.add("Port, North").add(3).add(0.25).end_row(csv);
  row.add("empty").add_empty().add(std::numeric_limits<double>::quiet_NaN()).end_row(csv);
  CHECK(csv ==
        "name,count,share\n"
        "\"Port, North\",3,0.25\n"
        "empty,,\n");
}

TEST_CASE("CsvRow prints every integer type and doubles exactly", "[csv]") {
  std::string csv;
  CsvRow row;
  const std::size_t replicate_count = 1000;
  row.add(-1)
      .add(2L)
      .add(-3LL)
      .add(4U)
      .add(replicate_count)
      .add(std::numeric_limits<unsigned long long>::max());
  row.add(1393.0).add(-0.0).add(0.1);
  row.end_row(csv);
  CHECK(csv == "-1,2,-3,4,1000,18446744073709551615,1393,0,0.1\n");
}

TEST_CASE("CsvRow keeps a row whose only field is missing", "[csv]") {
  // A bare empty line would be skipped by pandas as blank, losing the row; "" reads back as missing.
  std::string csv;
  CsvRow row;
  row.add("value").end_row(csv);
  row.add_empty().end_row(csv);
  row.add(1.5).end_row(csv);
  CHECK(csv == "value\n\"\"\n1.5\n");
}

}  // namespace
}  // namespace leverage
