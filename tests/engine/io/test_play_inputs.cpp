// The inputs file of a class play (engine/io/play_inputs.hpp): what it accepts, and that every
// mistake names the file, the row and the field.
#include <catch2/catch.hpp>

#include "engine/io/play_inputs.hpp"
#include "engine/model/scenario_loader.hpp"

using namespace leverage;

namespace {
std::shared_ptr<const Scenario> belarus() {
  return load_scenario(std::string(LEVERAGE_SOURCE_DIR) + "/scenarios/belarus_2024.json");
}
}  // namespace

TEST_CASE("play inputs: choose and predict rows map to actor and menu indices", "[play_inputs]") {
  const auto scenario = belarus();
  // belarus_2024.json: actors minsk(0), warsaw(1), brussels(2), beijing(3), moscow(4); Brussels's
  // menu is status_quo(0), ultimatum(1), execute(2), ...; Warsaw's is hold(0), routine_control(1).
  const PlayInputs inputs = parse_play_inputs(
      "# a comment\nkind,week,actor,action\nchoose,1,brussels,ultimatum\n\nchoose, 2 ,warsaw,routine_control\r\n"
      "predict,13,brussels,defy\n",
      "class.csv", *scenario, 20);
  REQUIRE(inputs.choices.size() == 2);
  CHECK(inputs.choices[0].week == 1);
  CHECK(inputs.choices[0].actor == 2);
  CHECK(inputs.choices[0].action == 1);
  CHECK(inputs.choices[0].row == 3);  // line 3 of the file (the comment is line 1)
  CHECK(inputs.choices[1].actor == 1);
  CHECK(inputs.choices[1].action == 1);
  CHECK(inputs.choices[1].row == 5);
  REQUIRE(inputs.predictions.size() == 1);
  CHECK(inputs.predictions[0].week == 13);
  CHECK(inputs.predictions[0].answer == DeadlineAnswer::defy);
  const ForcedActions forced = inputs.forced_actions();
  CHECK(forced(1, 2) == std::optional<std::size_t>(1));
  CHECK_FALSE(forced(1, 1).has_value());  // Warsaw's rule decides week 1
}

TEST_CASE("play inputs: each mistake names the file, row and field", "[play_inputs]") {
  const auto scenario = belarus();
  const auto fails = [&](const std::string& text, const std::string& message) {
    CHECK_THROWS_WITH(parse_play_inputs(text, "class.csv", *scenario, 20), Catch::Contains(message));
  };
  fails("", "class.csv: row 1, field header: expected the header kind,week,actor,action, found an empty file");
  fails("kind,week,who,action\n", "row 1, field header");
  fails("kind,week,actor,action\nchose,1,brussels,ultimatum\n", "row 2, field kind: expected choose or predict");
  fails("kind,week,actor,action\nchoose,0,brussels,ultimatum\n", "row 2, field week: expected a week from 1 to 20");
  fails("kind,week,actor,action\nchoose,21,brussels,ultimatum\n", "found \"21\"");
  fails("kind,week,actor,action\nchoose,2x,brussels,ultimatum\n", "found \"2x\"");
  fails("kind,week,actor,action\nchoose,1,brusels,ultimatum\n", "row 2, field actor: expected an actor id (minsk");
  fails("kind,week,actor,action\nchoose,1,brussels,ultimatm\n",
        "row 2, field action: expected one of brussels's actions (status_quo, ultimatum");
  fails("kind,week,actor,action\nchoose,1,brussels\n", "row 2, field (row): expected 4 fields");
  fails("kind,week,actor,action\nchoose,1,brussels,ultimatum\nchoose,1,brussels,status_quo\n",
        "row 3, field week: expected one choice per actor and week");
  fails("kind,week,actor,action\npredict,5,brussels,maybe\n", "row 2, field action: expected comply, partly or defy");
  fails("kind,week,actor,action\npredict,5,minsk,defy\n", "field actor: expected the sender of an ultimatum");
}

TEST_CASE("play inputs: an infeasible forced choice is refused after the run", "[play_inputs]") {
  const auto scenario = belarus();
  // Week 1: Brussels has no ultimatum of its own, so "execute" (execute_threat) is infeasible.
  const PlayInputs inputs =
      parse_play_inputs("kind,week,actor,action\nchoose,1,brussels,execute\n", "class.csv", *scenario, 3);
  const ForcedActions forced = inputs.forced_actions();
  RunRecord record;
  run_replicate(*scenario, ReplicateKey{1, 0, 0}, 3, &record, &forced);
  CHECK_THROWS_WITH(check_choices_feasible(inputs, *scenario, record),
                    Catch::Contains("class.csv: row 2, field action: expected an action feasible in week 1"));
}
