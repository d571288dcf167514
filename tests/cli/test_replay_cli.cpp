// `leverage run --record` and `leverage replay` through the real executable.
#include <stdlib.h>
#include <sys/wait.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct TempDir {
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "leverage-replay-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  fs::path path;
};

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string quote(const std::string& word) {
  std::string quoted = "'";
  for (const char c : word) {
    if (c == '\'') {
      quoted.append("'\\''");
    } else {
      quoted.push_back(c);
    }
  }
  quoted.push_back('\'');
  return quoted;
}

struct Outcome {
  int exit_code = -1;
  std::string out, err;
};

Outcome leverage(const std::vector<std::string>& args, const fs::path& scratch) {
  std::string command = quote(LEVERAGE_CLI_PATH);
  for (const auto& arg : args) command.append(" ").append(quote(arg));
  command.append(" </dev/null >").append(quote((scratch / "stdout").string()));
  command.append(" 2>").append(quote((scratch / "stderr").string()));
  const int status = std::system(command.c_str());
  Outcome outcome;
  outcome.exit_code = status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  outcome.out = slurp(scratch / "stdout");
  outcome.err = slurp(scratch / "stderr");
  return outcome;
}

std::size_t lines(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }

const std::string kScenario = std::string(LEVERAGE_SOURCE_DIR) + "/scenarios/belarus_2024.json";

}  // namespace

TEST_CASE("leverage run --record, then leverage replay verifies and prints the summary") {
  TempDir dir;
  const std::string file = (dir.path / "run.lvr").string();
  const Outcome run = leverage({"run", kScenario, "--seed", "5", "--out", (dir.path / "out").string(), "--record", file}, dir.path);
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  REQUIRE(fs::exists(file));

  const Outcome replay = leverage({"replay", file}, dir.path);
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
  const Outcome json = leverage({"replay", file, "--json"}, dir.path);
  REQUIRE(json.exit_code == 0);
  const auto exported = nlohmann::json::parse(json.out);
  const auto written = nlohmann::json::parse(slurp(dir.path / "out" / "summary.json"));
  CHECK(exported == written);
}

TEST_CASE("a truncated replay file exits 2 with one line naming the file") {
  TempDir dir;
  const std::string file = (dir.path / "run.lvr").string();
  REQUIRE(leverage({"run", kScenario, "--quiet", "--out", (dir.path / "out").string(), "--record", file}, dir.path)
              .exit_code == 0);
  const std::string bytes = slurp(file);
  const std::string cut = (dir.path / "cut.lvr").string();
  std::ofstream(cut, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  const Outcome outcome = leverage({"replay", cut}, dir.path);
  CHECK(outcome.exit_code == 2);
  CHECK(outcome.out.empty());
  CHECK(lines(outcome.err) == 1);
  CHECK(outcome.err.rfind(cut + ": truncated", 0) == 0);

  const Outcome missing = leverage({"replay", (dir.path / "none.lvr").string()}, dir.path);
  CHECK(missing.exit_code == 2);
  CHECK(lines(missing.err) == 1);
}

TEST_CASE("leverage replay --from rebuilds an ensemble member and refuses a changed scenario") {
  TempDir dir;
  const fs::path scenario = dir.path / "scenario.json";
  fs::copy_file(kScenario, scenario);
  const std::string ensemble = (dir.path / "ens").string();
  REQUIRE(leverage({"ensemble", scenario.string(), "-n", "4", "--seed", "9", "--threads", "1", "--quiet", "--out", ensemble},
                   dir.path)
              .exit_code == 0);
  const std::string member = (dir.path / "member.lvr").string();
  const Outcome rebuilt = leverage({"replay", "--from", ensemble, "--replicate", "2", "--record", member}, dir.path);
  INFO(rebuilt.err);
  CHECK(rebuilt.exit_code == 0);
  CHECK(rebuilt.out.rfind("leverage replay: belarus_2024, seed 9, 52 weeks\n", 0) == 0);
  // The member's replay verifies on its own, with the ensemble's key (seed 9, replicate 2).
  const Outcome json = leverage({"replay", member, "--json"}, dir.path);
  REQUIRE(json.exit_code == 0);
  const auto summary = nlohmann::json::parse(json.out);
  CHECK(summary["seed"] == 9);
  CHECK(summary["replicate"] == 2);

  // Replicates are numbered 0..3.
  const Outcome outside = leverage({"replay", "--from", ensemble, "--replicate", "4"}, dir.path);
  CHECK(outside.exit_code == 2);
  CHECK(lines(outside.err) == 1);

  // Edit the scenario after the ensemble ran: its hash no longer matches the manifest.
  auto document = nlohmann::json::parse(slurp(scenario));
  document["weeks"] = 40;
  std::ofstream(scenario) << document.dump(2);
  const Outcome refused = leverage({"replay", "--from", ensemble, "--replicate", "1"}, dir.path);
  CHECK(refused.exit_code == 2);
  CHECK(lines(refused.err) == 1);
  CHECK(refused.err.find("refusing") != std::string::npos);
}
