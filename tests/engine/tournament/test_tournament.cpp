// The tournament machinery: `leverage tournament` on scenarios/tournament_small.json is
// deterministic (the same bytes twice and on 1 or 2 threads), its rows obey what can be checked by
// hand, and a bad rule in the plan is reported at its entry.
#include <catch2/catch.hpp>

#include "engine/config/json_reader.hpp"
#include "engine/model/scenario_loader.hpp"
#include "engine/tournament/tournament.hpp"
#include "tests/support/cli_process.hpp"
#include "tests/support/lab.hpp"

using namespace leverage;

namespace {

// Rows of the CSV as maps from column name to field (no quoted fields in this table).
std::vector<std::map<std::string, std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> lines;
  std::string field;
  std::vector<std::string> line;
  for (const char c : text) {
    if (c == ',' || c == '\n') {
      line.push_back(field);
      field.clear();
      if (c == '\n') lines.push_back(std::move(line)), line.clear();
    } else {
      field.push_back(c);
    }
  }
  std::vector<std::map<std::string, std::string>> rows;
  for (std::size_t r = 1; r < lines.size(); ++r) {
    std::map<std::string, std::string> row;
    for (std::size_t c = 0; c < lines[0].size(); ++c) row[lines[0][c]] = lines[r].at(c);
    rows.push_back(row);
  }
  return rows;
}

}  // namespace

TEST_CASE("leverage tournament writes the same bytes twice and on 1 or 2 threads", "[tournament]") {
  test::TempDir dir("leverage-tournament");
  const std::string file = test::source_path("scenarios/tournament_small.json");
  std::vector<std::string> csv;
  for (const char* threads : {"1", "2", "1"}) {
    const auto out = dir.path / (std::string("t") + threads + "-" + std::to_string(csv.size()));
    const auto result = test::run_leverage(
        {"tournament", file, "--replicates", "16", "--threads", threads, "--out", out.string(), "--quiet"}, dir.path);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    csv.push_back(test::read_file(out / "tournament.csv"));
  }
  CHECK(csv[0] == csv[1]);
  CHECK(csv[0] == csv[2]);

  const auto rows = parse_csv(csv[0]);
  // 9 sender entries x 3 target entries, senders outer.
  REQUIRE(rows.size() == 27);
  CHECK(rows[0].at("sender") == "scripted_default");
  CHECK(rows[0].at("target") == "logit_2");
  for (const auto& row : rows) {
    INFO(row.at("sender") << " vs " << row.at("target"));
    CHECK(row.at("replicates") == "16");
    if (row.at("target") == "defiant") {
      // A Minsk that never chooses a release frees nobody, so no gross demand of 300 is ever met.
      CHECK(row.at("gross_releases_mean") == "0");
      CHECK(row.at("success_frequency") == "0");
    }
    if (row.at("sender") == "appease") {
      // Appease never issues an ultimatum: nothing can be attributed to one, nothing is executed.
      CHECK(row.at("success_frequency") == "0");
      CHECK(row.at("executed_frequency") == "0");
    }
    if (row.at("sender") == "grim_trigger" && row.at("target") == "defiant") {
      // Grim's deadline passes unmet whenever its ultimatum got through, and it then executes
      // (each attempt passes the vetoes with probability about 0.74, three attempts before the
      // grace weeks end): most replicates see the suspension.
      CHECK(std::stod(row.at("executed_frequency")) > 0.5);
    }
  }
}

TEST_CASE("a bad rule in a tournament plan is reported at its entry", "[tournament]") {
  nlohmann::json document = config::parse_json_file(test::source_path("scenarios/tournament_small.json"));
  document["tournament"]["senders"][1]["rule"]["params"]["punish"] = "tigthen";
  const auto scenario = load_scenario_document(document, "tournament_small.json");
  const TournamentPlan plan = read_tournament(*scenario);
  try {
    run_tournament(*scenario, plan, TournamentOptions{1, 1});
    FAIL("the tournament ran");
  } catch (const config::ConfigError& e) {
    CHECK(e.pointer == "/tournament/senders/1/rule/params/punish");
    CHECK_THAT(e.found, Catch::Contains("did you mean \"tighten\""));
  }
  // Another actor able to issue ultimatums would make "success" ambiguous.
  document = config::parse_json_file(test::source_path("scenarios/tournament_small.json"));
  document["tournament"]["sender"] = "warsaw";
  const auto other = load_scenario_document(document, "tournament_small.json");
  CHECK_THROWS_AS(read_tournament(*other), config::ConfigError);
}
