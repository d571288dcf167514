#include "viewer/data/class_play.hpp"

#include <algorithm>

#include "engine/io/run_outputs.hpp"
#include "engine/util/atomic_file.hpp"
#include "engine/util/csv.hpp"

namespace leverage::viewer {

std::string class_results_csv(const LiveRun& play) {
  const Scenario& scenario = play.scenario();
  std::string out = "kind,week,actor,student_action,ai_action,student_value,ai_value,prediction,outcome,correct\n";
  CsvRow row;
  for (const HumanDecision& d : play.human_decisions()) {
    const ActorSpec& actor = scenario.actors[d.actor];
    row.add("choice").add(d.week).add(actor.id).add(actor.menu[d.student_action].id).add(actor.menu[d.ai_action].id);
    row.add(d.student_value).add(d.ai_value).add_empty().add_empty().add_empty();
    row.end_row(out);
  }
  for (const DeadlineResult& r : play.deadlines()) {
    row.add("prediction").add(r.week).add(scenario.actors[r.sender].id).add_empty().add_empty().add_empty().add_empty();
    if (r.predicted) {
      row.add(answer_name(*r.predicted)).add(answer_name(r.actual)).add(*r.predicted == r.actual ? 1 : 0);
    } else {
      row.add_empty().add(answer_name(r.actual)).add_empty();
    }
    row.end_row(out);
  }
  return out;
}

std::vector<std::filesystem::path> write_play_outputs(const std::filesystem::path& directory, const LiveRun& play) {
  std::vector<std::filesystem::path> files =
      write_run_outputs(directory, play.scenario(), play.record(), play.key(), play.week());
  files.push_back(directory / "class_results.csv");
  write_file_atomic(files.back(), class_results_csv(play));
  return files;
}

namespace {

std::string player_ids(const LiveRun& play) {
  std::string ids;
  for (std::size_t p : play.players()) ids.append(ids.empty() ? "" : ", ").append(play.scenario().actors[p].id);
  return ids;
}

}  // namespace

void play_inputs(LiveRun& play, const PlayInputs& inputs, bool require_every_week, int until_week) {
  const Scenario& scenario = play.scenario();
  const auto& players = play.players();
  for (const PlayChoice& c : inputs.choices)
    if (std::find(players.begin(), players.end(), c.actor) == players.end())
      throw PlayInputsError(inputs.file, c.row, "actor", "a played capital (" + player_ids(play) + ")",
                            "\"" + scenario.actors[c.actor].id + "\"");
  std::vector<bool> matched(inputs.predictions.size(), false);
  const int last = until_week < 0 ? play.weeks() : std::min(until_week, play.weeks());
  while (!play.finished() && play.week() < last) {
    const int week = play.week() + 1;
    for (int u : play.predictable_ultimatums()) {
      const UltimatumState& ultimatum = play.state().ultimatums[static_cast<std::size_t>(u)];
      const PlayPrediction* p = inputs.prediction(ultimatum.deadline_week, static_cast<std::size_t>(ultimatum.sender));
      if (p == nullptr) continue;
      play.predict(u, p->answer);
      matched[static_cast<std::size_t>(p - inputs.predictions.data())] = true;
    }
    while (play.week() + 1 == week) {
      const std::size_t actor = *play.current_player();
      const PlayChoice* c = inputs.choice(week, actor);
      if (c == nullptr) {
        if (!require_every_week) return;
        throw PlayInputsError(inputs.file + ": no choose row for " + scenario.actors[actor].id + " in week " +
                              std::to_string(week) + " (a played capital chooses every week)");
      }
      if (const auto refused = play.choose(actor, c->action))
        throw PlayInputsError(inputs.file, c->row, "action",
                              "an action " + scenario.actors[actor].id + " can take in week " + std::to_string(week),
                              *refused);
    }
  }
  if (!play.finished()) return;
  for (std::size_t k = 0; k < inputs.predictions.size(); ++k)
    if (!matched[k]) {
      const PlayPrediction& p = inputs.predictions[k];
      throw PlayInputsError(inputs.file, p.row, "week",
                            "the deadline week of an ultimatum by " + scenario.actors[p.actor].id + " in this play",
                            std::to_string(p.week));
    }
}

}  // namespace leverage::viewer
