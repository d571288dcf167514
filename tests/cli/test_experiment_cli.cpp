// `leverage experiment` through the real executable: a small plan's steps run into one results
// folder, the analysis script after them, the same bytes at any thread count, --resume keeping
// finished steps, and a bad plan refused before anything runs.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "engine/util/csv_table.hpp"
#include "tests/support/cli_process.hpp"

namespace {

namespace fs = std::filesystem;
using leverage::CsvTable;
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

// A sensitivity experiment in a subfolder of the plan, its scenario given relative to that
// subfolder (as the shipped experiments give theirs): Brussels' deadline from 4 to 16 weeks, and
// Minsk's rationality over the degenerate range [2, 2], so that it never changes. Sobol, N = 8 base
// samples, 4 replicates of 52 weeks; the plan's step patches it to 30 weeks (in 8 weeks every
// deadline releases the same 210: nothing would vary) and --quick to 2 replicates. `step_changes`
// is merged into the plan's step (RFC 7386).
void write_sensitivity_plan(const fs::path& folder, const nlohmann::json& step_changes = nlohmann::json::object()) {
  fs::create_directories(folder / "sub");
  const std::string scenario =
      fs::relative(fs::path(kSource) / "scenarios" / "belarus_2024.json", fs::absolute(folder / "sub"))
          .generic_string();
  write_file(folder / "sub" / "indices.json", R"({
    "scenario": ")" + scenario + R"(",
    "parameters": [
      {"name": "deadline_weeks", "pointer": "/actors/2/actions/1/ultimatum/deadline_weeks", "min": 4, "max": 16},
      {"name": "rationality", "pointer": "/actors/0/rule/params/rationality", "min": 2, "max": 2, "integer": false}],
    "replicates": 4, "seed": 3,
    "sensitivity": {"sobol": {"base_samples": 8}, "bootstrap": {"resamples": 50}}})");
  nlohmann::json step = {{"id", "indices"},
                         {"kind", "sensitivity"},
                         {"file", "sub/indices.json"},
                         {"method", "sobol"},
                         {"outcomes",
                          {"gross_releases", "twice=gross_releases+gross_releases",
                           "p_success=u1_share_complied_threat+u1_share_complied_after_imposition"}},
                         {"patch", {{"weeks", 30}}},
                         {"quick", {{"replicates", 2}}}};
  step.merge_patch(step_changes);
  const nlohmann::json plan = {{"question", "Which input moves the releases?"}, {"steps", {step}}};
  write_file(folder / "plan.json", plan.dump(2));
}

}  // namespace

TEST_CASE("leverage experiment runs a sensitivity step as leverage sensitivity does", "[cli][experiment]") {
  TempDir dir;
  const fs::path study = dir.path / "study", out1 = dir.path / "one", out2 = dir.path / "two";
  write_sensitivity_plan(study);
  const auto one = run_leverage(
      {"experiment", study.string(), "--quick", "--threads", "1", "--out", out1.string(), "--quiet"}, dir.path);
  INFO(one.err);
  REQUIRE(one.exit_code == 0);
  const fs::path step = out1 / "indices";
  // The design: N (D + 2) = 8 (2 + 2) = 32 points, each run with the patched 30 weeks and the quick 2 replicates.
  const CsvTable design = CsvTable::read(step / "design.csv");
  REQUIRE(design.rows() == 32);
  for (std::size_t r = 0; r < design.rows(); ++r) CHECK(design.number(r, 1) == 2);
  const auto manifest = nlohmann::json::parse(read_file(step / "manifest.json"));
  CHECK(manifest["points"] == 32);
  CHECK(manifest["replicates"] == 2);
  CHECK(manifest["weeks"] == 30);
  // The relative scenario still resolves against sub/, the file's own folder, though the text ran is
  // the patched copy: the derived sweep experiment in the step's folder names the same file.
  const auto derived = nlohmann::json::parse(read_file(step / "experiment.json"));
  CHECK(fs::equivalent(step / derived["scenario"].get<std::string>(),
                       fs::path(kSource) / "scenarios" / "belarus_2024.json"));

  // Three outcomes x two parameters, in the order given.
  const CsvTable indices = CsvTable::read(step / "sobol_indices.csv");
  REQUIRE(indices.rows() == 6);
  const std::vector<std::string> outcomes = {"gross_releases_mean", "twice", "p_success"};
  for (std::size_t r = 0; r < 6; ++r) {
    CHECK(indices.cell(r, 0) == outcomes[r / 2]);
    CHECK(indices.cell(r, 1) == (r % 2 == 0 ? "deadline_weeks" : "rationality"));
    CHECK(indices.number(r, *indices.column("base_samples")) == 8);
  }
  // The rationality never changes, so A and AB_rationality are the same point on the same streams
  // (common random numbers): f_ABi = f_A in every base row, hence ST = (1/2N) sum (f_A - f_ABi)^2 / V
  // = 0 and S1 = (1/N) sum f_B (f_ABi - f_A) / V = 0 exactly, for every outcome that varies.
  for (const std::size_t r : {1, 3, 5})
    for (const char* column : {"S1", "S1_ci_low", "S1_ci_high", "ST", "ST_ci_low", "ST_ci_high"})
      CHECK(indices.number(r, *indices.column(column)) == 0);
  // Twice the releases has the releases' indices, digit for digit: an index is a ratio of sums of
  // products of centred outputs, unchanged by scaling the output, and doubling is exact in binary
  // floating point.
  for (std::size_t c = 2; c < indices.header().size(); ++c) {
    CHECK(indices.cell(0, c) == indices.cell(2, c));
    CHECK(indices.cell(1, c) == indices.cell(3, c));
  }
  CHECK(fs::exists(step / "sobol_convergence.csv"));
  const auto record = nlohmann::json::parse(read_file(step / "step.json"));
  CHECK(record["kind"] == "sensitivity");
  CHECK(record["method"] == "sobol");
  CHECK(record["file"] == "sub/indices.json");
  const auto sensitivity = nlohmann::json::parse(read_file(step / "sensitivity.json"));
  CHECK(sensitivity["experiment_hash"] == record["text_hash"]);  // the hash of the patched text that ran

  // Same bytes on two threads (all but the sweep manifest's run object).
  REQUIRE(run_leverage({"experiment", study.string(), "--quick", "--threads", "2", "--out", out2.string(), "--quiet"},
                       dir.path)
              .exit_code == 0);
  for (const std::string file : {"design.csv", "experiment.json", "points.csv", "sobol_indices.csv",
                                 "sobol_convergence.csv", "sensitivity.json", "step.json"})
    CHECK(read_file(out1 / "indices" / file) == read_file(out2 / "indices" / file));

  // `leverage sensitivity` on a file holding the patched text gives the same indices: one code path.
  auto patched = nlohmann::json::parse(read_file(study / "sub" / "indices.json"));
  patched["weeks"] = 30;
  patched["replicates"] = 2;
  write_file(study / "sub" / "patched.json", patched.dump());
  const auto direct =
      run_leverage({"sensitivity", (study / "sub" / "patched.json").string(), "--method", "sobol", "--outcome",
                    "gross_releases", "--outcome", "twice=gross_releases+gross_releases", "--outcome",
                    "p_success=u1_share_complied_threat+u1_share_complied_after_imposition", "--out",
                    (dir.path / "direct").string(), "--quiet"},
                   dir.path);
  REQUIRE(direct.exit_code == 0);
  for (const std::string file : {"design.csv", "points.csv", "sobol_indices.csv", "sobol_convergence.csv"})
    CHECK(read_file(dir.path / "direct" / file) == read_file(step / file));

  // --resume keeps the step while its text and settings are the same...
  const auto kept =
      run_leverage({"experiment", study.string(), "--quick", "--out", out1.string(), "--resume"}, dir.path);
  REQUIRE(kept.exit_code == 0);
  CHECK_THAT(kept.out, Catch::Matchers::Contains("step indices: done before, kept"));
  // ... and runs it again when a setting outside the text changes: Jansen's first-order estimator.
  write_sensitivity_plan(study, {{"estimator", "jansen"}});
  const auto rerun =
      run_leverage({"experiment", study.string(), "--quick", "--out", out1.string(), "--resume"}, dir.path);
  REQUIRE(rerun.exit_code == 0);
  CHECK_THAT(rerun.out, Catch::Matchers::Contains("step indices (sensitivity)"));
  CHECK(nlohmann::json::parse(read_file(step / "step.json"))["estimator"] == "jansen");
}

TEST_CASE("leverage experiment refuses a bad sensitivity step before running anything", "[cli][experiment]") {
  TempDir dir;
  const fs::path study = dir.path / "study", out = dir.path / "results";
  const auto refused = [&](const std::string& step_changes) {
    write_sensitivity_plan(study, nlohmann::json::parse(step_changes));
    const auto outcome = run_leverage({"experiment", study.string(), "--out", out.string()}, dir.path);
    CHECK(outcome.exit_code == 2);
    CHECK_FALSE(fs::exists(out));
    return outcome.err;
  };
  CHECK_THAT(refused(R"({"method": "fast"})"),
             Catch::Matchers::Contains("plan.json:/steps/0/method: expected one of \"sobol\", \"morris\", found "
                                       "\"fast\""));
  CHECK_THAT(refused(R"({"second_order": 1})"),
             Catch::Matchers::Contains("plan.json:/steps/0/second_order: expected a boolean"));
  CHECK_THAT(refused(R"({"estimater": "jansen"})"),
             Catch::Matchers::Contains("plan.json:/steps/0/estimater: expected one of the keys"));
  // An outcome that is no column of the sweep: found before the sweep runs, with a did-you-mean.
  CHECK_THAT(refused(R"({"outcomes": ["gross_release"]})"),
             Catch::Matchers::Contains("plan.json:/steps/0/outcomes/0: expected a column of points.csv"));
  CHECK_THAT(refused(R"({"outcomes": ["gross_release"]})"),
             Catch::Matchers::Contains("(did you mean \"gross_releases\"?)"));
  // The sensitivity file's own mistakes, at its keys: a design (the method places the points) and a
  // misspelled pointer of the base scenario.
  CHECK_THAT(refused(R"({"patch": {"design": {"kind": "grid"}}})"),
             Catch::Matchers::Contains("indices.json:/design: expected no \"design\""));
  CHECK_THAT(
      refused(
          R"({"patch": {"parameters": [{"pointer": "/actors/2/actions/1/ultimatum/deadline_week", "min": 4, "max": 8}]}})"),
      Catch::Matchers::Contains("indices.json:/parameters/0/pointer: expected a JSON pointer"));
}

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
  // A solve step's `set` is part of its record: another penalty reruns it, and only it.
  {
    std::string plan = read_file(dir.path / "study" / "plan.json");
    const std::string from = "/variables/penalty=9", to = "/variables/penalty=4";
    REQUIRE(plan.find(from) != std::string::npos);
    plan.replace(plan.find(from), from.size(), to);
    write_file(dir.path / "study" / "plan.json", plan);
  }
  const auto changed = run_leverage(
      {"experiment", (dir.path / "study").string(), "--quick", "--out", out1.string(), "--resume"}, dir.path);
  REQUIRE(changed.exit_code == 0);
  CHECK_THAT(changed.out, Catch::Matchers::Contains("step grid: done before, kept"));
  CHECK_THAT(changed.out, !Catch::Matchers::Contains("step nash: done before, kept"));
  // Penalty 4: Warsaw inspects with probability gain / (gain + penalty) = 1 / (1 + 4) = 1/5 (the gain is
  // 1, as the 1/10 at penalty 9 above implies).
  const auto resolved = nlohmann::json::parse(read_file(out1 / "nash" / "solution.json"));
  CHECK(resolved["equilibria"][0]["strategies"][0]["actions"]["inspect"].get<double>() == Approx(0.2).epsilon(1e-12));
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
