#include "engine/io/play_inputs.hpp"

#include <array>
#include <charconv>
#include <fstream>
#include <sstream>

namespace leverage {

PlayInputsError::PlayInputsError(const std::string& file, int row, const std::string& field,
                                 const std::string& expected, const std::string& found)
    : std::runtime_error(file + ": row " + std::to_string(row) + ", field " + field + ": expected " + expected +
                         ", found " + found) {}

const char* answer_name(DeadlineAnswer answer) {
  switch (answer) {
    case DeadlineAnswer::comply:
      return "comply";
    case DeadlineAnswer::partly:
      return "partly";
    case DeadlineAnswer::defy:
      return "defy";
  }
  return "defy";
}

std::optional<DeadlineAnswer> parse_answer(std::string_view text) {
  for (DeadlineAnswer answer : {DeadlineAnswer::comply, DeadlineAnswer::partly, DeadlineAnswer::defy})
    if (text == answer_name(answer)) return answer;
  return std::nullopt;
}

const PlayChoice* PlayInputs::choice(int week, std::size_t actor) const {
  for (const PlayChoice& c : choices)
    if (c.week == week && c.actor == actor) return &c;
  return nullptr;
}

const PlayPrediction* PlayInputs::prediction(int week, std::size_t sender) const {
  for (const PlayPrediction& p : predictions)
    if (p.week == week && p.actor == sender) return &p;
  return nullptr;
}

ForcedActions PlayInputs::forced_actions() const {
  return [this](int week, std::size_t actor) -> std::optional<std::size_t> {
    const PlayChoice* c = choice(week, actor);
    if (c == nullptr) return std::nullopt;
    return c->action;
  };
}

namespace {

std::string in_quotes(std::string_view text) {
  return "\"" + std::string(text) + "\"";
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

std::vector<std::string_view> split_fields(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = line.find(',', start);
    fields.push_back(
        trim(line.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start)));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return fields;
}

std::string known_ids(const Scenario& scenario) {
  std::string ids;
  for (const ActorSpec& actor : scenario.actors) ids.append(ids.empty() ? "" : ", ").append(actor.id);
  return ids;
}

std::string menu_ids(const ActorSpec& actor) {
  std::string ids;
  for (const ActionSpec& action : actor.menu) ids.append(ids.empty() ? "" : ", ").append(action.id);
  return ids;
}

}  // namespace

PlayInputs parse_play_inputs(std::string_view text, const std::string& label, const Scenario& scenario, int weeks) {
  static constexpr std::array<std::string_view, 4> kHeader{"kind", "week", "actor", "action"};
  PlayInputs inputs;
  inputs.file = label;
  bool header_seen = false;
  int row = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = trim(text.substr(start, end - start));
    start = end + 1;
    ++row;
    if (line.empty() || line.front() == '#') {
      if (end == text.size()) break;
      continue;
    }
    const std::vector<std::string_view> fields = split_fields(line);
    if (!header_seen) {
      for (std::size_t f = 0; f < kHeader.size(); ++f)
        if (fields.size() != kHeader.size() || fields[f] != kHeader[f])
          throw PlayInputsError(label, row, "header", "the header kind,week,actor,action", in_quotes(line));
      header_seen = true;
      continue;
    }
    if (fields.size() != kHeader.size())
      throw PlayInputsError(label, row, "(row)", "4 fields (kind,week,actor,action)",
                            std::to_string(fields.size()) + " fields");
    const std::string_view kind = fields[0];
    if (kind != "choose" && kind != "predict")
      throw PlayInputsError(label, row, "kind", "choose or predict", in_quotes(kind));
    int week = 0;
    const auto [end_ptr, error] = std::from_chars(fields[1].data(), fields[1].data() + fields[1].size(), week);
    if (error != std::errc{} || end_ptr != fields[1].data() + fields[1].size() || week < 1 || week > weeks)
      throw PlayInputsError(label, row, "week", "a week from 1 to " + std::to_string(weeks), in_quotes(fields[1]));
    const int actor = scenario.actor_index(fields[2]);
    if (actor < 0)
      throw PlayInputsError(label, row, "actor", "an actor id (" + known_ids(scenario) + ")", in_quotes(fields[2]));
    const ActorSpec& spec = scenario.actors[static_cast<std::size_t>(actor)];
    const auto index = static_cast<std::size_t>(actor);
    if (kind == "choose") {
      std::size_t action = spec.menu.size();
      for (std::size_t k = 0; k < spec.menu.size(); ++k)
        if (spec.menu[k].id == fields[3]) action = k;
      if (action == spec.menu.size())
        throw PlayInputsError(label, row, "action", "one of " + spec.id + "'s actions (" + menu_ids(spec) + ")",
                              in_quotes(fields[3]));
      if (const PlayChoice* earlier = inputs.choice(week, index))
        throw PlayInputsError(label, row, "week", "one choice per actor and week",
                              "a second choice for " + spec.id + " in week " + std::to_string(week) +
                                  " (the first is on row " + std::to_string(earlier->row) + ")");
      inputs.choices.push_back({week, index, action, row});
    } else {
      const std::optional<DeadlineAnswer> answer = parse_answer(fields[3]);
      if (!answer) throw PlayInputsError(label, row, "action", "comply, partly or defy", in_quotes(fields[3]));
      if (actor == scenario.target)
        throw PlayInputsError(label, row, "actor", "the sender of an ultimatum",
                              in_quotes(fields[2]) + " (the target)");
      if (const PlayPrediction* earlier = inputs.prediction(week, index))
        throw PlayInputsError(label, row, "week", "one prediction per sender and deadline",
                              "a second prediction (the first is on row " + std::to_string(earlier->row) + ")");
      inputs.predictions.push_back({week, index, *answer, row});
    }
    if (end == text.size()) break;
  }
  if (!header_seen) throw PlayInputsError(label, 1, "header", "the header kind,week,actor,action", "an empty file");
  return inputs;
}

PlayInputs read_play_inputs(const std::filesystem::path& path, const Scenario& scenario, int weeks) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw PlayInputsError(path.string() + ": cannot read the inputs file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_play_inputs(text.str(), path.string(), scenario, weeks);
}

void check_choices_feasible(const PlayInputs& inputs, const Scenario& scenario, const RunRecord& record) {
  const std::size_t n = scenario.actors.size();
  for (const PlayChoice& c : inputs.choices) {
    const auto w = static_cast<std::size_t>(c.week - 1);
    if (w >= record.actions.size()) continue;  // beyond the run's horizon (a shorter --weeks)
    const DecisionRecord& decision = record.decisions[w * n + c.actor];
    if (!(decision.feasible >> c.action & 1U))
      throw PlayInputsError(inputs.file, c.row, "action", "an action feasible in week " + std::to_string(c.week),
                            in_quotes(scenario.actors[c.actor].menu[c.action].id) + ", which " +
                                scenario.actors[c.actor].id + " cannot take then (its precondition does not hold)");
  }
}

}  // namespace leverage
