#include "engine/plan/experiment_plan.hpp"

#include <set>

#include "engine/config/json_reader.hpp"
#include "engine/sweep/experiment.hpp"
#include "engine/util/hash.hpp"

namespace leverage {

const char* step_kind_name(StepKind kind) {
  switch (kind) {
    case StepKind::sweep:
      return "sweep";
    case StepKind::tournament:
      return "tournament";
    case StepKind::solve:
      return "solve";
    case StepKind::sensitivity:
      return "sensitivity";
  }
  return "?";
}

namespace {

bool valid_id(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (const char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

// A path relative to the plan's folder that names an existing file.
std::filesystem::path existing_file(const config::Node& node, const std::filesystem::path& folder) {
  const std::string reference = node.as_string();
  const std::filesystem::path path = (folder / reference).lexically_normal();
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error))
    node.fail("a path to an existing file, relative to " + folder.string(),
              "\"" + reference + "\" (no file " + path.string() + ")");
  return path;
}

// A sensitivity step's settings: the choices `leverage sensitivity` takes as flags.
void read_sensitivity(config::ObjectReader& reader, PlanStep& step) {
  const config::Node method = reader.required("method");
  step.method = method.as_enum({"sobol", "morris"}) == "sobol" ? analysis::SensitivityMethod::sobol
                                                               : analysis::SensitivityMethod::morris;
  // Second order and the estimator are Sobol settings: in a Morris step they would be ignored.
  for (const char* key : {"second_order", "estimator"}) {
    const auto node = reader.optional(key);
    if (node && step.method == analysis::SensitivityMethod::morris)
      node->fail(std::string("no \"") + key + "\" in a morris step (a Sobol setting)", node->describe());
  }
  if (reader.optional("second_order")) step.sensitivity_overrides.second_order = reader.boolean("second_order");
  if (const auto estimator = reader.optional("estimator"))
    step.sensitivity_overrides.estimator = estimator->as_enum({"saltelli", "jansen"}) == "jansen"
                                               ? analysis::SobolEstimator::jansen
                                               : analysis::SobolEstimator::saltelli;
  if (const auto outcomes = reader.optional("outcomes")) {
    // The names are checked against the sweep's columns where the design is known (cli/cmd_experiment.cpp).
    outcomes->require_array();
    if (outcomes->size() == 0)
      outcomes->fail("at least one outcome (or no \"outcomes\": every _mean column)", "an empty array");
    for (std::size_t i = 0; i < outcomes->size(); ++i) step.outcomes.push_back(outcomes->element(i).as_string());
  }
}

PlanStep read_step(const config::Node& node, const std::filesystem::path& folder) {
  config::ObjectReader reader(node);
  PlanStep step;
  step.pointer = node.pointer();
  const config::Node id = reader.required("id");
  step.id = id.as_string();
  if (!valid_id(step.id))
    id.fail("1 to 64 characters of a-z, 0-9 and _ (it names the step's output folder)", id.describe());
  const std::string kind = reader.required("kind").as_enum({"sweep", "tournament", "solve", "sensitivity"});
  for (const StepKind candidate : {StepKind::sweep, StepKind::tournament, StepKind::solve, StepKind::sensitivity})
    if (kind == step_kind_name(candidate)) step.kind = candidate;
  const config::Node file = reader.required("file");
  step.file_reference = file.as_string();
  step.file = existing_file(file, folder);
  // A game file is read with its `set` overrides and solved the same at every size, so a solve
  // step takes neither patch: one would be ignored.
  for (const char* key : {"patch", "quick"}) {
    const auto patch = reader.optional(key);
    if (!patch) continue;
    if (step.kind == StepKind::solve)
      patch->fail(std::string("no \"") + key + "\" in a solve step (use \"set\")", "one");
    patch->require_object();
    (std::string_view(key) == "patch" ? step.patch : step.quick) = patch->json();
  }
  if (step.kind == StepKind::sweep) step.independent_points = reader.boolean("independent_points", false);
  if (step.kind == StepKind::solve) {
    step.solver = reader.string("solver", "");
    if (const auto options = reader.optional("options")) {
      options->require_object();  // its keys are the solver's, checked where the solver is known
      step.options = options->json();
    }
    if (const auto set = reader.optional("set")) {
      set->require_array();
      for (std::size_t i = 0; i < set->size(); ++i) step.overrides.push_back(set->element(i).as_string());
    }
  }
  if (step.kind == StepKind::sensitivity) read_sensitivity(reader, step);
  reader.finish();
  return step;
}

}  // namespace

ExperimentPlan load_experiment_plan(const std::filesystem::path& folder_or_file) {
  ExperimentPlan plan;
  std::error_code error;
  const bool is_folder = std::filesystem::is_directory(folder_or_file, error);
  plan.file = is_folder ? folder_or_file / "plan.json" : folder_or_file;
  plan.folder = is_folder ? folder_or_file : folder_or_file.parent_path();
  if (plan.folder.empty()) plan.folder = ".";
  // The bytes are read once: the hash names exactly what was parsed.
  const std::string text = read_experiment_file(plan.file);
  plan.hash = sha256_hex(text);
  const nlohmann::json document = config::parse_json_text(text, plan.file.string());
  config::ObjectReader reader(config::Node(document, plan.file.string()));
  std::filesystem::path folder_name = std::filesystem::absolute(plan.folder, error).lexically_normal();
  if (!folder_name.has_filename()) folder_name = folder_name.parent_path();
  plan.name = reader.string("name", folder_name.filename().string());
  plan.question = reader.string("question");
  const config::Node steps = reader.required("steps");
  steps.require_array();
  if (steps.size() == 0) steps.fail("at least one step", "an empty array");
  std::set<std::string> ids;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    plan.steps.push_back(read_step(steps.element(i), plan.folder));
    if (!ids.insert(plan.steps.back().id).second)
      steps.element(i).fail("a step id used once", "\"" + plan.steps.back().id + "\" again");
  }
  if (const auto analysis = reader.optional("analysis")) plan.analysis = existing_file(*analysis, plan.folder);
  reader.finish();
  return plan;
}

std::string step_text(const PlanStep& step, bool quick) {
  const std::string text = read_experiment_file(step.file);
  const bool quick_patch = quick && !step.quick.is_null();
  if (step.patch.is_null() && !quick_patch) return text;
  nlohmann::json document = config::parse_json_text(text, step.file.string());
  if (!document.is_object())
    throw config::ConfigError(step.file.string(), "/", "a JSON object (the step's patch is laid over it)",
                              "another value");
  if (!step.patch.is_null()) document.merge_patch(step.patch);
  if (quick_patch) document.merge_patch(step.quick);
  return document.dump(2) + "\n";
}

}  // namespace leverage
