// `leverage run --record` and `leverage replay` through the real executable.
#include <stdlib.h>
#include <sys/wait.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include "tests/support/cli_process.hpp"
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct TempDir : leverage::test::TempDir {
  TempDir() : leverage::test::TempDir("leverage-replay") {}
};
using leverage::test::Outcome;
std::string slurp(const fs::path& path) { return leverage::test::read_file(path); }
using leverage::test::run_leverage;

std::size_t lines(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }

const std::string kScenario = std::string(LEVERAGE_SOURCE_DIR) + "/scenarios/belarus_2024.json";

}  // namespace

TEST_CASE("leverage run --record, then leverage replay verifies and prints the summary") {
  TempDir dir;
  const std::string file = (dir.path / "run.lvr").string();
  const Outcome run = run_leverage({"run", kScenario, "--seed", "5", "--out", (dir.path / "out").string(), "--record", file}, dir.path);
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  REQUIRE(fs::exists(file));

  const Outcome replay = run_leverage({"replay", file}, dir.path);
  INFO(replay.err);
  CHECK(replay.exit_code == 0);
  CHECK(replay.err.empty());
  // The same summary as `leverage run` prints, under the replay's name; the run's own first line was
  // "leverage run: belarus_2024, seed 5, 52 weeks" and every following summary line is identical.
  CHECK(replay.out.rfind("leverage replay: belarus_2024, seed 5, 52 weeks\n", 0) == 0);
  const std::string run_rest = run.out.substr(run.out.find('\n'), run.out.find("outputs:") - run.out.find('\n'));
  CHECK(replay.out.find(run_rest) != std::string::npos);
  CHECK(replay.out.find("replay verified") != std::string::npos);

  // --json: the recorded run's summary.json, the same object `leverage run` wrote.
  const Outcome json = run_leverage({"replay", file, "--json"}, dir.path);
  REQUIRE(json.exit_code == 0);
  const auto exported = nlohmann::json::parse(json.out);
  const auto written = nlohmann::json::parse(slurp(dir.path / "out" / "summary.json"));
  CHECK(exported == written);
}

TEST_CASE("a truncated replay file exits 2 with one line naming the file") {
  TempDir dir;
  const std::string file = (dir.path / "run.lvr").string();
  REQUIRE(run_leverage({"run", kScenario, "--quiet", "--out", (dir.path / "out").string(), "--record", file}, dir.path)
              .exit_code == 0);
  const std::string bytes = slurp(file);
  const std::string cut = (dir.path / "cut.lvr").string();
  std::ofstream(cut, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  const Outcome outcome = run_leverage({"replay", cut}, dir.path);
  CHECK(outcome.exit_code == 2);
  CHECK(outcome.out.empty());
  CHECK(lines(outcome.err) == 1);
  CHECK(outcome.err.rfind(cut + ": truncated", 0) == 0);

  const Outcome missing = run_leverage({"replay", (dir.path / "none.lvr").string()}, dir.path);
  CHECK(missing.exit_code == 2);
  CHECK(lines(missing.err) == 1);
}

TEST_CASE("leverage replay --from rebuilds an ensemble member and refuses a changed scenario") {
  TempDir dir;
  const fs::path scenario = dir.path / "scenario.json";
  fs::copy_file(kScenario, scenario);
  const std::string ensemble = (dir.path / "ens").string();
  REQUIRE(run_leverage({"ensemble", scenario.string(), "-n", "4", "--seed", "9", "--threads", "1", "--quiet", "--out", ensemble},
                   dir.path)
              .exit_code == 0);
  const std::string member = (dir.path / "member.lvr").string();
  const Outcome rebuilt = run_leverage({"replay", "--from", ensemble, "--replicate", "2", "--record", member}, dir.path);
  INFO(rebuilt.err);
  CHECK(rebuilt.exit_code == 0);
  CHECK(rebuilt.out.rfind("leverage replay: belarus_2024, seed 9, 52 weeks\n", 0) == 0);
  // The member's replay verifies on its own, with the ensemble's key (seed 9, replicate 2).
  const Outcome json = run_leverage({"replay", member, "--json"}, dir.path);
  REQUIRE(json.exit_code == 0);
  const auto summary = nlohmann::json::parse(json.out);
  CHECK(summary["seed"] == 9);
  CHECK(summary["replicate"] == 2);

  // Replicates are numbered 0..3.
  const Outcome outside = run_leverage({"replay", "--from", ensemble, "--replicate", "4"}, dir.path);
  CHECK(outside.exit_code == 2);
  CHECK(lines(outside.err) == 1);

  // Edit the scenario after the ensemble ran: its hash no longer matches the manifest.
  auto document = nlohmann::json::parse(slurp(scenario));
  document["weeks"] = 40;
  std::ofstream(scenario) << document.dump(2);
  const Outcome refused = run_leverage({"replay", "--from", ensemble, "--replicate", "1"}, dir.path);
  CHECK(refused.exit_code == 2);
  CHECK(lines(refused.err) == 1);
  CHECK(refused.err.find("refusing") != std::string::npos);
}
