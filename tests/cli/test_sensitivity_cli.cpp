// `leverage sensitivity` and `leverage discover` through the real executable: the bytes do not depend
// on the thread count, results computed elsewhere give the indices derived by hand, and bad input
// ends with exit code 2 and a message naming what is wrong.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "engine/util/csv_table.hpp"
#include "tests/support/cli_process.hpp"

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;
using leverage::CsvTable;
using leverage::test::read_file;
using leverage::test::run_leverage;
using leverage::test::write_file;

// Two parameters of the shipped scenario (Brussels' ultimatum deadline, an integer, and Minsk's logit
// rationality, written 2 in the scenario but varied continuously), 8 weeks, 3 replicates: a Morris design of 3
// trajectories is 3 (2 + 1) = 9 points.
Json small_experiment(int base_samples = 8) {
  return {{"scenario", (fs::path(LEVERAGE_SOURCE_DIR) / "scenarios" / "belarus_2024.json").string()},
          {"parameters",
           {{{"name", "deadline_weeks"},
             {"pointer", "/actors/2/actions/1/ultimatum/deadline_weeks"},
             {"min", 4},
             {"max", 16}},
            {{"name", "rationality"},
             {"pointer", "/actors/0/rule/params/rationality"},
             {"min", 0.5},
             {"max", 4},
             {"integer", false}}}},
          {"replicates", 3},
          {"weeks", 8},
          {"sensitivity",
           {{"morris", {{"levels", 4}, {"trajectories", 3}, {"seed", 5}}},
            {"sobol", {{"base_samples", base_samples}}},
            {"bootstrap", {{"resamples", 50}}}}}};
}

struct Lab : leverage::test::TempDir {
  Lab() : leverage::test::TempDir("leverage-sensitivity") {}
  fs::path experiment(const Json& document, const std::string& name = "exp.json") {
    write_file(path / name, document.dump(2));
    return path / name;
  }
};

}  // namespace

TEST_CASE("sensitivity morris: 1 and 2 threads write the same bytes, --from-results recomputes them",
          "[cli][sensitivity]") {
  Lab lab;
  const auto experiment = lab.experiment(small_experiment());
  for (const std::string threads : {"1", "2"}) {
    const auto outcome = run_leverage({"sensitivity", experiment.string(), "--method", "morris", "--threads", threads,
                                       "--quiet", "--out", (lab.path / ("t" + threads)).string()},
                                      lab.path);
    INFO(outcome.err);
    REQUIRE(outcome.exit_code == 0);
  }
  for (const std::string file : {"design.csv", "points.csv", "morris_indices.csv", "sensitivity.json"})
    CHECK(read_file(lab.path / "t1" / file) == read_file(lab.path / "t2" / file));
  const CsvTable design = CsvTable::read(lab.path / "t1" / "design.csv");
  CHECK(design.header() == std::vector<std::string>{"deadline_weeks", "rationality"});
  CHECK(design.rows() == 9);  // 3 trajectories of D + 1 = 3 rows
  const CsvTable indices = CsvTable::read(lab.path / "t1" / "morris_indices.csv");
  const CsvTable points = CsvTable::read(lab.path / "t1" / "points.csv");
  std::size_t means = 0;
  for (const auto& name : points.header()) means += name.size() > 5 && name.substr(name.size() - 5) == "_mean";
  CHECK(indices.rows() == 2 * means);  // every _mean outcome, for both parameters
  // The same points.csv through --from-results: the same indices, byte for byte.
  const auto again =
      run_leverage({"sensitivity", experiment.string(), "--method", "morris", "--quiet", "--out",
                    (lab.path / "again").string(), "--from-results", (lab.path / "t1" / "points.csv").string()},
                   lab.path);
  REQUIRE(again.exit_code == 0);
  CHECK(read_file(lab.path / "again" / "morris_indices.csv") == read_file(lab.path / "t1" / "morris_indices.csv"));

  // The derived sweep experiment run in two shards and merged: the same points.csv, the same indices.
  const auto sweep_file = (lab.path / "t1" / "experiment.json").string(), shards = (lab.path / "shards").string();
  for (const std::string shard : {"1/2", "2/2"})
    REQUIRE(run_leverage({"sweep", sweep_file, "--shard", shard, "--quiet", "--out", shards}, lab.path).exit_code == 0);
  REQUIRE(run_leverage({"merge", shards, "--quiet"}, lab.path).exit_code == 0);
  CHECK(read_file(lab.path / "shards" / "points.csv") == read_file(lab.path / "t1" / "points.csv"));
  REQUIRE(run_leverage({"sensitivity", experiment.string(), "--method", "morris", "--quiet", "--out", shards,
                        "--from-results", (lab.path / "shards" / "points.csv").string()},
                       lab.path)
              .exit_code == 0);
  CHECK(read_file(lab.path / "shards" / "morris_indices.csv") == read_file(lab.path / "t1" / "morris_indices.csv"));
}

TEST_CASE("sensitivity sobol: --points-only writes SALib's layout, --from-results gives the known indices",
          "[cli][sensitivity]") {
  Lab lab;
  const auto experiment = lab.experiment(small_experiment(512));
  const auto out = lab.path / "sobol";
  const auto written = run_leverage(
      {"sensitivity", experiment.string(), "--method", "sobol", "--points-only", "--out", out.string()}, lab.path);
  INFO(written.err);
  REQUIRE(written.exit_code == 0);
  CHECK_FALSE(fs::exists(out / "points.csv"));  // nothing was run
  const CsvTable design = CsvTable::read(out / "design.csv");
  REQUIRE(design.rows() == 512 * 4);  // N (D + 2)
  // Outputs computed "elsewhere": y_rationality depends on rationality alone, y_deadline on the
  // deadline alone. A function of one input has S_i = ST_i = 1 for it and 0 for the other (all its
  // variance is that input's main effect).
  std::string results = "y_rationality,y_deadline\n";
  for (std::size_t r = 0; r < design.rows(); ++r) {
    const double deadline = design.number(r, 0), rationality = design.number(r, 1);
    results += std::to_string(3 * rationality) + "," + std::to_string(deadline * deadline) + "\n";
  }
  write_file(lab.path / "results.csv", results);
  const auto computed = run_leverage({"sensitivity", experiment.string(), "--method", "sobol", "--quiet", "--out",
                                      out.string(), "--from-results", (lab.path / "results.csv").string()},
                                     lab.path);
  INFO(computed.err);
  REQUIRE(computed.exit_code == 0);
  const CsvTable indices = CsvTable::read(out / "sobol_indices.csv");
  REQUIRE(indices.rows() == 4);  // 2 outcomes x 2 parameters, in that order
  const auto s1 = *indices.column("S1"), st = *indices.column("ST");
  const double expected[4] = {0, 1, 1, 0};  // (y_rationality: deadline, rationality), (y_deadline: ...)
  for (std::size_t r = 0; r < 4; ++r) {
    CHECK(indices.number(r, s1) == Approx(expected[r]).margin(0.05));
    CHECK(indices.number(r, st) == Approx(expected[r]).margin(0.05));
  }
  // The convergence table holds N = 16, 32, ..., 512 for each outcome and parameter: 6 x 2 x 2 rows.
  CHECK(CsvTable::read(out / "sobol_convergence.csv").rows() == 24);
  // numpy.savetxt's layout (no header, one value per line) is read as the outcome "y".
  std::string column;
  for (std::size_t r = 0; r < design.rows(); ++r) column += std::to_string(design.number(r, 1)) + "\n";
  write_file(lab.path / "y.txt", column);
  REQUIRE(run_leverage({"sensitivity", experiment.string(), "--method", "sobol", "--quiet", "--out",
                        (lab.path / "plain").string(), "--from-results", (lab.path / "y.txt").string()},
                       lab.path)
              .exit_code == 0);
  const CsvTable plain = CsvTable::read(lab.path / "plain" / "sobol_indices.csv");
  CHECK(plain.cell(0, 0) == "y");
  CHECK(plain.number(1, *plain.column("S1")) == Approx(1).margin(0.05));

  // With --second-order the design has N (2D + 2) rows; y = deadline x rationality, centred on the
  // means of both inputs, is a pure interaction: S_12 = 1 - S_1 - S_2, here with S_1 = S_2 = 0 (the
  // mean of y over either input alone is 0), so S_12 = 1.
  const auto second = lab.path / "second";
  REQUIRE(run_leverage({"sensitivity", experiment.string(), "--method", "sobol", "--second-order", "--points-only",
                        "--quiet", "--out", second.string()},
                       lab.path)
              .exit_code == 0);
  const CsvTable second_design = CsvTable::read(second / "design.csv");
  REQUIRE(second_design.rows() == 512 * 6);
  std::string interaction = "y\n";
  for (std::size_t r = 0; r < second_design.rows(); ++r)
    interaction += std::to_string((second_design.number(r, 0) - 10) * (second_design.number(r, 1) - 2.25)) + "\n";
  write_file(lab.path / "interaction.csv", interaction);
  REQUIRE(run_leverage({"sensitivity", experiment.string(), "--method", "sobol", "--second-order", "--quiet", "--out",
                        second.string(), "--from-results", (lab.path / "interaction.csv").string()},
                       lab.path)
              .exit_code == 0);
  const CsvTable pairs = CsvTable::read(second / "sobol_second_order.csv");
  REQUIRE(pairs.rows() == 1);
  CHECK(pairs.cell(0, 1) == "deadline_weeks");
  CHECK(pairs.cell(0, 2) == "rationality");
  CHECK(pairs.number(0, *pairs.column("S2")) == Approx(1).margin(0.1));
}

TEST_CASE("sensitivity: bad input exits 2 with a message naming the problem", "[cli][sensitivity]") {
  Lab lab;
  Json with_design = small_experiment();
  with_design["design"] = {{"kind", "grid"}, {"levels", 2}};
  auto outcome = run_leverage({"sensitivity", lab.experiment(with_design).string(), "--method", "morris",
                               "--points-only", "--out", (lab.path / "o").string()},
                              lab.path);
  CHECK(outcome.exit_code == 2);
  CHECK(outcome.err.find("exp.json:/design: expected no \"design\"") != std::string::npos);

  Json odd_levels = small_experiment();
  odd_levels["sensitivity"]["morris"]["levels"] = 3;
  outcome = run_leverage({"sensitivity", lab.experiment(odd_levels).string(), "--method", "morris", "--points-only",
                          "--out", (lab.path / "o").string()},
                         lab.path);
  CHECK(outcome.exit_code == 2);
  CHECK(outcome.err.find("/sensitivity/morris/levels: expected an even number of levels") != std::string::npos);

  Json listed = small_experiment();
  listed["parameters"][1] = {{"pointer", "/actors/0/rule/params/rationality"}, {"values", {1, 2}}};
  outcome = run_leverage({"sensitivity", lab.experiment(listed).string(), "--method", "sobol", "--points-only", "--out",
                          (lab.path / "o").string()},
                         lab.path);
  CHECK(outcome.exit_code == 2);
  CHECK(outcome.err.find("/parameters/1: expected a range") != std::string::npos);

  // An integer parameter whose range rounds every Morris step away: min = max = 4, so each step of
  // delta = 2/3 of the range runs 4 both times (an elementary effect of 0 / 0).
  Json narrow = small_experiment();
  narrow["parameters"][0]["max"] = 4;
  outcome = run_leverage({"sensitivity", lab.experiment(narrow).string(), "--method", "morris", "--points-only",
                          "--out", (lab.path / "o").string()},
                         lab.path);
  CHECK(outcome.exit_code == 2);
  CHECK(outcome.err.find("/parameters/0: expected a range over which a Morris step") != std::string::npos);
  CHECK(outcome.err.find("found [4, 4], where 4 steps to 4") != std::string::npos);

  const auto experiment = lab.experiment(small_experiment());
  write_file(lab.path / "short.csv", "y\n1\n2\n");
  outcome = run_leverage({"sensitivity", experiment.string(), "--method", "morris", "--out", (lab.path / "o").string(),
                          "--from-results", (lab.path / "short.csv").string()},
                         lab.path);
  CHECK(outcome.exit_code == 2);
  CHECK(outcome.err.find("expected 9 rows, one per point of the morris design") != std::string::npos);

  // A misspelled outcome is refused before the sweep runs (no points.csv), with the name it meant; so
  // is a sum with an empty term.
  outcome = run_leverage({"sensitivity", experiment.string(), "--method", "morris", "--out",
                          (lab.path / "early").string(), "--outcome", "gross_release"},
                         lab.path);
  CHECK(outcome.exit_code == 2);
  CHECK(outcome.err.find("--outcome:/: expected a column of points.csv") != std::string::npos);
  CHECK(outcome.err.find("(did you mean \"gross_releases\"?)") != std::string::npos);
  CHECK_FALSE(fs::exists(lab.path / "early" / "points.csv"));
  outcome = run_leverage({"sensitivity", experiment.string(), "--method", "morris", "--out",
                          (lab.path / "early").string(), "--outcome", "released=gross_releases+"},
                         lab.path);
  CHECK(outcome.exit_code == 2);
  CHECK(outcome.err.find("expected an outcome NAME, or a sum NAME+NAME...") != std::string::npos);

  write_file(lab.path / "named.csv", "gross_releases\n1\n2\n3\n4\n5\n6\n7\n8\n9\n");
  outcome = run_leverage({"sensitivity", experiment.string(), "--method", "morris", "--out", (lab.path / "o").string(),
                          "--from-results", (lab.path / "named.csv").string(), "--outcome", "gross_release"},
                         lab.path);
  CHECK(outcome.exit_code == 2);
  CHECK(outcome.err.find("found \"gross_release\" (did you mean \"gross_releases\"?)") != std::string::npos);
}

namespace {

// A sweep's directory made by hand: x and y on a 20 x 20 grid of [0.025, 0.975], and an outcome
// score_mean that is 1 exactly where x >= 0.5 and y <= 0.3 (a 10 x 6 block of the grid), 0 elsewhere.
void write_synthetic_sweep(const fs::path& directory) {
  fs::create_directories(directory);
  std::string points = "point,x,y,score_mean\n";
  int point = 0;
  for (int i = 0; i < 20; ++i)
    for (int j = 0; j < 20; ++j) {
      const double x = 0.025 + 0.05 * i, y = 0.025 + 0.05 * j;
      const int score = x >= 0.5 && y <= 0.3 ? 1 : 0;
      std::ostringstream row;
      row << point++ << "," << x << "," << y << "," << score << "\n";
      points += row.str();
    }
  write_file(directory / "points.csv", points);
  write_file(directory / "manifest.json",
             R"({"experiment_hash": "synthetic", "parameters": [{"name": "x"}, {"name": "y"}]})");
}

}  // namespace

TEST_CASE("discover: PRIM finds the synthetic box; unknown columns get a did-you-mean", "[cli][discover]") {
  Lab lab;
  const auto sweep = lab.path / "sweep";
  write_synthetic_sweep(sweep);
  // "score" stands for score_mean. 60 of 400 points are cases.
  const auto outcome =
      run_leverage({"discover", sweep.string(), "--where", "score >= 1", "--threshold", "1"}, lab.path);
  INFO(outcome.err);
  REQUIRE(outcome.exit_code == 0);
  CHECK(outcome.out.find("score_mean >= 1: 60 of 400 points") != std::string::npos);
  CHECK(outcome.out.find("scripts/plot_analysis.py prim") != std::string::npos);
  // The first box of density 1 is the block itself: x in [0.525, 0.975] (the grid values >= 0.5),
  // y in [0.025, 0.275]; both limits are restrictions of the data's [0.025, 0.975].
  const CsvTable box = CsvTable::read(sweep / "prim_box.csv");
  REQUIRE(box.rows() == 2);
  CHECK(box.cell(0, 0) == "x");
  CHECK(box.number(0, *box.column("low")) == Approx(0.525));
  CHECK(box.number(0, *box.column("high")) == Approx(0.975));
  CHECK(box.cell(1, 0) == "y");
  CHECK(box.number(1, *box.column("high")) == Approx(0.275));
  CHECK(box.number(0, *box.column("p_value")) < 1e-6);
  const CsvTable trajectory = CsvTable::read(sweep / "prim_trajectory.csv");
  CHECK(trajectory.number(0, *trajectory.column("coverage")) == 1);
  CHECK(trajectory.number(0, *trajectory.column("density")) == Approx(60.0 / 400));

  const auto unknown = run_leverage({"discover", sweep.string(), "--where", "scores_mean >= 1"}, lab.path);
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err ==
        "--where:/: expected a column of points.csv, found \"scores_mean\" (did you mean "
        "\"score_mean\"?)\n");
  const auto malformed = run_leverage({"discover", sweep.string(), "--where", "score_mean >= high"}, lab.path);
  CHECK(malformed.exit_code == 2);
  CHECK(malformed.err.find("expected a number after the operator") != std::string::npos);
  const auto nobody = run_leverage({"discover", sweep.string(), "--where", "score_mean > 5"}, lab.path);
  CHECK(nobody.exit_code == 2);
  CHECK(nobody.err.find("met by 0 of 400 points") != std::string::npos);
}
