// A golden playthrough (OpenSpiel's integration_tests/playthroughs): belarus_2024 with seed 1, its
// action log week by week and its summary, kept in tests/golden/. A behaviour change shows as a
// reviewed diff of that file. Regenerate deliberately with LEVERAGE_UPDATE_GOLDEN=1 ./build/tests/leverage_tests golden.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "engine/io/run_outputs.hpp"
#include "engine/model/scenario_loader.hpp"
#include "tests/support/lab.hpp"

using namespace leverage;

namespace {

std::string playthrough(const Scenario& s, std::uint64_t seed) {
  RunRecord record;
  const ReplicateKey key{seed, 0, 0};
  const WorldState end = run_replicate(s, key, s.weeks, &record);
  std::ostringstream out;
  out << "# golden playthrough: " << s.name << ", seed " << seed << ", " << s.weeks << " weeks\n";
  out << "# scenario sha256 " << s.config_hash << "\n";
  for (std::size_t w = 0; w < record.actions.size(); ++w) {
    out << "week " << w + 1 << ":";
    for (std::size_t i = 0; i < s.actors.size(); ++i)
      out << " " << s.actors[i].id << "=" << s.actors[i].menu[record.actions[w].action[i]].id;
    out << "\n";
  }
  auto summary = run_summary(s, end, key, s.weeks);
  summary.erase("git_commit");  // the playthrough is about behaviour, not which commit produced it
  summary.erase("version");
  out << summary.dump(2) << "\n";
  return out.str();
}

}  // namespace

TEST_CASE("golden playthrough: belarus_2024, seed 1") {
  const auto s = load_scenario(test::source_path("scenarios/belarus_2024.json"));
  const std::string actual = playthrough(*s, 1);
  const std::string path = test::source_path("tests/golden/belarus_2024_seed1.txt");
  if (std::getenv("LEVERAGE_UPDATE_GOLDEN")) {
    std::ofstream(path) << actual;
    WARN("rewrote " << path);
  }
  std::ifstream file(path);
  REQUIRE(file.good());
  std::stringstream expected;
  expected << file.rdbuf();
  CHECK(actual == expected.str());
}
