// Bad input to `leverage validate` and `leverage run`, through the real executable: every case must
// end with exit code 2 and exactly one line on stderr, `FILE:/json/pointer: expected ..., found ...`
// (engine/config/json_reader.hpp), and a failed `run` must leave its --out directory empty.
//
// Each case writes a mutated copy of scenarios/belarus_2024.json (or hand-written text) into a fresh
// temporary directory and runs both subcommands on it. The expected and found parts below are derived
// by hand from the loaders (engine/model/scenario_loader.cpp, actor_loader.cpp, agents/rules/*.cpp) and
// the wording rules of json_reader.hpp; each is commented with where it comes from.
#include <stdlib.h>
#include <sys/wait.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include "tests/support/cli_process.hpp"
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

using leverage::test::Outcome;
using leverage::test::read_file;
using leverage::test::run_leverage;
using leverage::test::shell_quote;

struct TempDir : leverage::test::TempDir {
  TempDir() : leverage::test::TempDir("leverage-bad-input") {}
};

using leverage::test::write_file;

const fs::path kScenario = fs::path(LEVERAGE_SOURCE_DIR) / "scenarios" / "belarus_2024.json";

Json default_scenario() {
  std::ifstream in(kScenario);
  REQUIRE(in.good());
  return Json::parse(in);
}

// What one bad input must produce.
struct Expect {
  std::string pointer;                        // the JSON pointer after "FILE:"
  std::vector<std::string> expected_contains;  // pieces of the text between "expected " and ", found "
  std::string found;                          // the exact text after ", found "
};

bool starts_with(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }
bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

void check_error_line(const Outcome& outcome, const std::string& file_label, const Expect& expect) {
  INFO("stderr: " << outcome.err);
  INFO("stdout: " << outcome.out);
  CHECK(outcome.exit_code == 2);
  CHECK(outcome.out.empty());
  // Exactly one line: one newline, at the end.
  REQUIRE(!outcome.err.empty());
  CHECK(outcome.err.back() == '\n');
  CHECK(std::count(outcome.err.begin(), outcome.err.end(), '\n') == 1);
  const std::string line = outcome.err.substr(0, outcome.err.find('\n'));
  const std::string head = file_label + ":" + expect.pointer + ": expected ";
  CHECK(starts_with(line, head));
  const std::string tail = ", found " + expect.found;
  CHECK(ends_with(line, tail));
  if (starts_with(line, head) && ends_with(line, tail) && line.size() >= head.size() + tail.size()) {
    const std::string expected_part = line.substr(head.size(), line.size() - head.size() - tail.size());
    for (const auto& piece : expect.expected_contains) {
      INFO("expected part: " << expected_part << "; must contain: " << piece);
      CHECK(expected_part.find(piece) != std::string::npos);
    }
  }
}

std::vector<std::string> entries(const fs::path& directory) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(directory)) names.push_back(entry.path().filename().string());
  return names;
}

// Runs `validate FILE [extra]` and `run FILE --out DIR [extra]` and checks both.
void check_both(const fs::path& file, const Expect& expect, const std::vector<std::string>& extra = {}) {
  TempDir scratch;
  const std::string label = file.string();
  {
    INFO("leverage validate " << label);
    std::vector<std::string> args{"validate", label};
    args.insert(args.end(), extra.begin(), extra.end());
    check_error_line(run_leverage(args, scratch.path), label, expect);
  }
  {
    INFO("leverage run " << label);
    const fs::path out_dir = scratch.path / "out";
    fs::create_directory(out_dir);
    std::vector<std::string> args{"run", label, "--out", out_dir.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    check_error_line(run_leverage(args, scratch.path), label, expect);
    // Nothing half-written: the output directory is as empty as before the run.
    INFO("left in --out: " << entries(out_dir).size() << " entries");
    CHECK(entries(out_dir).empty());
  }
}

// Writes the default scenario changed by `mutate` and checks both subcommands on it.
void check_mutation(const std::function<void(Json&)>& mutate, const Expect& expect,
                    const std::vector<std::string>& extra = {}) {
  TempDir dir;
  Json scenario = default_scenario();
  mutate(scenario);
  const fs::path file = dir.path / "scenario.json";
  write_file(file, scenario.dump(2) + "\n");
  check_both(file, expect, extra);
}

void check_text(const std::string& text, const Expect& expect) {
  TempDir dir;
  const fs::path file = dir.path / "scenario.json";
  write_file(file, text);
  check_both(file, expect);
}

}  // namespace

TEST_CASE("cli bad input: the unmodified copy is valid (control)", "[cli][bad_input]") {
  TempDir dir;
  const fs::path file = dir.path / "scenario.json";
  write_file(file, default_scenario().dump(2));
  const Outcome outcome = run_leverage({"validate", file.string()}, dir.path);
  INFO("stderr: " << outcome.err);
  CHECK(outcome.exit_code == 0);
  CHECK(outcome.err.empty());
}

TEST_CASE("cli bad input: extra misspelled key gets did-you-mean", "[cli][bad_input]") {
  // A key nobody asks for, next to the real one: ObjectReader::finish() reports it at its own pointer with
  // the asked keys of /prisoners (read_prisoners asks initial_stock first) and the nearest asked key.
  check_mutation([](Json& s) { s["prisoners"]["arrests_per_wek"] = 12; },
                 {"/prisoners/arrests_per_wek",
                  {"one of the keys \"initial_stock\", \"arrests_per_week\""},
                  "unknown key \"arrests_per_wek\" (did you mean \"arrests_per_week\"?)"});
}

TEST_CASE("cli bad input: renamed optional key is an unknown key with did-you-mean", "[cli][bad_input]") {
  // /transit/scheduled_shocks is optional, so renaming it leaves only the unknown key, reported by
  // finish() with the closest asked key (edit distance 1).
  check_mutation(
      [](Json& s) {
        auto& transit = s["transit"];
        transit["scheduled_shoks"] = transit["scheduled_shocks"];
        transit.erase("scheduled_shocks");
      },
      {"/transit/scheduled_shoks", {"one of the keys ", "\"scheduled_shocks\""},
       "unknown key \"scheduled_shoks\" (did you mean \"scheduled_shocks\"?)"});
}

TEST_CASE("cli bad input: renamed required key is missing with a misspelling hint", "[cli][bad_input]") {
  // /prisoners/arrests_per_week is required: ObjectReader::required() fails first, at the object's
  // pointer (the missing key has no location), and names the unclaimed near miss.
  check_mutation(
      [](Json& s) {
        auto& prisoners = s["prisoners"];
        prisoners["arrests_per_wek"] = prisoners["arrests_per_week"];
        prisoners.erase("arrests_per_week");
      },
      {"/prisoners", {"a key \"arrests_per_week\""}, "no such key (is \"arrests_per_wek\" a misspelling?)"});
}

TEST_CASE("cli bad input: typo in a rule name", "[cli][bad_input]") {
  // The rule name is an enum over the rule registry (a std::map, so "logit" before "scripted").
  check_mutation([](Json& s) { s["actors"][0]["rule"]["name"] = "logti"; },
                 {"/actors/0/rule/name", {"one of ", "\"logit\"", "\"scripted\""},
                  "\"logti\" (did you mean \"logit\"?)"});
}

TEST_CASE("cli bad input: unknown rule parameter", "[cli][bad_input]") {
  // validate_params asks for the registered parameters only; logit has one, "rationality". A name far
  // from it gets no suggestion.
  check_mutation([](Json& s) { s["actors"][0]["rule"]["params"]["temperature"] = 1; },
                 {"/actors/0/rule/params/temperature", {"one of the keys \"rationality\""},
                  "unknown key \"temperature\""});
}

TEST_CASE("cli bad input: misspelled rule parameter", "[cli][bad_input]") {
  // "rationalty" is one deletion from "rationality", which is optional (default 1), so it is the
  // unknown key that is reported.
  check_mutation(
      [](Json& s) {
        auto& params = s["actors"][0]["rule"]["params"];
        params["rationalty"] = params["rationality"];
        params.erase("rationality");
      },
      {"/actors/0/rule/params/rationalty", {"one of the keys \"rationality\""},
       "unknown key \"rationalty\" (did you mean \"rationality\"?)"});
}

TEST_CASE("cli bad input: string where a number is expected", "[cli][bad_input]") {
  // root.integer("weeks", 1, 5200): the range text is "an integer in [1, 5200]".
  check_mutation([](Json& s) { s["weeks"] = "52"; },
                 {"/weeks", {"an integer in [1, 5200]"}, "a string \"52\""});
}

TEST_CASE("cli bad input: float where an integer is expected", "[cli][bad_input]") {
  // as_int rejects any float, 52.5 as well as 52.0.
  check_mutation([](Json& s) { s["weeks"] = 52.5; }, {"/weeks", {"an integer in [1, 5200]"}, "the number 52.5"});
}

TEST_CASE("cli bad input: integral float is still not an integer", "[cli][bad_input]") {
  // 52.0 dumps as "52.0" and is a float in JSON: rejected like 52.5 (json_reader.hpp, as_int).
  check_mutation([](Json& s) { s["weeks"] = 52.0; }, {"/weeks", {"an integer in [1, 5200]"}, "the number 52.0"});
}

TEST_CASE("cli bad input: hazard out of range", "[cli][bad_input]") {
  // r.number("completion_hazard", 0, 1).
  check_mutation([](Json& s) { s["prisoners"]["completion_hazard"] = 1.5; },
                 {"/prisoners/completion_hazard", {"a number in [0, 1]"}, "the number 1.5"});
}

TEST_CASE("cli bad input: negative rule parameter", "[cli][bad_input]") {
  // logit's "rationality" is registered with range [0, 1e6]; integral bounds print without a point.
  check_mutation([](Json& s) { s["actors"][0]["rule"]["params"]["rationality"] = -1; },
                 {"/actors/0/rule/params/rationality", {"a number in [0, 1000000]"}, "the number -1"});
}

TEST_CASE("cli bad input: missing required key", "[cli][bad_input]") {
  // read_transit: r.required("crossings"); no other key of /transit is a near miss of "crossings".
  check_mutation([](Json& s) { s["transit"].erase("crossings"); },
                 {"/transit", {"a key \"crossings\""}, "no such key"});
}

TEST_CASE("cli bad input: malformed JSON with a missing comma", "[cli][bad_input]") {
  // Line 3 lacks its trailing comma, so the parser meets the string "weeks" on line 4 where it wanted
  // ',' or '}'. The token "weeks" (with its quotes) spans columns 3 to 9 of line 4; nlohmann reports the
  // byte after the last one it read, and json_reader.cpp steps back one byte, so the position given is
  // the token's last character: line 4, column 9.
  const std::string text =
      "{\n"                          // line 1
      "  \"schema_version\": 1,\n"   // line 2
      "  \"name\": \"broken\"\n"     // line 3: no comma
      "  \"weeks\": 52\n"            // line 4
      "}\n";
  check_text(text, {"/", {"valid JSON"},
                    "syntax error at line 4, column 9: while parsing object - unexpected string literal; "
                    "expected '}'"});
}

TEST_CASE("cli bad input: malformed JSON inside an array", "[cli][bad_input]") {
  // "[1 2]" on line 3: columns 1-2 spaces, 3 '"', 4 'a', 5 '"', 6 ':', 7 ' ', 8 '[', 9 '1', 10 ' ',
  // 11 '2' -- the one-character token 2 is where the comma was wanted.
  const std::string text =
      "{\n"
      "  \"schema_version\": 1,\n"
      "  \"a\": [1 2]\n"
      "}\n";
  check_text(text, {"/", {"valid JSON"},
                    "syntax error at line 3, column 11: while parsing array - unexpected number literal; "
                    "expected ']'"});
}

TEST_CASE("cli bad input: duplicate key", "[cli][bad_input]") {
  // nlohmann keeps the last of two equal keys silently; the reader's callback rejects the second
  // "decay" of /migration as it is read, at its pointer.
  std::string text = read_file(kScenario);
  const std::string anchor = "\"migration\": {";
  const auto at = text.find(anchor);
  REQUIRE(at != std::string::npos);
  text.insert(at + anchor.size(), "\n    \"decay\": 0.5,");
  REQUIRE(text.find("\"decay\": 0.1") != std::string::npos);  // the scenario's own /migration/decay
  check_text(text, {"/migration/decay", {"each key once"}, "duplicate key \"decay\""});
}

TEST_CASE("cli bad input: missing file", "[cli][bad_input]") {
  // parse_json_file: ENOENT is worded "no such file"; the file label is the path as given.
  TempDir dir;
  check_both(dir.path / "no_such_scenario.json", {"/", {"a readable JSON file"}, "no such file"});
}

TEST_CASE("cli bad input: a directory instead of a file", "[cli][bad_input]") {
  // fopen succeeds on a directory and fread fails with EISDIR; its strerror text is the found part.
  TempDir dir;
  const fs::path sub = dir.path / "scenario.json";
  fs::create_directory(sub);
  check_both(sub, {"/", {"a readable JSON file"}, "Is a directory"});
}

TEST_CASE("cli bad input: empty file", "[cli][bad_input]") {
  check_text("", {"/", {"valid JSON"}, "an empty file"});
}

TEST_CASE("cli bad input: whitespace-only file", "[cli][bad_input]") {
  check_text(" \n\t\n", {"/", {"valid JSON"}, "only whitespace"});
}

TEST_CASE("cli bad input: unknown actor reference", "[cli][bad_input]") {
  // actor_ref: an enum over the actor ids in file order.
  check_mutation([](Json& s) { s["target"] = "minks"; },
                 {"/target", {"one of \"minsk\", \"warsaw\", \"brussels\", \"beijing\", \"moscow\""},
                  "\"minks\" (did you mean \"minsk\"?)"});
}

TEST_CASE("cli bad input: unknown action id in a scripted schedule", "[cli][bad_input]") {
  // Warsaw (actor 1) schedules "demand_seals" in week 2; menu_index checks ids against its menu. The
  // pointer runs through the rule's validated params, which keep their place in the file.
  check_mutation([](Json& s) { s["actors"][1]["rule"]["params"]["schedule"][1]["action"] = "demand_seal"; },
                 {"/actors/1/rule/params/schedule/1/action", {"one of \"hold\", \"routine_control\"", "\"demand_seals\""},
                  "\"demand_seal\" (did you mean \"demand_seals\"?)"});
}

TEST_CASE("cli bad input: unknown action id in a scripted rule", "[cli][bad_input]") {
  // Brussels (actor 2), rule 1 executes the threat; "exectue" is two edits from "execute".
  check_mutation([](Json& s) { s["actors"][2]["rule"]["params"]["rules"][1]["action"] = "exectue"; },
                 {"/actors/2/rule/params/rules/1/action", {"one of \"status_quo\", \"ultimatum\", \"execute\""},
                  "\"exectue\" (did you mean \"execute\"?)"});
}

TEST_CASE("cli bad input: --set naming a missing pointer", "[cli][bad_input]") {
  // apply_override walks the pointer and stops at the missing step, with a did-you-mean against the keys
  // of /prisoners. The file itself is the unmodified scenario copy.
  check_mutation([](Json&) {},
                 {"/prisoners/arrests_per_wek", {"a JSON pointer to an existing value"},
                  "no key \"arrests_per_wek\" in the object at /prisoners (did you mean \"arrests_per_week\"?)"},
                 {"--set", "/prisoners/arrests_per_wek=3"});
}

TEST_CASE("cli bad input: --set with a wrong type", "[cli][bad_input]") {
  // "abc" does not parse as JSON, so it is taken as a string; /weeks holds a number.
  check_mutation([](Json&) {},
                 {"/weeks", {"a number (the type of the value it replaces)"}, "a string \"abc\""},
                 {"--set", "/weeks=abc"});
}

TEST_CASE("cli bad input: --set with a float for an integer", "[cli][bad_input]") {
  // 52.5 is a number for a number, so the override applies; the loader then rejects it like a file would.
  check_mutation([](Json&) {}, {"/weeks", {"an integer in [1, 5200]"}, "the number 52.5"},
                 {"--set", "/weeks=52.5"});
}

TEST_CASE("cli: --help works for every subcommand", "[cli][help]") {
  TempDir scratch;
  {
    const Outcome top = run_leverage({"--help"}, scratch.path);
    INFO("stderr: " << top.err);
    CHECK(top.exit_code == 0);
    CHECK(top.out.find("Usage:") != std::string::npos);
    for (const char* sub : {"run", "validate", "schema", "list", "docs"}) CHECK(top.out.find(sub) != std::string::npos);
  }
  for (const std::string sub : {"run", "validate", "schema", "list", "docs"}) {
    const Outcome help = run_leverage({sub, "--help"}, scratch.path);
    INFO("leverage " << sub << " --help; stderr: " << help.err);
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("Usage:") != std::string::npos);
    CHECK(help.out.find(" " + sub) != std::string::npos);
    CHECK(help.out.find("--help") != std::string::npos);
  }
}
