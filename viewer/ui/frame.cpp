// The frame: the main menu (File, View), the status line, and each mode's fixed windows, laid out
// from the display size (ImGui 1.86 has no docking).
#include <algorithm>
#include <cmath>

#include "viewer/ui/views.hpp"

namespace leverage::viewer::ui {

bool begin_fixed(const char* name, const Box& box, ImGuiWindowFlags extra) {
  ImGui::SetNextWindowPos(box.pos, ImGuiCond_Always);
  ImGui::SetNextWindowSize(box.size, ImGuiCond_Always);
  return ImGui::Begin(name, nullptr,
                      ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                          ImGuiWindowFlags_NoSavedSettings | extra);
}

void draw_main_menu(ViewState& state) {
  if (!ImGui::BeginMainMenuBar()) return;
  if (ImGui::BeginMenu("File")) {
    if (ImGui::MenuItem("Open replay or ensemble...")) {
      state.browser.open = true;
      state.browser.purpose = "open";
    }
    if (ImGui::MenuItem("Compare with another replay...", nullptr, false, state.mode == Mode::replay)) {
      state.browser.open = true;
      state.browser.purpose = "compare";
    }
    if (ImGui::MenuItem("Back to the ensemble", nullptr, false, state.run_from_ensemble)) {
      state.mode = Mode::ensemble;
      state.run.reset();
      state.run_from_ensemble = false;
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    if (ImGui::MenuItem("Larger text", "Ctrl +"))
      state.font_scale = std::min(state.font_scale + 0.125f, 3.0f), state.font_rebuild = true;
    if (ImGui::MenuItem("Smaller text", "Ctrl -"))
      state.font_scale = std::max(state.font_scale - 0.125f, 0.625f), state.font_rebuild = true;
    if (ImGui::MenuItem("Text size 100%", "Ctrl 0")) state.font_scale = 1.0f, state.font_rebuild = true;
    ImGui::Separator();
    ImGui::MenuItem("Scenario parameters", nullptr, &state.parameters.open, state.mode == Mode::replay);
    ImGui::EndMenu();
  }
  draw_class_menu(state);
  // The status line: what is open, the last message.
  const char* mode = state.mode == Mode::replay     ? "replay"
                     : state.mode == Mode::ensemble ? "ensemble"
                     : state.mode == Mode::compare  ? "compare"
                     : state.mode == Mode::play     ? "class play"
                                                    : "nothing open";
  ImGui::TextDisabled("| %s", mode);
  if (state.run && state.mode != Mode::ensemble && state.mode != Mode::play) {
    ImGui::TextDisabled("| %s, seed %llu, replicate %llu", state.run->scenario().name.c_str(),
                        static_cast<unsigned long long>(state.run->key().master_seed),
                        static_cast<unsigned long long>(state.run->key().replicate));
  } else if (state.ensemble && state.mode == Mode::ensemble) {
    ImGui::TextDisabled("| %s, %llu replicates", state.ensemble->scenario_name.c_str(),
                        static_cast<unsigned long long>(state.ensemble->replicates));
  }
  if (!state.message.empty()) ImGui::TextDisabled("| %s", state.message.c_str());
  if (!state.font_warning.empty()) ImGui::TextColored(ImVec4(1, 0.6f, 0.3f, 1), "| %s", state.font_warning.c_str());
  ImGui::EndMainMenuBar();
}

void draw_class_menu(ViewState& state) {
  if (!ImGui::BeginMenu("Class", state.run.has_value() && state.mode != Mode::compare)) return;
  const Scenario& scenario = state.run->scenario();
  ClassPlayState& play = state.play;
  play.setup.resize(scenario.actors.size(), false);
  ImGui::TextDisabled("Students play (in this turn order):");
  int ticked = 0;
  for (std::size_t i = 0; i < scenario.actors.size(); ++i) {
    bool on = play.setup[i];
    if (ImGui::Checkbox(scenario.actors[i].name.c_str(), &on)) play.setup[i] = on;
    ticked += play.setup[i] ? 1 : 0;
  }
  ImGui::Checkbox("Hidden types (each student sees only their own)", &play.hidden_types);
  if (ImGui::MenuItem("Start class play", nullptr, false, ticked > 0 && ticked <= 5)) {
    std::vector<std::size_t> players;
    for (std::size_t i = 0; i < scenario.actors.size(); ++i)
      if (play.setup[i]) players.push_back(i);
    start_play(state, players);
  }
  if (ImGui::MenuItem("Leave class play", nullptr, false, state.mode == Mode::play)) {
    state.mode = Mode::replay;
    state.playback = Playback{};
    state.playback.week = state.run->weeks();
  }
  ImGui::EndMenu();
}

void draw_compare_header(ViewState& state, const Box& box) {
  if (!begin_fixed("Comparison", box, ImGuiWindowFlags_NoScrollbar)) {
    ImGui::End();
    return;
  }
  ImGui::Text("A: %s", state.run->label().c_str());
  ImGui::SameLine(0, 24);
  ImGui::TextColored(ImVec4(0.7f, 0.7f, 0.7f, 1), "B (faded): %s", state.other->label().c_str());
  const Divergence& d = state.divergence;
  ImGui::TextColored(d.diverge ? ImVec4(1.0f, 0.8f, 0.25f, 1) : ImVec4(0.6f, 0.9f, 0.6f, 1), "%s",
                     d.describe().c_str());
  if (d.diverge) {
    ImGui::SameLine(0, 16);
    if (ImGui::SmallButton("go to that week")) state.playback.week = d.week, state.playback.playing = false;
  }
  ImGui::End();
}

void draw_frame(ViewState& state, RegionLog& regions) {
  regions.clear();
  handle_keyboard(state);
  draw_main_menu(state);
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const ImVec2 pos = viewport->WorkPos, size = viewport->WorkSize;  // below the menu bar
  // Title bar, the buttons' row, the slider, and the deadline labels under it.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float timeline_height = std::floor(ImGui::GetFrameHeight() * 3 + style.ItemSpacing.y +
                                           ImGui::GetTextLineHeight() + 4 + style.WindowPadding.y * 2);

  switch (state.mode) {
    case Mode::empty: {
      if (begin_fixed("Welcome", {pos, size})) {
        ImGui::TextWrapped(
            "Open a replay file (.lvr, from `leverage run --record`), an ensemble folder (from "
            "`leverage ensemble --keep K`), or two replays to compare: File > Open, or on the "
            "command line: leverage-viewer RUN.lvr | ENSEMBLE_DIR | A.lvr B.lvr");
      }
      ImGui::End();
      break;
    }
    case Mode::replay:
    case Mode::compare: {
      const RunData& run = *state.run;
      const RunData* other = state.mode == Mode::compare ? &*state.other : nullptr;
      const float top_height = other ? std::floor(ImGui::GetFrameHeight() + ImGui::GetTextLineHeightWithSpacing() * 2 +
                                                  ImGui::GetFrameHeight() - ImGui::GetTextLineHeight() +
                                                  ImGui::GetStyle().WindowPadding.y * 2)
                                     : 0;
      const float body_height = size.y - timeline_height - top_height;
      const ImVec2 body(pos.x, pos.y + top_height);
      const float left_width = std::floor(size.x * 0.44f);
      const float map_height = std::floor(body_height * 0.5f);
      const int week = state.playback.week;
      if (other) draw_compare_header(state, {pos, ImVec2(size.x, top_height)});
      draw_map(run, week, {body, ImVec2(left_width, map_height)}, regions);
      draw_decisions(state, run, std::min(week, run.weeks()),
                     {ImVec2(body.x, body.y + map_height), ImVec2(left_width, body_height - map_height)});
      draw_run_plots(run, other, week, other ? state.divergence.week : -1,
                     {ImVec2(body.x + left_width, body.y), ImVec2(size.x - left_width, body_height)}, regions);
      draw_timeline(state, {ImVec2(pos.x, pos.y + size.y - timeline_height), ImVec2(size.x, timeline_height)});
      break;
    }
    case Mode::ensemble:
      draw_ensemble(state, {pos, size}, regions);
      break;
    case Mode::play: {
      const RunData& run = *state.play.so_far;
      const float left_width = std::floor(size.x * 0.44f);
      const Box right{ImVec2(pos.x + left_width, pos.y), ImVec2(size.x - left_width, size.y)};
      if (state.play.live->finished()) {
        // The debrief: the class's run with the rules' run of the same seed faded behind it.
        draw_debrief(state, {pos, ImVec2(left_width, size.y)}, regions);
        draw_run_plots(run, &*state.play.ai, run.weeks(), -1, right, regions);
      } else {
        const float map_height = std::floor(size.y * 0.42f);
        draw_map(run, run.weeks(), {pos, ImVec2(left_width, map_height)}, regions);
        draw_play_panel(state, {ImVec2(pos.x, pos.y + map_height), ImVec2(left_width, size.y - map_height)}, regions);
        draw_run_plots(run, nullptr, run.weeks(), -1, right, regions);
      }
      break;
    }
  }
  if (state.parameters.open && state.mode == Mode::replay)
    draw_parameters(state, {ImVec2(pos.x + size.x * 0.44f + 8, pos.y + 8), ImVec2(std::floor(size.x * 0.4f), 0)},
                    regions);
  if (state.browser.open)
    draw_file_browser(state,
                      {ImVec2(pos.x + size.x * 0.2f, pos.y + size.y * 0.1f), ImVec2(size.x * 0.6f, size.y * 0.7f)});
}

}  // namespace leverage::viewer::ui
