// Bad input never crashes: thousands of mutations of the default scenario (a key removed, a value
// replaced by another type, a number pushed out of range) each either load, and then run, or are
// refused with a ConfigError; no other exception escapes and nothing crashes.
#include <catch2/catch.hpp>
#include <fstream>

#include "engine/config/json_reader.hpp"
#include "engine/model/scenario_loader.hpp"
#include "engine/rng/rng.hpp"
#include "engine/sim/simulation.hpp"
#include "tests/support/lab.hpp"

using namespace leverage;

namespace {

void collect(const nlohmann::json& value, const nlohmann::json::json_pointer& at, std::vector<nlohmann::json::json_pointer>& out) {
  out.push_back(at);
  if (value.is_object())
    for (const auto& [key, child] : value.items()) collect(child, at / key, out);
  if (value.is_array())
    for (std::size_t k = 0; k < value.size(); ++k) collect(value[k], at / k, out);
}

}  // namespace

TEST_CASE("mutated scenarios load and run, or are refused with a config error") {
  const nlohmann::json original =
      config::parse_json_file(test::source_path("scenarios/belarus_2024.json"));
  std::vector<nlohmann::json::json_pointer> pointers;
  collect(original, nlohmann::json::json_pointer(), pointers);
  const std::vector<nlohmann::json> replacements{
      nullptr, "x", -1, 0, 1, 2.5, 1e300, -1e300, true, nlohmann::json::array(), nlohmann::json::object(), 100000, "minsk", "hold"};
  rng::Rng random(20241124);
  int refused = 0, accepted = 0;
  for (int trial = 0; trial < 3000; ++trial) {
    nlohmann::json document = original;
    const auto& pointer = pointers[random() % pointers.size()];
    if (pointer.empty()) continue;
    if (random() % 4 == 0) {
      document[pointer.parent_pointer()].is_object() ? (void)document[pointer.parent_pointer()].erase(pointer.back())
                                                     : (void)document[pointer.parent_pointer()].erase(std::stoul(pointer.back()));
    } else {
      document[pointer] = replacements[random() % replacements.size()];
    }
    INFO("trial " << trial << ": " << pointer.to_string() << " -> " << (document.contains(pointer) ? document[pointer].dump() : "removed"));
    try {
      const auto scenario = load_scenario_document(document, "mutated.json");
      ++accepted;
      REQUIRE_NOTHROW(run_replicate(*scenario, ReplicateKey{1, 0, static_cast<std::uint64_t>(trial)}, std::min(scenario->weeks, 30)));
    } catch (const config::ConfigError& e) {
      ++refused;
      const std::string message = e.what();
      CHECK(message.rfind("mutated.json:/", 0) == 0);
      CHECK(message.find(": expected ") != std::string::npos);
      CHECK(message.find(", found ") != std::string::npos);
    }
  }
  CHECK(refused > 100);
  CHECK(accepted > 100);
}
