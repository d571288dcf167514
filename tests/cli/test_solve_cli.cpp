// `leverage solve` through the real executable: solutions as JSON and CSV, and bad game files reported as
// `FILE:/json/pointer: expected ..., found ...` with exit code 2 (agents/solvers/game_reader.cpp).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/support/cli_process.hpp"

namespace {

namespace fs = std::filesystem;
using leverage::test::run_leverage;
using leverage::test::TempDir;
using leverage::test::write_file;

const std::string kGames = std::string(LEVERAGE_SOURCE_DIR) + "/scenarios/games/";

// A 2x2 game whose payoff text is spliced in, so each case changes one thing.
std::string two_by_two(const std::string& first_payoff, const std::string& extra = "") {
  return R"({"game": "t", "kind": "normal", "players": ["a", "b"], "variables": {"x": 1},)" + extra +
         R"( "actions": [["u", "d"], ["l", "r"]], "payoffs": [[[)" + first_payoff + R"(, 0], [0, 0]], [[0, 0], [1, 1]]]})";
}

}  // namespace

TEST_CASE("leverage solve prints the inspection equilibrium as JSON", "[cli][solve]") {
  // The Tsebelis game with penalty 4: Warsaw inspects with probability gain / (gain + penalty) = 1/5 and the
  // carrier violates with probability cost / (detection + loss) = 1/5 (tests/agents/solvers/test_nash.cpp).
  TempDir dir;
  const auto outcome = run_leverage({"solve", kGames + "inspection.json", "--json"}, dir.path);
  REQUIRE(outcome.exit_code == 0);
  const auto json = nlohmann::json::parse(outcome.out);
  CHECK(json["solver"] == "support");
  REQUIRE(json["equilibria"].size() == 1);
  CHECK(json["equilibria"][0]["strategies"][0]["actions"]["inspect"].get<double>() == Approx(0.2).epsilon(1e-12));
  CHECK(json["equilibria"][0]["strategies"][1]["actions"]["violate"].get<double>() == Approx(0.2).epsilon(1e-12));
  // A sweep changes a variable by JSON pointer: penalty 9 halves the inspection rate to 1/10.
  const auto harsher =
      run_leverage({"solve", kGames + "inspection.json", "--json", "--set", "/variables/penalty=9"}, dir.path);
  REQUIRE(harsher.exit_code == 0);
  CHECK(nlohmann::json::parse(harsher.out)["equilibria"][0]["strategies"][0]["actions"]["inspect"].get<double>() ==
        Approx(0.1).epsilon(1e-12));
}

TEST_CASE("leverage solve writes the QRE path as CSV and prints a table", "[cli][solve]") {
  TempDir dir;
  const fs::path csv = dir.path / "path.csv";
  const auto outcome = run_leverage(
      {"solve", kGames + "inspection.json", "--solver", "qre", "--lambda-max", "5", "--csv", csv.string()}, dir.path);
  REQUIRE(outcome.exit_code == 0);
  CHECK(outcome.out.find("logit QRE") != std::string::npos);
  const std::string text = leverage::test::read_file(csv);
  // Header, then lambda = 0 where every player is uniform over its two actions.
  CHECK(text.rfind("lambda,warsaw:inspect,warsaw:routine,carrier:violate,carrier:comply\n0,0.5,0.5,0.5,0.5\n", 0) == 0);
}

TEST_CASE("bad game files: file, JSON path, expected and found, exit code 2", "[cli][solve]") {
  struct Case {
    std::string text;
    std::string message;  // what stderr must start with after "FILE:"
  };
  const std::vector<Case> cases = {
      // A formula cut short: the parser expects an operand at column 4, the end of "x -" (expression.hpp).
      {two_by_two(R"("x -")"),
       R"(/payoffs/0/0/0: expected an arithmetic formula, found a string "x -" (column 4: expected a number, a name or "(", found the end of the formula))"},
      // An unknown variable, at its column.
      {two_by_two(R"("2 * y")"), R"(/payoffs/0/0/0: expected an arithmetic formula, found a string "2 * y" (column 5:)"},
      // Three payoffs for two players.
      {two_by_two("1, 2"), "/payoffs/0/0: expected an array of 2 payoffs (one per player), found an array of 3 elements"},
      // A misspelt key, with the reader's did-you-mean (json_reader.hpp).
      {two_by_two("1", R"( "varaibles": {},)"),
       R"(/varaibles: expected one of the keys "game", "description", "kind", "variables", "players", "actions", "payoffs", found unknown key "varaibles" (did you mean "variables"?))"},
      // A kind that does not exist.
      {R"({"game": "t", "kind": "normall"})", R"(/kind: expected one of "normal", "extensive", "bargaining", "vote", found "normall" (did you mean "normal"?))"},
      // Chance probabilities that do not sum to 1.
      {R"({"game": "t", "kind": "extensive", "players": ["a"], "root": {"chance": [0.25, 0.5], "outcomes": ["h", "t"], "children": [{"payoffs": [1]}, {"payoffs": [0]}]}})",
       "/root/chance: expected probabilities that sum to 1, found a sum of 0.75"},
      // One child for two actions.
      {R"({"game": "t", "kind": "extensive", "players": ["a"], "root": {"player": "a", "actions": ["x", "y"], "children": [{"payoffs": [1]}]}})",
       "/root/children: expected an array of 2 nodes (one per action), found an array of 1 element"},
      // Two nodes of one information set with different actions.
      {R"({"game": "t", "kind": "extensive", "players": ["a", "b"], "root": {"player": "a", "actions": ["x", "y"], "children": [)"
       R"({"player": "b", "infoset": "s", "actions": ["l", "r"], "children": [{"payoffs": [1, 1]}, {"payoffs": [0, 0]}]},)"
       R"({"player": "b", "infoset": "s", "actions": ["l"], "children": [{"payoffs": [1, 1]}]}]}})",
       R"(/root/children/1/infoset: expected the same actions at every node of information set "s", found different actions)"},
  };
  TempDir dir;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const fs::path file = dir.path / ("bad" + std::to_string(i) + ".json");
    write_file(file, cases[i].text);
    const auto outcome = run_leverage({"solve", file.string()}, dir.path);
    INFO(cases[i].text << "\n" << outcome.err);
    CHECK(outcome.exit_code == 2);
    CHECK(outcome.err.rfind(file.string() + ":" + cases[i].message, 0) == 0);
    CHECK(outcome.out.empty());
  }
}

TEST_CASE("leverage solve refuses a solver that does not fit the game", "[cli][solve]") {
  TempDir dir;
  const auto refused = run_leverage({"solve", kGames + "alternating_offers.json", "--solver", "support"}, dir.path);
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find(R"(solver "support" needs a normal-form game, and this is a bargaining game)") != std::string::npos);
  const auto unknown = run_leverage({"solve", kGames + "inspection.json", "--solver", "suport"}, dir.path);
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find(R"(no solver "suport" (did you mean "support"?))") != std::string::npos);
}
