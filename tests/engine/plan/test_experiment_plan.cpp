// Experiment plans (engine/plan/experiment_plan.hpp): steps read and checked, patches applied as
// RFC 7386 merge patches, and every mistake reported as `FILE:/json/pointer: expected ..., found ...`.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <optional>
#include <utility>
#include <vector>

#include "engine/config/json_reader.hpp"
#include "engine/plan/experiment_plan.hpp"

using namespace leverage;
using Catch::Matchers::Contains;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

fs::path folder() {
  static const struct Directory {
    fs::path path = fs::temp_directory_path() / ("leverage-plan-" + std::to_string(::getpid()));
    ~Directory() {
      std::error_code ignored;
      fs::remove_all(path, ignored);
    }
  } directory;
  fs::create_directories(directory.path / "study");
  return directory.path / "study";
}

void write(const std::string& name, const std::string& text) {
  std::ofstream(folder() / name) << text;
}

// A plan of two steps over files that exist: a sweep file and a game file.
json plan() {
  write("grid.json", R"({"scenario": "s.json", "replicates": 400, "design": {"kind": "grid"}, "seed": 3})");
  write("game.json", "{}");
  write("analyze.py", "");
  return {{"question", "Does it work?"},
          {"steps",
           {{{"id", "grid"}, {"kind", "sweep"}, {"file", "grid.json"}, {"quick", {{"replicates", 6}}}},
            {{"id", "nash"}, {"kind", "solve"}, {"file", "game.json"}, {"set", {"/variables/x=2"}}}}},
          {"analysis", "analyze.py"}};
}

std::string error_of(const json& document) {
  write("plan.json", document.dump(2));
  try {
    load_experiment_plan(folder());
  } catch (const config::ConfigError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("a plan's steps, in order, with their files resolved against the plan's folder") {
  write("plan.json", plan().dump());
  const ExperimentPlan p = load_experiment_plan(folder());
  CHECK(p.name == "study");  // the folder's name, when the plan names none
  CHECK(p.question == "Does it work?");
  REQUIRE(p.steps.size() == 2);
  CHECK(p.steps[0].kind == StepKind::sweep);
  CHECK(p.steps[0].file == (folder() / "grid.json").lexically_normal());
  CHECK(p.steps[1].kind == StepKind::solve);
  CHECK(p.steps[1].overrides == std::vector<std::string>{"/variables/x=2"});
  CHECK(p.analysis == (folder() / "analyze.py").lexically_normal());
  CHECK(p.hash.size() == 64);
}

TEST_CASE("step text: the file's bytes, or the file with the patch and then the quick patch merged in") {
  write("plan.json", plan().dump());
  ExperimentPlan p = load_experiment_plan(folder());
  PlanStep& grid = p.steps[0];
  // No patch and not quick: the bytes as they are.
  CHECK(step_text(grid, false) ==
        R"({"scenario": "s.json", "replicates": 400, "design": {"kind": "grid"}, "seed": 3})");
  // Quick: replicates 400 -> 6 (the quick patch), everything else untouched.
  const json quick = json::parse(step_text(grid, true));
  CHECK(quick["replicates"] == 6);
  CHECK(quick["seed"] == 3);
  CHECK(quick["design"] == json{{"kind", "grid"}});
  // A patch applies in every run, the quick patch over it; RFC 7386: null removes a key, an object
  // merges key by key. Patch: seed -> 9, design gains points; quick: seed removed.
  grid.patch = {{"seed", 9}, {"design", {{"points", 4}}}};
  grid.quick = {{"seed", nullptr}};
  const json full = json::parse(step_text(grid, false));
  CHECK(full["seed"] == 9);
  CHECK(full["design"] == json{{"kind", "grid"}, {"points", 4}});
  CHECK(full["replicates"] == 400);
  const json reduced = json::parse(step_text(grid, true));
  CHECK_FALSE(reduced.contains("seed"));
  CHECK(reduced["design"]["points"] == 4);
}

namespace {

// The plan with a third step, a Sobol analysis over the sweep file's parameters (a sensitivity
// experiment is a sweep file without a design; the plan reader does not open it).
json plan_with_sensitivity() {
  json document = plan();
  document["steps"].push_back({{"id", "indices"},
                               {"kind", "sensitivity"},
                               {"file", "grid.json"},
                               {"method", "sobol"},
                               {"second_order", true},
                               {"estimator", "jansen"},
                               {"outcomes", {"gross_releases", "p=a+b"}},
                               {"patch", {{"replicates", 40}}},
                               {"quick", {{"replicates", 2}}}});
  return document;
}

}  // namespace

TEST_CASE("a sensitivity step: the method, the flags' settings and the outcomes, as leverage sensitivity takes them") {
  write("plan.json", plan_with_sensitivity().dump());
  const ExperimentPlan p = load_experiment_plan(folder());
  REQUIRE(p.steps.size() == 3);
  const PlanStep& step = p.steps[2];
  CHECK(step.kind == StepKind::sensitivity);
  CHECK(std::string(step_kind_name(step.kind)) == "sensitivity");
  CHECK(step.method == analysis::SensitivityMethod::sobol);
  CHECK(step.sensitivity_overrides.second_order == std::optional<bool>(true));
  CHECK(step.sensitivity_overrides.estimator ==
        std::optional<analysis::SobolEstimator>(analysis::SobolEstimator::jansen));
  CHECK(step.outcomes == std::vector<std::string>{"gross_releases", "p=a+b"});
  // Patches as for a sweep: 400 replicates in the file, 40 with the patch, 2 with the quick patch over it.
  CHECK(json::parse(step_text(step, false))["replicates"] == 40);
  CHECK(json::parse(step_text(step, true))["replicates"] == 2);

  // Only the method is required; the file's settings stand where the step gives none.
  json minimal = plan();
  minimal["steps"].push_back({{"id", "screen"}, {"kind", "sensitivity"}, {"file", "grid.json"}, {"method", "morris"}});
  write("plan.json", minimal.dump());
  const PlanStep screen = load_experiment_plan(folder()).steps[2];
  CHECK(screen.method == analysis::SensitivityMethod::morris);
  CHECK_FALSE(screen.sensitivity_overrides.second_order.has_value());
  CHECK_FALSE(screen.sensitivity_overrides.estimator.has_value());
  CHECK(screen.outcomes.empty());
}

TEST_CASE("bad sensitivity steps are refused with the file and the JSON pointer") {
  // Each change is merged into the sensitivity step (RFC 7386: null removes a key).
  const std::vector<std::pair<json, std::string>> cases = {
      {{{"method", nullptr}}, "plan.json:/steps/2: expected a key \"method\""},
      {{{"method", "fast"}}, "plan.json:/steps/2/method: expected one of \"sobol\", \"morris\", found \"fast\""},
      {{{"method", 1}}, "plan.json:/steps/2/method: expected one of \"sobol\", \"morris\", found the number 1"},
      {{{"estimator", "sobol"}},
       "plan.json:/steps/2/estimator: expected one of \"saltelli\", \"jansen\", found \"sobol\""},
      {{{"second_order", "yes"}}, "plan.json:/steps/2/second_order: expected a boolean"},
      {{{"outcomes", "gross_releases"}}, "plan.json:/steps/2/outcomes: expected an array"},
      {{{"outcomes", json::array()}}, "plan.json:/steps/2/outcomes: expected at least one outcome"},
      {{{"outcomes", {"gross_releases", 3}}}, "plan.json:/steps/2/outcomes/1: expected a string"},
      // Sobol settings in a Morris step would be ignored: refused at the key.
      {{{"method", "morris"}, {"second_order", nullptr}},
       "plan.json:/steps/2/estimator: expected no \"estimator\" in a morris step (a Sobol setting)"},
      {{{"method", "morris"}},
       "plan.json:/steps/2/second_order: expected no \"second_order\" in a morris step (a Sobol setting), found true"},
      {{{"second_ordr", true}}, "plan.json:/steps/2/second_ordr: expected one of the keys"},
      {{{"second_ordr", true}}, "(did you mean \"second_order\"?)"},
      // A sweep's key is no sensitivity step's.
      {{{"independent_points", true}}, "plan.json:/steps/2/independent_points: expected one of the keys"},
  };
  for (const auto& [change, message] : cases) {
    json document = plan_with_sensitivity();
    document["steps"][2].merge_patch(change);
    INFO(change.dump());
    CHECK_THAT(error_of(document), Contains(message));
  }
  // Nor is a sensitivity step's key a sweep's.
  json sensitivity_key = plan();
  sensitivity_key["steps"][0]["method"] = "sobol";
  CHECK_THAT(error_of(sensitivity_key), Contains("plan.json:/steps/0/method: expected one of the keys"));
}

TEST_CASE("bad plans are refused with the file and the JSON pointer") {
  json typo = plan();
  typo["steps"][0]["quik"] = json::object();
  CHECK_THAT(error_of(typo), Contains("plan.json:/steps/0/quik: expected one of the keys"));
  CHECK_THAT(error_of(typo), Contains("unknown key \"quik\" (did you mean \"quick\"?)"));

  json kind = plan();
  kind["steps"][0]["kind"] = "swep";
  CHECK_THAT(
      error_of(kind),
      Contains("plan.json:/steps/0/kind: expected one of \"sweep\", \"tournament\", \"solve\", \"sensitivity\""));

  json twice = plan();
  twice["steps"][1]["id"] = "grid";
  CHECK_THAT(error_of(twice), Contains("plan.json:/steps/1: expected a step id used once, found \"grid\" again"));

  json bad_id = plan();
  bad_id["steps"][0]["id"] = "Grid Run";
  CHECK_THAT(error_of(bad_id), Contains("plan.json:/steps/0/id: expected 1 to 64 characters of a-z, 0-9 and _"));

  json missing = plan();
  missing["steps"][0]["file"] = "nowhere.json";
  CHECK_THAT(error_of(missing), Contains("plan.json:/steps/0/file: expected a path to an existing file"));

  json quick_solve = plan();
  quick_solve["steps"][1]["quick"] = json::object();
  CHECK_THAT(error_of(quick_solve), Contains("plan.json:/steps/1/quick: expected no \"quick\" in a solve step"));

  json not_object = plan();
  not_object["steps"][0]["quick"] = 6;
  CHECK_THAT(error_of(not_object), Contains("plan.json:/steps/0/quick: expected an object"));

  json empty = plan();
  empty["steps"] = json::array();
  CHECK_THAT(error_of(empty), Contains("plan.json:/steps: expected at least one step, found an empty array"));

  json no_question = plan();
  no_question.erase("question");
  CHECK_THAT(error_of(no_question), Contains("plan.json:/: expected a key \"question\""));

  std::filesystem::remove(folder() / "plan.json");
  try {
    load_experiment_plan(folder());
    FAIL("no error for a folder without plan.json");
  } catch (const config::ConfigError& e) {
    CHECK_THAT(e.what(), Contains("plan.json:/: expected a readable JSON file, found no such file"));
  }
}
