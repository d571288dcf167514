// `leverage ensemble` killed with SIGKILL or stopped with SIGINT, rerun with --resume: the bytes of one
// uninterrupted run (all but the manifest's `run` object), and a resume of another plan refused.
#include <catch2/catch.hpp>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "engine/model/scenario_loader.hpp"
#include "tests/support/cli_process.hpp"
#include "tests/support/lab.hpp"

using namespace leverage;
namespace fs = std::filesystem;

namespace {

// 6,000 replicates of 26 weeks, paired: 24 chunks of 256, long enough to signal mid-way.
std::vector<std::string> ensemble_args(const fs::path& out, const std::string& threads, const std::string& seed = "5") {
  return {"ensemble", test::source_path("scenarios/belarus_2024.json"), "-n", "6000", "--weeks", "26", "--seed", seed,
          "--paired", test::source_path("scenarios/baseline_no_ultimatum.json"), "--keep", "2", "--threads", threads,
          "--quiet", "--checkpoint-seconds", "0", "--out", out.string()};
}

std::map<std::string, std::string> outputs(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const char* name : {"outcomes.csv", "stats.json", "bands.csv", "paired.csv", "paired_stats.json"})
    files[name] = test::read_file(dir / name);
  auto manifest = nlohmann::ordered_json::parse(test::read_file(dir / "manifest.json"));
  manifest.erase("run");
  files["manifest.json"] = manifest.dump(2);
  return files;
}

// Reruns with --resume to completion; returns K of "resumed: K of 24 chunks already done".
int resume(const fs::path& out, const fs::path& scratch) {
  auto args = ensemble_args(out, "2");
  args.push_back("--resume");
  const auto ran = test::run_leverage(args, scratch);
  INFO(ran.err);
  REQUIRE(ran.exit_code == 0);
  const auto at = ran.out.find("resumed: ");
  REQUIRE(at != std::string::npos);
  CHECK(ran.out.find(" of 24 chunks already done") != std::string::npos);
  return std::stoi(ran.out.substr(at + 9));
}

}  // namespace

TEST_CASE("an ensemble killed with SIGKILL or stopped with SIGINT, rerun with --resume, writes the bytes of one run") {
  test::TempDir scratch("leverage-ensemble-resume");
  const fs::path whole = scratch.path / "whole";
  REQUIRE(test::run_leverage(ensemble_args(whole, "1"), scratch.path).exit_code == 0);
  const auto expected = outputs(whole);
  // The manifest records --keep and --paired (the paired scenario's file and hash).
  const auto manifest = nlohmann::json::parse(test::read_file(whole / "manifest.json"));
  CHECK(manifest["keep"] == 2);
  CHECK(manifest["paired"]["scenario_file"] == test::source_path("scenarios/baseline_no_ultimatum.json"));
  CHECK(manifest["paired"]["config_hash"] ==
        load_scenario(test::source_path("scenarios/baseline_no_ultimatum.json"))->config_hash);

  const auto checkpointed = [](const fs::path& out) {
    return [out] { return fs::exists(out / ".partial" / "ensemble" / "checkpoint.bin"); };
  };
  SECTION("SIGKILL") {
    const fs::path killed = scratch.path / "killed";
    const int status = test::signal_when(test::start_leverage(ensemble_args(killed, "1")), checkpointed(killed), SIGKILL);
    CHECK(WIFSIGNALED(status));
    CHECK_FALSE(fs::exists(killed / "outcomes.csv"));
    const int reused = resume(killed, scratch.path);
    CHECK(reused >= 1);  // the checkpoint seen before the kill covers at least one chunk
    CHECK(reused < 24);
    CHECK(outputs(killed) == expected);
    CHECK(fs::exists(killed / "replays" / "replicate-000001.lvr"));
    CHECK_FALSE(fs::exists(killed / ".partial"));
  }
  SECTION("SIGINT") {
    const fs::path stopped = scratch.path / "stopped";
    const int status = test::signal_when(test::start_leverage(ensemble_args(stopped, "2")), checkpointed(stopped), SIGINT);
    // The chunks in progress are finished and saved, then the run exits with 130.
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 130);
    CHECK_FALSE(fs::exists(stopped / "outcomes.csv"));
    // Another seed is refused before anything is touched, naming what differs.
    auto other_seed = ensemble_args(stopped, "2", "6");
    other_seed.push_back("--resume");
    const auto refused = test::run_leverage(other_seed, scratch.path);
    CHECK(refused.exit_code == 2);
    CHECK_THAT(refused.err, Catch::Matchers::Contains("/master_seed") && Catch::Matchers::Contains("another plan"));
    const int reused = resume(stopped, scratch.path);
    CHECK(reused >= 1);
    CHECK(reused < 24);
    CHECK(outputs(stopped) == expected);
  }
}
