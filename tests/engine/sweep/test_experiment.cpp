// Sweep plans: each design's points derived by hand, and bad experiment files reported as
// `FILE:/json/pointer: expected ..., found ...` (engine/config/json_reader.hpp).
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>

#include "engine/config/json_reader.hpp"
#include "engine/sweep/experiment.hpp"
#include "tests/support/lab.hpp"

using namespace leverage;
using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;
using nlohmann::json;

namespace {

const std::string kDeadline = "/actors/2/actions/1/ultimatum/deadline_weeks";
const std::string kDemand = "/actors/2/actions/1/ultimatum/demand/count";

std::filesystem::path temp_dir() {
  // Removed when the test program exits.
  static const struct Directory {
    std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("leverage-experiment-" + std::to_string(::getpid()));
    ~Directory() {
      std::error_code ignored;
      std::filesystem::remove_all(path, ignored);
    }
  } directory;
  std::filesystem::create_directories(directory.path);
  return directory.path;
}

std::filesystem::path write(const std::string& name, const std::string& text) {
  const auto path = temp_dir() / name;
  std::ofstream(path) << text;
  return path;
}

// A 3 x 3 grid like experiments/examples/deadline_by_demand.json, on the shipped scenario.
json grid_experiment() {
  return {{"scenario", test::source_path("scenarios/belarus_2024.json")},
          {"parameters",
           {{{"name", "deadline_weeks"}, {"pointer", kDeadline}, {"min", 4}, {"max", 16}},
            {{"name", "demand_count"}, {"pointer", kDemand}, {"values", {100, 300, 500}}}}},
          {"design", {{"kind", "grid"}, {"levels", 3}}},
          {"replicates", 5},
          {"seed", 1}};
}

// The message of the ConfigError that loading `document` (written as bad.json) throws.
std::string error_of(const json& document) {
  const auto path = write("bad.json", document.dump(2));
  try {
    load_experiment(path);
  } catch (const config::ConfigError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("grid: ranges at evenly spaced levels, lists at their values, the last parameter fastest") {
  const auto path = write("grid.json", grid_experiment().dump());
  const Experiment e = load_experiment(path);
  // deadline_weeks 4..16 at 3 levels: 4, 4 + 12/2 = 10, 16 (integers: the scenario holds 12).
  // Point i = 3 * deadline index + demand index.
  REQUIRE(e.points.size() == 9);
  CHECK(e.parameters[0].integer);
  CHECK(e.points[0] == std::vector<json>{4, 100});
  CHECK(e.points[1] == std::vector<json>{4, 300});
  CHECK(e.points[2] == std::vector<json>{4, 500});
  CHECK(e.points[3] == std::vector<json>{10, 100});
  CHECK(e.points[8] == std::vector<json>{16, 500});
  CHECK(e.points[4][0].is_number_integer());
  // The point's document carries the values.
  CHECK(point_document(e, 5).at(json::json_pointer(kDeadline)) == 10);
  CHECK(point_document(e, 5).at(json::json_pointer(kDemand)) == 500);
  // A float target gets floats: 0.5..1 at 3 levels is 0.5, 0.75, 1.
  SweepParameter share{"share", "/x", true, 0.5, 1.0, {}, false, {}};
  const auto floats = grid_points({share}, 3);
  CHECK(floats[1][0].get<double>() == 0.75);
  CHECK(floats[1][0].is_number_float());
}

TEST_CASE("latin hypercube: one point in each of n strata in every dimension, reproducible by seed") {
  const std::size_t n = 10, d = 3;
  const auto a = latin_hypercube_design(n, d, 7);
  for (std::size_t dim = 0; dim < d; ++dim) {
    std::set<int> strata;
    for (const auto& point : a) {
      CHECK(point[dim] >= 0.0);
      CHECK(point[dim] < 1.0);
      strata.insert(static_cast<int>(point[dim] * n));  // stratum k holds [k/n, (k+1)/n)
    }
    CHECK(strata.size() == n);  // each of 0..9 exactly once
  }
  CHECK(latin_hypercube_design(n, d, 7) == a);
  CHECK(latin_hypercube_design(n, d, 8) != a);
}

TEST_CASE("random design: in range, reproducible by the design seed") {
  const auto a = random_design(50, 2, 3);
  CHECK(random_design(50, 2, 3) == a);
  CHECK(random_design(50, 2, 4) != a);
  SweepParameter deadline{"deadline", "/x", true, 4, 16, {}, true, {}};
  for (const auto& point : a) {
    const json value = value_at(deadline, point[0]);
    CHECK(value.is_number_integer());
    CHECK(value.get<int>() >= 4);
    CHECK(value.get<int>() <= 16);
  }
  // A list maps [0, 1) onto its k values in k equal parts: 0.34 * 3 = 1.02 -> the second value.
  SweepParameter demand{"demand", "/y", false, 0, 0, {100, 300, 500}, false, {}};
  CHECK(value_at(demand, 0.34) == 300);
  CHECK(value_at(demand, 0.0) == 100);
  CHECK(value_at(demand, 0.999) == 500);
}

TEST_CASE("sobol: boost's first points, derived by hand, skip the zero point") {
  // Gray-code order (Antonov and Saleev 1979): x_n = x_{n-1} xor v_c, c = the lowest zero bit of n-1.
  // Dimension 1 (van der Corput): v1 = 1/2, v2 = 1/4, v3 = 1/8.
  //   x1 = .1 = 0.5; x2 = .1 ^ .01 = .11 = 0.75; x3 = .11 ^ .1 = .01 = 0.25; x4 = .01 ^ .001 = 0.375;
  //   x5 = .011 ^ .1 = .111 = 0.875; x6 = .111 ^ .01 = .101 = 0.625.
  // Dimension 2 (polynomial x + 1, m1 = 1, m2 = 3): v1 = .1, v2 = .11, v3 = v2 ^ v2/2 = .11 ^ .011 = .101.
  //   x1 = 0.5; x2 = .1 ^ .11 = .01 = 0.25; x3 = .01 ^ .1 = .11 = 0.75; x4 = .110 ^ .101 = .011 = 0.375;
  //   x5 = .011 ^ .1 = .111 = 0.875; x6 = .111 ^ .11 = .001 = 0.125.
  // The sequence's point 0, (0, 0), is not emitted: boost starts at x1.
  const auto points = sobol_design(6, 2);
  const std::vector<std::vector<double>> expected{{0.5, 0.5},     {0.75, 0.25},   {0.25, 0.75},
                                                  {0.375, 0.375}, {0.875, 0.875}, {0.625, 0.125}};
  CHECK(points == expected);
}

TEST_CASE("file design: explicit points from a CSV with a header, commas or spaces") {
  const auto csv = write("points.csv", "# from SALib\ndeadline_weeks,demand_count\n6,250\n8 300\n");
  json document = grid_experiment();
  document["design"] = {{"kind", "file"}, {"path", "points.csv"}};
  const Experiment e = load_experiment(write("file.json", document.dump()));
  REQUIRE(e.points.size() == 2);
  CHECK(e.points[0] == std::vector<json>{6, 250});
  CHECK(e.points[1] == std::vector<json>{8, 300});
  CHECK(e.design == DesignKind::file);
  // A non-integer for an integer target is reported with the file and the line.
  CHECK_THROWS_WITH(
      read_points_csv("6.5,100\n", "p.csv", e.parameters),
      "p.csv:line 1: expected an integer for deadline_weeks (the scenario holds an integer), found \"6.5\"");
}

TEST_CASE("bad experiment files name the file, the JSON pointer, what was expected and what was found") {
  const std::string bad = (temp_dir() / "bad.json").string();
  SECTION("an unknown key, with a suggestion") {
    json document = grid_experiment();
    document["replicate"] = 5;
    // ObjectReader::finish at the root: the first key never asked for, at its own pointer.
    CHECK_THAT(error_of(document), Contains(bad + ":/replicate: expected one of the keys") &&
                                       Contains("found unknown key \"replicate\" (did you mean \"replicates\"?)"));
  }
  SECTION("a pointer naming nothing in the scenario") {
    json document = grid_experiment();
    document["parameters"][0]["pointer"] = "/actors/2/actions/1/ultimatum/deadline_week";
    CHECK_THAT(error_of(document),
               Contains(bad + ":/parameters/0/pointer: expected a JSON pointer to an existing value of " +
                        test::source_path("scenarios/belarus_2024.json")) &&
                   Contains("\"deadline_week\"") && Contains("did you mean \"deadline_weeks\"?"));
  }
  SECTION("wrong types") {
    json document = grid_experiment();
    document["replicates"] = "50";
    CHECK(error_of(document) == bad + ":/replicates: expected an integer in [1, 1000000000], found a string \"50\"");
    document = grid_experiment();
    document["parameters"][1]["values"] = {100, {{"a", 1}}};
    CHECK(error_of(document) == bad +
                                    ":/parameters/1/values/1: expected a number, a string or a boolean (an object or "
                                    "array needs \"labels\" naming each value), found an object");
  }
  SECTION("an unknown design, with a suggestion") {
    json document = grid_experiment();
    document["design"] = {{"kind", "sobel"}, {"points", 4}};
    CHECK_THAT(error_of(document),
               Contains(bad + ":/design/kind: expected one of") && Contains("(did you mean \"sobol\"?)"));
  }
  SECTION("a point whose scenario does not load names the point's values") {
    json document = grid_experiment();
    document["parameters"][0]["min"] = -4;  // a negative deadline
    CHECK_THAT(error_of(document), Contains("(point 0: deadline_weeks=-4 demand_count=100):" + kDeadline));
  }
}

TEST_CASE("labels: a parameter may list whole objects, each written to points.csv as its label") {
  json document = grid_experiment();
  const std::string threat = "/actors/2/actions/1/ultimatum/threat";
  document["parameters"] = {{{"name", "threat"},
                             {"pointer", threat},
                             {"values", {{{"kind", "suspend_transit"}}, {{"kind", "sanctions"}, {"levels", 2}}}},
                             {"labels", {"suspension", "sanctions_2"}}}};
  document["design"] = {{"kind", "grid"}};
  const Experiment e = load_experiment(write("labels.json", document.dump()));
  // Two listed values, no range: a grid of two points, in the listed order.
  REQUIRE(e.points.size() == 2);
  CHECK(point_document(e, 1).at(json::json_pointer(threat)) == json{{"kind", "sanctions"}, {"levels", 2}});
  CHECK(e.parameters[0].csv_value(e.points[0][0]) == "suspension");
  CHECK(e.parameters[0].csv_value(e.points[1][0]) == "sanctions_2");
  CHECK(load_point(e, 1)->ultimatums[0].threat == ThreatKind::sanctions);

  // An object without labels, a label count that does not match, and a repeated label are refused.
  json unlabelled = document;
  unlabelled["parameters"][0].erase("labels");
  CHECK_THAT(error_of(unlabelled), Contains("/parameters/0/values/0: expected a number, a string or a boolean (an "
                                            "object or array needs \"labels\""));
  json short_labels = document;
  short_labels["parameters"][0]["labels"] = {"suspension"};
  CHECK_THAT(error_of(short_labels), Contains("/parameters/0/labels: expected one label per value (2)"));
  json repeated = document;
  repeated["parameters"][0]["labels"] = {"same", "same"};
  CHECK_THAT(error_of(repeated), Contains("/parameters/0/labels/1: expected a non-empty label used once"));
}

TEST_CASE("set: values laid over the base scenario before the points, errors at the experiment's key") {
  json document = grid_experiment();
  // The base stock becomes 1000 (the shipped scenario has 1393), and a whole demand object is
  // replaced: a named demand of one prisoner, which has no count.
  document["set"] = {{"/prisoners/initial_stock", 1000},
                     {"/actors/2/actions/1/ultimatum/demand", {{"kind", "named"}, {"prisoners", {"poczobut"}}}}};
  document["parameters"] = {{{"name", "deadline_weeks"}, {"pointer", kDeadline}, {"values", {6, 8}}}};
  const Experiment e = load_experiment(write("set.json", document.dump()));
  CHECK(e.base->prisoners.initial_stock == 1000);
  CHECK(e.base->ultimatums[0].demand == DemandKind::named);
  CHECK(load_point(e, 1)->ultimatums[0].deadline_weeks == 8);
  CHECK(load_point(e, 1)->prisoners.initial_stock == 1000);

  json typo = document;
  typo["set"] = {{"/prisoners/initial_stok", 1000}};
  CHECK_THAT(error_of(typo), Contains("bad.json:/set/~1prisoners~1initial_stok: expected a JSON pointer"));
  CHECK_THAT(error_of(typo), Contains("did you mean \"initial_stock\""));
  json wrong_type = document;
  wrong_type["set"] = {{"/prisoners/initial_stock", "many"}};
  CHECK_THAT(error_of(wrong_type), Contains("bad.json:/set/~1prisoners~1initial_stock: expected a number"));
}

TEST_CASE("\"integer\": false keeps fractions for a number the scenario writes as an integer") {
  // Minsk's rationality is written 2 in the shipped scenario. 0.5..4 at 3 levels: 0.5, 2.25, 4, kept
  // as they are with "integer": false; rounded (llround: 1, 2, 4) without it.
  json document = grid_experiment();
  document["parameters"] = {
      {{"name", "rationality"}, {"pointer", "/actors/0/rule/params/rationality"}, {"min", 0.5}, {"max", 4}}};
  const Experiment rounded = load_experiment(write("rounded.json", document.dump()));
  CHECK(rounded.parameters[0].integer);
  CHECK(rounded.points[1][0] == 2);
  document["parameters"][0]["integer"] = false;
  const Experiment fractions = load_experiment(write("fractions.json", document.dump()));
  CHECK_FALSE(fractions.parameters[0].integer);
  CHECK(fractions.points[0][0].get<double>() == 0.5);
  CHECK(fractions.points[1][0].get<double>() == 2.25);
  // A field the loader needs as an integer fails at the first point, naming it: without rounding the
  // value is a JSON float even when whole (4.0), and the scenario loader takes integers only there.
  document["parameters"] = {
      {{"name", "deadline_weeks"}, {"pointer", kDeadline}, {"min", 4}, {"max", 5}, {"integer", false}}};
  CHECK_THAT(error_of(document), Contains("(point 0: deadline_weeks=4.0):" + kDeadline +
                                          ": expected an integer in [0, 520], found the number 4.0"));
}
