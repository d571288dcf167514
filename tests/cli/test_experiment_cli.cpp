// `leverage experiment` through the real executable: a small plan's steps run into one results
// folder, the analysis script after them, the same bytes at any thread count, --resume keeping
// finished steps, and a bad plan refused before anything runs.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/support/cli_process.hpp"

namespace {

namespace fs = std::filesystem;
using leverage::test::read_file;
using leverage::test::run_leverage;
using leverage::test::TempDir;
using leverage::test::write_file;

const std::string kSource = LEVERAGE_SOURCE_DIR;

// Two steps: a sweep of two deadlines x 3 replicates over 10 weeks, and the inspection game solved
// at penalty 9. The analysis script copies the sweep's point ids and deadlines into summary.csv and
// records that it saw --quick.
void write_plan(const fs::path& folder) {
  fs::create_directories(folder);
  write_file(folder / "grid.json", R"({
    "scenario": ")" + kSource + R"(/scenarios/belarus_2024.json",
    "parameters": [{"name": "deadline_weeks", "pointer": "/actors/2/actions/1/ultimatum/deadline_weeks", "values": [4, 8]}],
    "design": {"kind": "grid"}, "replicates": 40, "weeks": 10, "seed": 5})");
  write_file(folder / "plan.json", R"({
    "question": "Does a plan run?",
    "steps": [
      {"id": "grid", "kind": "sweep", "file": "grid.json", "quick": {"replicates": 3}},
      {"id": "nash", "kind": "solve", "file": ")" +
                                       kSource + R"(/scenarios/games/inspection.json", "set": ["/variables/penalty=9"]}
    ],
    "analysis": "analyze.py"})");
  write_file(folder / "analyze.py", R"(import sys, csv, os
results = sys.argv[1]
rows = list(csv.DictReader(open(os.path.join(results, "grid", "points.csv"))))
with open(os.path.join(results, "summary.csv"), "w") as f:
    f.write("point,deadline_weeks,quick\n")
    for r in rows:
        f.write(r["point"] + "," + r["deadline_weeks"] + "," + str("--quick" in sys.argv) + "\n")
)");
}

}  // namespace

TEST_CASE("leverage experiment runs the steps, then the analysis", "[cli][experiment]") {
  TempDir dir;
  write_plan(dir.path / "study");
  const fs::path out1 = dir.path / "one", out2 = dir.path / "two";
  const auto one = run_leverage(
      {"experiment", (dir.path / "study").string(), "--quick", "--threads", "1", "--out", out1.string(), "--quiet"},
      dir.path);
  INFO(one.err);
  REQUIRE(one.exit_code == 0);
  // The quick patch made it 3 replicates a point; two points, in point order.
  const auto manifest = nlohmann::json::parse(read_file(out1 / "grid" / "manifest.json"));
  CHECK(manifest["replicates"] == 3);
  CHECK(read_file(out1 / "summary.csv") == "point,deadline_weeks,quick\n0,4,True\n1,8,True\n");
  // The solve step: penalty 9, so Warsaw inspects with probability gain / (gain + penalty) = 1/10
  // (tests/cli/test_solve_cli.cpp derives it).
  const auto solution = nlohmann::json::parse(read_file(out1 / "nash" / "solution.json"));
  CHECK(solution["equilibria"][0]["strategies"][0]["actions"]["inspect"].get<double>() == Approx(0.1).epsilon(1e-12));
  const auto experiment = nlohmann::json::parse(read_file(out1 / "manifest.json"));
  CHECK(experiment["quick"] == true);
  CHECK(experiment["steps"].size() == 2);
  CHECK(experiment["steps"][0]["id"] == "grid");

  // Same bytes on two threads (all but the manifests' run objects).
  REQUIRE(run_leverage({"experiment", (dir.path / "study").string(), "--quick", "--threads", "2", "--out",
                        out2.string(), "--quiet"},
                       dir.path)
              .exit_code == 0);
  CHECK(read_file(out1 / "grid" / "points.csv") == read_file(out2 / "grid" / "points.csv"));
  CHECK(read_file(out1 / "nash" / "solution.json") == read_file(out2 / "nash" / "solution.json"));
  CHECK(read_file(out1 / "summary.csv") == read_file(out2 / "summary.csv"));

  // --resume keeps the finished steps whose text is unchanged.
  const auto resumed = run_leverage(
      {"experiment", (dir.path / "study").string(), "--quick", "--out", out1.string(), "--resume"}, dir.path);
  REQUIRE(resumed.exit_code == 0);
  CHECK_THAT(resumed.out, Catch::Matchers::Contains("step grid: done before, kept"));
  CHECK_THAT(resumed.out, Catch::Matchers::Contains("step nash: done before, kept"));
  // Not quick: another text (40 replicates), so the sweep runs again even with --resume.
  const auto full = run_leverage(
      {"experiment", (dir.path / "study").string(), "--out", out1.string(), "--resume", "--threads", "2"}, dir.path);
  REQUIRE(full.exit_code == 0);
  CHECK_THAT(full.out, Catch::Matchers::Contains("step grid (sweep)"));
  CHECK(nlohmann::json::parse(read_file(out1 / "grid" / "manifest.json"))["replicates"] == 40);
}

TEST_CASE("leverage experiment refuses a bad plan before running anything", "[cli][experiment]") {
  TempDir dir;
  write_plan(dir.path / "study");
  // A typo in the second step's sweep pointer... here in the first step's file, found before any step runs.
  write_file(dir.path / "study" / "grid.json", R"({
    "scenario": ")" + kSource + R"(/scenarios/belarus_2024.json",
    "parameters": [{"pointer": "/actors/2/actions/1/ultimatum/deadline_week", "values": [4, 8]}],
    "design": {"kind": "grid"}, "replicates": 4})");
  const fs::path out = dir.path / "results";
  const auto outcome = run_leverage({"experiment", (dir.path / "study").string(), "--out", out.string()}, dir.path);
  CHECK(outcome.exit_code == 2);
  CHECK_THAT(outcome.err, Catch::Matchers::Contains("grid.json:/parameters/0/pointer: expected a JSON pointer"));
  CHECK_THAT(outcome.err, Catch::Matchers::Contains("did you mean \"deadline_weeks\""));
  CHECK_FALSE(fs::exists(out));

  // A solver option with a typo is refused at its key, before anything runs.
  write_plan(dir.path / "study");
  write_file(dir.path / "study" / "plan.json", R"({"question": "q", "steps": [
      {"id": "qre", "kind": "solve", "file": ")" + kSource +
                                                   R"(/scenarios/games/inspection.json", "solver": "qre",
       "options": {"lambda_mx": 1}}]})");
  const auto option = run_leverage({"experiment", (dir.path / "study").string(), "--out", out.string()}, dir.path);
  CHECK(option.exit_code == 2);
  CHECK_THAT(option.err, Catch::Matchers::Contains("plan.json:/steps/0/options/lambda_mx: expected one of the keys"));
  CHECK_THAT(option.err, Catch::Matchers::Contains("did you mean \"lambda_max\""));
  CHECK_FALSE(fs::exists(out));

  // An analysis script that fails makes the command fail (exit 1), after the steps are written.
  write_plan(dir.path / "study");
  write_file(dir.path / "study" / "analyze.py", "raise SystemExit(4)\n");
  const auto failed = run_leverage(
      {"experiment", (dir.path / "study").string(), "--quick", "--out", out.string(), "--quiet"}, dir.path);
  CHECK(failed.exit_code == 1);
  CHECK_THAT(failed.err, Catch::Matchers::Contains("failed (exit 4)"));
  CHECK(fs::exists(out / "grid" / "points.csv"));
}
