// `leverage run`, `validate` and `schema` through the real executable: the files a run writes (shape,
// units in the headers, reproducibility, no temporary files left), an I/O failure on the output path,
// every shipped scenario validating, and the JSON Schema covering every key the scenario uses.
#include <stdlib.h>
#include <sys/wait.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include "tests/support/cli_process.hpp"
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
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
  TempDir() : leverage::test::TempDir("leverage-run-outputs") {}
};

const fs::path kSourceDir = LEVERAGE_SOURCE_DIR;
const fs::path kScenario = kSourceDir / "scenarios" / "belarus_2024.json";

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string current;
  for (const char c : text) {
    if (c == separator) {
      parts.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  parts.push_back(current);
  return parts;
}

// Lines of a file ending in '\n' (no empty last element).
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines = split(text, '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

std::vector<std::string> entry_names(const fs::path& directory) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(directory)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// Runs belarus_2024 with `seed` into `out_dir`, requiring success.
void run_into(const fs::path& out_dir, unsigned seed, const fs::path& scratch) {
  const Outcome outcome =
      run_leverage({"run", kScenario.string(), "--seed", std::to_string(seed), "--out", out_dir.string()}, scratch);
  INFO("stdout: " << outcome.out);
  INFO("stderr: " << outcome.err);
  REQUIRE(outcome.exit_code == 0);
  CHECK(outcome.err.empty());
}

}  // namespace

TEST_CASE("cli run: writes trajectory, decisions and summary", "[cli][run]") {
  TempDir scratch;
  const fs::path out_dir = scratch.path / "out";
  run_into(out_dir, 3, scratch.path);

  SECTION("exactly the three files, no temporary files") {
    const auto names = entry_names(out_dir);
    CHECK(names == std::vector<std::string>{"decisions.csv", "summary.json", "trajectory.csv"});
    for (const auto& name : names) CHECK(name.front() != '.');
  }

  SECTION("trajectory.csv: a header with units, then weeks 0 to 52") {
    const auto lines = lines_of(read_file(out_dir / "trajectory.csv"));
    REQUIRE(lines.size() == 1 + 53);
    const auto header = split(lines[0], ',');
    CHECK(header.front() == "week");
    for (const char* name : {"prisoners_persons", "transit_teu_per_week", "release_pool_persons",
                             "transit_lost_total_teu", "target_buffer_meur", "minsk_revenue_meur_per_week",
                             "crossing_malaszewicze_teu_per_week", "crossing_malaszewicze_inspection_hours"}) {
      INFO("column " << name);
      CHECK(std::find(header.begin(), header.end(), name) != header.end());
    }
    CHECK(std::set<std::string>(header.begin(), header.end()).size() == header.size());  // names unique
    for (std::size_t row = 1; row < lines.size(); ++row) {
      const auto fields = split(lines[row], ',');
      INFO("row " << row << ": " << lines[row].substr(0, 80));
      REQUIRE(fields.size() == header.size());
      CHECK(fields[0] == std::to_string(row - 1));
      for (const auto& field : fields) {
        CHECK(!field.empty());
        // A plain number: digits, sign, point, exponent. No quoted text, no nan or inf.
        CHECK(std::all_of(field.begin(), field.end(), [](char c) {
          return std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '.' || c == 'e' ||
                 c == 'E';
        }));
      }
    }
  }

  SECTION("decisions.csv: 52 weeks times 5 actors") {
    const auto lines = lines_of(read_file(out_dir / "decisions.csv"));
    REQUIRE(lines.size() == 1 + 52 * 5);
    const auto header = split(lines[0], ',');
    REQUIRE(header.size() >= 6);
    CHECK(header[0] == "week");
    CHECK(header[1] == "actor");
    const std::vector<std::string> actors{"minsk", "warsaw", "brussels", "beijing", "moscow"};
    for (std::size_t row = 1; row < lines.size(); ++row) {
      const auto fields = split(lines[row], ',');
      INFO("row " << row);
      REQUIRE(fields.size() == header.size());
      CHECK(fields[0] == std::to_string((row - 1) / 5 + 1));
      CHECK(fields[1] == actors[(row - 1) % 5]);
    }
  }

  SECTION("summary.json: seed, config hash, outcomes, ultimatums, actors") {
    const Json summary = Json::parse(read_file(out_dir / "summary.json"));
    REQUIRE(summary.is_object());
    REQUIRE(summary.contains("seed"));
    CHECK(summary["seed"] == 3);
    REQUIRE(summary.contains("config_hash"));
    REQUIRE(summary["config_hash"].is_string());
    const std::string hash = summary["config_hash"].get<std::string>();
    CHECK(hash.size() == 64);
    CHECK(std::all_of(hash.begin(), hash.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || (c >= 'a' && c <= 'f'); }));
    CHECK(summary.contains("outcomes"));
    CHECK(summary["outcomes"].is_object());
    CHECK(summary.contains("ultimatums"));
    CHECK(summary["ultimatums"].is_array());
    REQUIRE(summary.contains("actors"));
    CHECK(summary["actors"].size() == 5);
    CHECK(summary["weeks"] == 52);
  }
}

TEST_CASE("cli run: the same seed gives the same bytes, another seed another trajectory", "[cli][run]") {
  TempDir scratch;
  const fs::path first = scratch.path / "first";
  const fs::path second = scratch.path / "second";
  const fs::path other = scratch.path / "other";
  run_into(first, 3, scratch.path);
  run_into(second, 3, scratch.path);
  run_into(other, 4, scratch.path);
  for (const char* name : {"trajectory.csv", "decisions.csv", "summary.json"}) {
    INFO(name);
    const std::string a = read_file(first / name);
    CHECK(!a.empty());
    CHECK(a == read_file(second / name));
  }
  CHECK(read_file(first / "trajectory.csv") != read_file(other / "trajectory.csv"));
  // Re-running into a directory that already holds outputs replaces them and leaves no temporary file.
  run_into(first, 3, scratch.path);
  CHECK(entry_names(first) == std::vector<std::string>{"decisions.csv", "summary.json", "trajectory.csv"});
  CHECK(read_file(first / "trajectory.csv") == read_file(second / "trajectory.csv"));
}

TEST_CASE("cli run: an output path that is a regular file is an I/O error", "[cli][run]") {
  TempDir scratch;
  const fs::path blocker = scratch.path / "not_a_directory";
  {
    std::ofstream(blocker) << "keep me\n";
  }
  for (const fs::path& out : {blocker, blocker / "sub"}) {
    const Outcome outcome = run_leverage({"run", kScenario.string(), "--out", out.string()}, scratch.path);
    INFO("--out " << out.string() << "; stderr: " << outcome.err);
    CHECK(outcome.exit_code == 1);
    CHECK(std::count(outcome.err.begin(), outcome.err.end(), '\n') == 1);
    CHECK(outcome.err.find(out.string()) != std::string::npos);
    CHECK(read_file(blocker) == "keep me\n");
  }
  // Nothing but the blocker in the scratch directory: no stray outputs or temporary files.
  CHECK(entry_names(scratch.path) == std::vector<std::string>{"not_a_directory"});
}

TEST_CASE("cli validate: every shipped scenario is valid", "[cli][validate]") {
  TempDir scratch;
  std::size_t count = 0;
  for (const auto& entry : fs::directory_iterator(kSourceDir / "scenarios")) {
    if (entry.path().extension() != ".json") continue;
    ++count;
    const Outcome outcome = run_leverage({"validate", entry.path().string()}, scratch.path);
    INFO(entry.path().string() << ": " << outcome.err);
    CHECK(outcome.exit_code == 0);
    CHECK(outcome.err.empty());
    CHECK(outcome.out.find("valid scenario") != std::string::npos);
  }
  CHECK(count >= 1);
}

namespace {

// Does `value` fit the JSON Schema "type" keyword `type` (a name or an array of names)?
bool fits_type(const Json& value, const Json& type) {
  if (type.is_array()) {
    return std::any_of(type.begin(), type.end(), [&](const Json& t) { return fits_type(value, t); });
  }
  const std::string name = type.get<std::string>();
  if (name == "integer") return value.is_number_integer();
  if (name == "number") return value.is_number();
  if (name == "string") return value.is_string();
  if (name == "boolean") return value.is_boolean();
  if (name == "object") return value.is_object();
  if (name == "array") return value.is_array();
  if (name == "null") return value.is_null();
  return false;
}

// Resolves "oneOf" to the variant whose "const" properties match `value` (payoff "model", rule "name").
const Json* resolve_variant(const Json& value, const Json& schema, const std::string& pointer,
                            std::vector<std::string>& problems) {
  if (!schema.contains("oneOf")) return &schema;
  const Json* match = nullptr;
  for (const Json& variant : schema["oneOf"]) {
    bool matches = value.is_object() && variant.contains("properties");
    if (matches) {
      for (const auto& [key, sub] : variant["properties"].items()) {
        if (sub.contains("const") && (!value.contains(key) || value[key] != sub["const"])) matches = false;
      }
    }
    if (matches) {
      if (match) problems.push_back(pointer + ": more than one oneOf variant matches");
      match = &variant;
    }
  }
  if (!match) problems.push_back(pointer + ": no oneOf variant matches");
  return match;
}

// Walks the scenario and the schema together: every non-underscore key of the scenario must be declared
// at its place ("properties", or an "additionalProperties" schema for maps such as fee_eur_per_teu_at),
// every array element is checked against "items", and leaves are checked against "type", "enum",
// "const", "minimum" and "maximum". An array whose schema has no "items" (the scripted rule's "schedule"
// and "rules", declared as plain arrays) is not entered.
void walk(const Json& value, const Json& schema_in, const std::string& pointer, std::vector<std::string>& problems) {
  const Json* resolved = resolve_variant(value, schema_in, pointer, problems);
  if (!resolved) return;
  const Json& schema = *resolved;
  const std::string at = pointer.empty() ? "/" : pointer;
  if (schema.contains("type") && !fits_type(value, schema["type"]))
    problems.push_back(at + ": " + value.dump().substr(0, 40) + " does not fit type " + schema["type"].dump());
  if (schema.contains("enum") && std::find(schema["enum"].begin(), schema["enum"].end(), value) == schema["enum"].end())
    problems.push_back(at + ": " + value.dump() + " is not in enum " + schema["enum"].dump());
  if (schema.contains("const") && schema["const"] != value)
    problems.push_back(at + ": " + value.dump() + " is not the const " + schema["const"].dump());
  if (value.is_number()) {
    const double x = value.get<double>();
    if (schema.contains("minimum") && x < schema["minimum"].get<double>())
      problems.push_back(at + ": " + value.dump() + " below minimum " + schema["minimum"].dump());
    if (schema.contains("maximum") && x > schema["maximum"].get<double>())
      problems.push_back(at + ": " + value.dump() + " above maximum " + schema["maximum"].dump());
  }
  if (value.is_object()) {
    for (const auto& [key, sub] : value.items()) {
      if (key.rfind('_', 0) == 0) continue;
      const std::string child = pointer + "/" + key;
      if (schema.contains("properties") && schema["properties"].contains(key)) {
        walk(sub, schema["properties"][key], child, problems);
      } else if (schema.contains("additionalProperties") && schema["additionalProperties"].is_object()) {
        walk(sub, schema["additionalProperties"], child, problems);
      } else {
        problems.push_back(child + ": key not declared in the schema");
      }
    }
  } else if (value.is_array() && schema.contains("items")) {
    for (std::size_t i = 0; i < value.size(); ++i) walk(value[i], schema["items"], pointer + "/" + std::to_string(i), problems);
  }
}

}  // namespace

TEST_CASE("cli schema: valid JSON that declares every key the scenarios use", "[cli][schema]") {
  TempDir scratch;
  const Outcome outcome = run_leverage({"schema"}, scratch.path);
  INFO("stderr: " << outcome.err);
  REQUIRE(outcome.exit_code == 0);
  Json schema;
  REQUIRE_NOTHROW(schema = Json::parse(outcome.out));
  REQUIRE(schema.is_object());
  REQUIRE(schema.contains("properties"));

  const Json scenario = Json::parse(read_file(kScenario));
  for (const auto& [key, value] : scenario.items()) {
    if (key.rfind('_', 0) == 0) continue;
    INFO("top-level key " << key);
    CHECK(schema["properties"].contains(key));
  }
  // Every required key of the schema is in the default scenario (it is a complete example).
  for (const auto& key : schema.value("required", Json::array())) {
    INFO("required key " << key);
    CHECK(scenario.contains(key.get<std::string>()));
  }

  for (const auto& entry : fs::directory_iterator(kSourceDir / "scenarios")) {
    if (entry.path().extension() != ".json") continue;
    std::vector<std::string> problems;
    walk(Json::parse(read_file(entry.path())), schema, "", problems);
    std::string listed;
    for (const auto& p : problems) listed += "\n  " + p;
    INFO(entry.path().filename().string() << ": schema drift:" << listed);
    CHECK(problems.empty());
  }
}
