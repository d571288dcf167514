#include "engine/util/partial_area.hpp"

#include "engine/config/json_reader.hpp"
#include "engine/util/atomic_file.hpp"

namespace leverage {

bool open_partial_area(const std::filesystem::path& area, const nlohmann::ordered_json& plan, bool resume) {
  const std::filesystem::path plan_file = area / "plan.json";
  const std::string wanted = plan.dump(2) + "\n";
  if (resume && std::filesystem::exists(plan_file)) {
    const std::string text = read_file(plan_file);
    if (text == wanted) return true;
    // Name the first difference, so that the message says what to change (another seed, another file).
    const auto found = nlohmann::ordered_json::parse(text, nullptr, false);
    std::string key;
    std::string theirs = "something else";
    for (const auto& [name, value] : plan.items()) {
      if (found.is_object() && found.contains(name) && found[name] == value) continue;
      key = name;
      if (found.is_object() && found.contains(name)) theirs = found[name].dump();
      break;
    }
    std::string expected = "the plan of this run and these options";
    if (!key.empty()) expected.append(" (").append(key).append(" ").append(plan[key].dump()).append(")");
    std::string what = "a partial run of another plan";
    if (!key.empty()) what.append(" (").append(key).append(" ").append(theirs).append(")");
    what.append("; run without --resume to start over");
    throw config::ConfigError(plan_file.string(), key.empty() ? "/" : "/" + config::escape_pointer_token(key),
                              expected, what);
  }
  std::filesystem::remove_all(area);
  ensure_directory(area);
  write_file_atomic(plan_file, wanted);
  return false;
}

void close_partial_area(const std::filesystem::path& area) {
  std::filesystem::remove_all(area);
  std::error_code ignored;
  std::filesystem::remove(area.parent_path(), ignored);  // only when no other run is in progress
}

}  // namespace leverage
