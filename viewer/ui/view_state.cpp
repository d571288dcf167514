#include "viewer/ui/view_state.hpp"

#include <exception>

#include "viewer/data/class_play.hpp"

namespace leverage::viewer::ui {

namespace {
nlohmann::json color_json(ImU32 color) {
  return nlohmann::json::array(
      {(color >> IM_COL32_R_SHIFT) & 0xFF, (color >> IM_COL32_G_SHIFT) & 0xFF, (color >> IM_COL32_B_SHIFT) & 0xFF});
}
}  // namespace

void RegionLog::rect(const std::string& name, ImVec2 min, ImVec2 max, nlohmann::json extra) {
  extra["rect"] = {min.x, min.y, max.x, max.y};
  regions_[name] = std::move(extra);
}

void RegionLog::point(const std::string& name, ImVec2 at, ImU32 color, nlohmann::json extra) {
  extra["point"] = {at.x, at.y};
  extra["color"] = color_json(color);
  regions_[name] = std::move(extra);
}

int ViewState::last_week() const {
  if ((mode == Mode::replay || mode == Mode::compare) && run) {
    int weeks = run->weeks();
    if (mode == Mode::compare && other) weeks = std::max(weeks, other->weeks());
    return weeks;
  }
  if (mode == Mode::ensemble && ensemble) return ensemble->weeks;
  if (mode == Mode::play && play.live) return play.live->week();
  return 0;
}

void open_replay(ViewState& state, const std::filesystem::path& file, bool from_ensemble) {
  try {
    state.run.emplace(load_replay_run(file));
    state.other.reset();
    state.play = ClassPlayState{};
    state.parameters.base = state.run->scenario_ptr();
    state.parameters.sliders = key_parameters(state.run->scenario());
    state.mode = Mode::replay;
    state.run_from_ensemble = from_ensemble && state.ensemble.has_value();
    if (!state.run_from_ensemble) state.ensemble.reset();
    state.playback = Playback{};
    state.selected_actor = 0;
    state.message = "opened " + file.string() + " (replay verified)";
  } catch (const std::exception& e) {
    state.message = e.what();
  }
}

void open_ensemble(ViewState& state, const std::filesystem::path& directory) {
  try {
    state.ensemble.emplace(load_ensemble(directory));
    state.run.reset();
    state.other.reset();
    state.mode = Mode::ensemble;
    state.run_from_ensemble = false;
    state.ensemble_view = EnsembleViewState{};
    state.playback = Playback{};
    state.playback.week = state.ensemble->weeks;
    state.message = "opened ensemble " + directory.string();
  } catch (const std::exception& e) {
    state.message = e.what();
  }
}

void open_compare(ViewState& state, const std::filesystem::path& a, const std::filesystem::path& b) {
  try {
    RunData first = load_replay_run(a);
    RunData second = load_replay_run(b);
    state.divergence = first_divergence(first, second);
    state.run.emplace(std::move(first));
    state.other.emplace(std::move(second));
    state.ensemble.reset();
    state.mode = Mode::compare;
    state.run_from_ensemble = false;
    state.playback = Playback{};
    if (state.divergence.diverge) state.playback.week = std::max(state.divergence.week, 0);
    state.message = state.divergence.describe();
  } catch (const std::exception& e) {
    state.message = e.what();
  }
}

void open_path(ViewState& state, const std::filesystem::path& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    open_ensemble(state, path);
  } else {
    open_replay(state, path);
  }
}

void rerun_with_sliders(ViewState& state) {
  if (!state.run || !state.parameters.base) return;
  try {
    const std::vector<std::string> overrides = slider_overrides(state.parameters.sliders);
    const auto scenario =
        overrides.empty() ? state.parameters.base : apply_sliders(*state.parameters.base, state.parameters.sliders);
    std::string label = state.run->label();
    if (const auto cut = label.find(" [sliders"); cut != std::string::npos) label.resize(cut);
    std::string described;
    for (const std::string& o : overrides) described.append(described.empty() ? "" : " ").append(o);
    if (!overrides.empty()) label += " [sliders: " + described + "]";
    state.run.emplace(simulate_run(label, scenario, state.run->key(), state.run->weeks()));
    state.playback.week = std::min(state.playback.week, state.run->weeks());
    state.message = overrides.empty() ? "re-ran with the scenario's own values" : "re-ran with --set " + described;
  } catch (const std::exception& e) {
    state.message = e.what();
  }
}

void start_play(ViewState& state, std::vector<std::size_t> players) {
  if (!state.run) {
    state.message = "open a replay first: a class plays the capitals of its run";
    return;
  }
  try {
    const RunData& run = *state.run;
    ClassPlayState play;
    play.hidden_types = state.play.hidden_types;
    play.out_dir = state.play.out_dir;
    play.setup = state.play.setup;
    play.live.emplace(run.scenario_ptr(), run.key(), run.weeks(), std::move(players));
    state.play = std::move(play);
    state.mode = Mode::play;
    state.other.reset();
    state.playback = Playback{};
    refresh_play(state);
    std::string played;
    for (std::size_t p : state.play.live->players())
      played.append(played.empty() ? "" : ", ").append(run.scenario().actors[p].name);
    state.message =
        run.scenario().name + ", seed " + std::to_string(run.key().master_seed) + ", students play " + played;
  } catch (const std::exception& e) {
    state.message = e.what();
  }
}

void refresh_play(ViewState& state) {
  ClassPlayState& play = state.play;
  if (!play.live) return;
  const LiveRun& live = *play.live;
  play.so_far.emplace("class play", live.scenario_ptr(), live.key(), live.week(), live.record());
  state.playback.week = live.week();
  if (!live.finished() || play.ai) return;
  play.ai.emplace(simulate_run("the rules' play", live.scenario_ptr(), live.key(), live.weeks()));
  if (play.out_dir.empty()) return;
  try {
    play.written = write_play_outputs(play.out_dir, live);
  } catch (const std::exception& e) {
    play.notice = e.what();
  }
}

}  // namespace leverage::viewer::ui
