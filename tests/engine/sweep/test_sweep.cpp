// Running sweeps: rows by point id, the same bytes for 1 and 2 threads, for three shards merged, and
// for a run killed with SIGKILL and resumed, through the real executable.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "engine/sweep/sweep.hpp"
#include "tests/support/cli_process.hpp"
#include "tests/support/lab.hpp"

using namespace leverage;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

fs::path fresh(const std::string& name) {
  const auto dir = fs::temp_directory_path() / ("leverage-sweep-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// A small sweep: deadline 4, 6, ..., 14 (6 points) on the shipped scenario, 8 weeks, few replicates.
json small_experiment(int points = 6, int replicates = 6, int weeks = 8, int block_points = 2) {
  json deadlines = json::array();
  for (int i = 0; i < points; ++i) deadlines.push_back(4 + 2 * (i % 6));
  return {{"name", "small"},
          {"scenario", test::source_path("scenarios/belarus_2024.json")},
          {"parameters",
           {{{"name", "deadline_weeks"},
             {"pointer", "/actors/2/actions/1/ultimatum/deadline_weeks"},
             {"values", deadlines}}}},
          {"design", {{"kind", "grid"}}},
          {"replicates", replicates},
          {"weeks", weeks},
          {"block_points", block_points},
          {"seed", 11}};
}

Experiment load(const fs::path& dir, const json& document) {
  const auto path = dir / "experiment.json";
  std::ofstream(path) << document.dump(2);
  return load_experiment(path);
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

json manifest_without_run(const fs::path& path) {
  json manifest = json::parse(slurp(path));
  manifest.erase("run");
  return manifest;
}

}  // namespace

TEST_CASE("a sweep writes a row per point, by point id, the same bytes with 1, 2 and 3 threads") {
  const auto dir = fresh("threads");
  // 300 replicates, more than the ensemble's chunk of 256, so that with 3 threads and blocks of 2
  // points (one point at a time on all threads) a point's replicates really are split.
  const Experiment e = load(dir, small_experiment(6, 300, 4, 2));
  std::vector<std::string> csv;
  for (int threads : {1, 2, 3}) {
    SweepOptions options;
    options.threads = threads;
    options.out = dir / (threads == 1 ? "one" : threads == 2 ? "two" : "three");
    const SweepResult result = run_sweep(e, options);
    CHECK(result.complete);
    CHECK(result.blocks == 3);  // 6 points in blocks of 2
    csv.push_back(slurp(options.out / "points.csv"));
    CHECK_FALSE(fs::exists(options.out / ".partial"));
  }
  CHECK(csv[0] == csv[1]);
  CHECK(csv[0] == csv[2]);
  const auto rows = lines(csv[0]);
  REQUIRE(rows.size() == 7);
  CHECK(rows[0].rfind("point,deadline_weeks,gross_releases_mean,gross_releases_sd,gross_releases_ci95_low,", 0) == 0);
  CHECK(rows[0].find("u1_share_complied_threat") != std::string::npos);
  for (int i = 0; i < 6; ++i)
    CHECK(rows[i + 1].rfind(std::to_string(i) + "," + std::to_string(4 + 2 * i) + ",", 0) == 0);
  fs::remove_all(dir);
}

TEST_CASE("work units: guided runs of whole points, then the last points split into one part per worker") {
  using U = WorkUnit;
  // 16 points, 2 workers, largest 8: the last 2 points (14, 15) are split, so 14 are whole. Divisor
  // 4 x 2 = 8: remaining 14, 12, 10 give ceil(14/8) = ceil(12/8) = ceil(10/8) = 2 points; from 8
  // remaining on, 1 point (points 6 to 13). Then points 14 and 15 in parts 0 and 1 of 2.
  std::vector<U> expected{{0, 2, 0, 1}, {2, 4, 0, 1}, {4, 6, 0, 1}};
  for (std::size_t i = 6; i < 14; ++i) expected.push_back({i, i + 1, 0, 1});
  for (std::size_t i = 14; i < 16; ++i)
    for (std::uint64_t part = 0; part < 2; ++part) expected.push_back({i, i + 1, part, 2});
  CHECK(work_units(16, 2000, 2, 8) == expected);
  // 100 points, 1 worker: nothing is split; divisor 4, largest 8: ceil(remaining/4) >= 8 while
  // remaining > 28, so nine units of 8 (remaining 100, 92, ..., 36) reach 72; then remaining
  // 28 -> 7, 21 -> 6, 15 -> 4, 11 -> 3, 8 -> 2, 6 -> 2, 4 -> 1, 3 -> 1, 2 -> 1, 1 -> 1.
  const std::vector<std::size_t> starts{0, 8, 16, 24, 32, 40, 48, 56, 64, 72, 79, 85, 89, 92, 94, 96, 97, 98, 99, 100};
  expected.clear();
  for (std::size_t k = 0; k + 1 < starts.size(); ++k) expected.push_back({starts[k], starts[k + 1], 0, 1});
  CHECK(work_units(100, 50, 1, 8) == expected);
  // 2 points on 3 workers: both split, in 3 parts each; with 2 replicates, at most 2 parts each.
  CHECK(work_units(2, 10, 3, 8) == std::vector<U>{{0, 1, 0, 3}, {0, 1, 1, 3}, {0, 1, 2, 3},
                                                  {1, 2, 0, 3}, {1, 2, 1, 3}, {1, 2, 2, 3}});
  CHECK(work_units(2, 2, 3, 8) == std::vector<U>{{0, 1, 0, 2}, {0, 1, 1, 2}, {1, 2, 0, 2}, {1, 2, 1, 2}});
  // One replicate: a "part" of 1 is the whole point. No points: no units.
  CHECK(work_units(2, 1, 2, 8) == std::vector<U>{{0, 1, 0, 1}, {1, 2, 0, 1}});
  CHECK(work_units(0, 10, 3, 8).empty());
}

TEST_CASE("a point run in parts gives the row of the point run whole") {
  const auto dir = fresh("parts");
  const Experiment e = load(dir, small_experiment(2, 7, 6, 1));
  // 7 replicates in parts [0, 3) and [3, 7) (7 * 1 / 2 = 3), concatenated in replicate order.
  auto rows = run_point_part(e, 1, 0, 3, 1, false);
  const auto second = run_point_part(e, 1, 3, 7, 2, false);
  CHECK(rows.size() * 4 == second.size() * 3);  // 3 and 4 replicates of the same width
  rows.insert(rows.end(), second.begin(), second.end());
  const std::size_t point = 1;
  CHECK(point_row_from_replicates(e, 1, rows) == run_points(e, std::span<const std::size_t>(&point, 1), 1, false)[0]);
  // A part from another replicate range is another row (the test can fail).
  auto shifted = run_point_part(e, 1, 1, 8, 1, false);
  CHECK(point_row_from_replicates(e, 1, shifted) != point_row_from_replicates(e, 1, rows));
  fs::remove_all(dir);
}

TEST_CASE("common random numbers: equal points give equal rows unless --independent-points") {
  const auto dir = fresh("crn");
  json document = small_experiment();
  document["parameters"][0]["values"] = {12, 12};
  const Experiment e = load(dir, document);
  SweepOptions options;
  options.out = dir / "crn";
  run_sweep(e, options);
  auto rows = lines(slurp(options.out / "points.csv"));
  // Same values and point id 0 in every stream: the rows differ only in the point column.
  CHECK(rows[1].substr(rows[1].find(',')) == rows[2].substr(rows[2].find(',')));
  options.independent_points = true;
  options.out = dir / "independent";
  run_sweep(e, options);
  rows = lines(slurp(options.out / "points.csv"));
  CHECK(rows[1].substr(rows[1].find(',')) != rows[2].substr(rows[2].find(',')));
  fs::remove_all(dir);
}

TEST_CASE("shards 1/3, 2/3 and 3/3 merged give the bytes of a single run") {
  const auto dir = fresh("shards");
  const Experiment e = load(dir, small_experiment(7, 5, 8, 2));  // 7 points: shards of 3, 2 and 2
  SweepOptions single;
  single.out = dir / "single";
  run_sweep(e, single);
  for (std::uint64_t k : {3, 1, 2}) {  // in any order
    SweepOptions options;
    options.out = dir / "shards";
    options.shard = k;
    options.shards = 3;
    const SweepResult result = run_sweep(e, options);
    CHECK(result.points == (k == 1 ? 3u : 2u));
    CHECK(fs::exists(options.out / ("points.shard-" + std::to_string(k) + "-of-3.csv")));
  }
  merge_shards({dir / "shards"}, dir / "merged");
  CHECK(slurp(dir / "merged" / "points.csv") == slurp(dir / "single" / "points.csv"));
  CHECK(manifest_without_run(dir / "merged" / "manifest.json") ==
        manifest_without_run(dir / "single" / "manifest.json"));
  // A missing shard is an error, not a short table.
  fs::remove(dir / "shards" / "points.shard-2-of-3.csv");
  CHECK_THROWS_WITH(merge_shards({dir / "shards"}, dir / "merged2"), Catch::Matchers::Contains("no shard 2"));
  fs::remove_all(dir);
}

TEST_CASE("a stopped sweep (SIGINT) keeps its finished blocks and --resume completes it") {
  const auto dir = fresh("stop");
  const Experiment e = load(dir, small_experiment());
  SweepOptions whole;
  whole.out = dir / "whole";
  run_sweep(e, whole);
  volatile std::sig_atomic_t stop = 0;
  SweepOptions options;
  options.out = dir / "stopped";
  options.stop = &stop;
  options.progress = [&](std::uint64_t, std::uint64_t) { stop = 1; };  // stop during the first block
  SweepResult result = run_sweep(e, options);
  CHECK_FALSE(result.complete);
  CHECK(result.blocks_done == 1);
  CHECK_FALSE(fs::exists(options.out / "points.csv"));
  stop = 0;
  options.progress = nullptr;
  options.resume = true;
  // Blocks of another plan are never mixed in: other random streams make another sweep.
  SweepOptions other = options;
  other.independent_points = true;
  CHECK_THROWS_WITH(run_sweep(e, other), Catch::Matchers::Contains("a partial run of another plan"));
  result = run_sweep(e, options);
  CHECK(result.complete);
  CHECK(result.blocks_reused == 1);
  CHECK(result.blocks_done == 2);
  CHECK(slurp(options.out / "points.csv") == slurp(whole.out / "points.csv"));
  fs::remove_all(dir);
}

namespace {

// Starts `leverage sweep EXPERIMENT --threads 1 --quiet --out OUT` in a child process.
pid_t start_cli_sweep(const fs::path& experiment, const fs::path& out) {
  return test::start_leverage({"sweep", experiment.string(), "--threads", "1", "--quiet", "--out", out.string()});
}

int blocks_on_disk(const fs::path& partial) {
  int count = 0;
  if (fs::exists(partial))
    for (const auto& entry : fs::directory_iterator(partial))
      count += entry.path().filename().string().rfind("block-", 0) == 0;  // temporaries start with '.'
  return count;
}

// Waits until `blocks` block files exist, then sends `signal_number`; returns the wait status.
int signal_after_blocks(pid_t child, const fs::path& partial, int blocks, int signal_number) {
  return test::signal_when(child, [&] { return blocks_on_disk(partial) >= blocks; }, signal_number);
}

// Runs `leverage sweep ... --resume` to completion and returns K of "resumed: K of 30 blocks already done".
int resume_cli_sweep(const fs::path& experiment, const fs::path& out, const fs::path& log) {
  const std::string cli = LEVERAGE_CLI_PATH;
  const std::string resume = cli + " sweep " + experiment.string() + " --threads 2 --quiet --resume --out " +
                             out.string() + " > " + log.string();
  REQUIRE(std::system(resume.c_str()) == 0);
  const std::string said = slurp(log);
  const auto at = said.find("resumed: ");
  REQUIRE(at != std::string::npos);
  CHECK(said.find(" of 30 blocks already done") != std::string::npos);
  return std::stoi(said.substr(at + 9));
}

}  // namespace

TEST_CASE("a sweep killed with SIGKILL or stopped with SIGINT, rerun with --resume, writes the bytes of one run") {
  const auto dir = fresh("kill");
  // 30 points of 40 replicates of 52 weeks, a block per point: long enough to signal mid-way.
  const auto path = dir / "experiment.json";
  std::ofstream(path) << small_experiment(30, 40, 52, 1).dump(2);
  const std::string cli = LEVERAGE_CLI_PATH;
  const std::string whole = cli + " sweep " + path.string() + " --threads 1 --quiet --out " + (dir / "whole").string();
  REQUIRE(std::system(whole.c_str()) == 0);

  SECTION("SIGKILL") {
    const fs::path killed = dir / "killed";
    const int status = signal_after_blocks(start_cli_sweep(path, killed), killed / ".partial" / "all", 3, SIGKILL);
    CHECK(WIFSIGNALED(status));
    const int saved = blocks_on_disk(killed / ".partial" / "all");
    CHECK(saved >= 3);
    CHECK(saved < 30);
    CHECK_FALSE(fs::exists(killed / "points.csv"));
    // Completed blocks are not redone: at least those seen after the kill are reused.
    CHECK(resume_cli_sweep(path, killed, dir / "resume.txt") >= saved);
    CHECK(slurp(killed / "points.csv") == slurp(dir / "whole" / "points.csv"));
    CHECK_FALSE(fs::exists(killed / ".partial"));
  }
  SECTION("SIGINT") {
    const fs::path stopped = dir / "stopped";
    const int status = signal_after_blocks(start_cli_sweep(path, stopped), stopped / ".partial" / "all", 2, SIGINT);
    // The block in progress is finished and written, then the run exits with 130.
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 130);
    const int saved = blocks_on_disk(stopped / ".partial" / "all");
    CHECK(saved >= 2);
    CHECK_FALSE(fs::exists(stopped / "points.csv"));
    CHECK(resume_cli_sweep(path, stopped, dir / "resume.txt") == saved);
    CHECK(slurp(stopped / "points.csv") == slurp(dir / "whole" / "points.csv"));
  }
  fs::remove_all(dir);
}
