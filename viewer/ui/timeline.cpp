// The timeline: play, pause, step, speed, a scrub slider, the week, and each ultimatum's deadline
// marked on the slider. Keyboard: space plays or pauses, left and right arrows step.
#include <algorithm>
#include <cstdio>

#include "viewer/ui/plot.hpp"
#include "viewer/ui/views.hpp"

namespace leverage::viewer::ui {

void handle_keyboard(ViewState& state) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput) return;
  if (state.mode == Mode::replay || state.mode == Mode::compare) {
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false))
      state.playback.playing = !state.playback.playing;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) {
      state.playback.playing = false;
      state.playback.week = std::min(state.playback.week + 1, state.last_week());
    }
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow))) {
      state.playback.playing = false;
      state.playback.week = std::max(state.playback.week - 1, 0);
    }
  }
}

void advance_playback(ViewState& state, double delta_seconds) {
  Playback& p = state.playback;
  if (!p.playing) return;
  p.accumulated += delta_seconds * p.weeks_per_second;
  while (p.accumulated >= 1.0) {
    p.accumulated -= 1.0;
    if (p.week >= state.last_week()) {
      p.playing = false;
      p.accumulated = 0;
      break;
    }
    ++p.week;
  }
}

void draw_timeline(ViewState& state, const Box& box) {
  if (!begin_fixed("Timeline", box, ImGuiWindowFlags_NoScrollbar)) {
    ImGui::End();
    return;
  }
  Playback& p = state.playback;
  const int last = state.last_week();
  if (ImGui::Button(p.playing ? "Pause" : "Play")) p.playing = !p.playing;
  ImGui::SameLine();
  if (ImGui::ArrowButton("##back", ImGuiDir_Left)) p.week = std::max(0, p.week - 1), p.playing = false;
  ImGui::SameLine();
  if (ImGui::ArrowButton("##forward", ImGuiDir_Right)) p.week = std::min(last, p.week + 1), p.playing = false;
  ImGui::SameLine();
  ImGui::Text("week %d of %d", p.week, last);
  ImGui::SameLine(0, 20);
  ImGui::SetNextItemWidth(ImGui::CalcTextSize("00.0 weeks/s").x + 40);
  ImGui::SliderFloat("speed", &p.weeks_per_second, 0.5f, 20.0f, "%.1f weeks/s", ImGuiSliderFlags_Logarithmic);
  ImGui::SameLine(0, 20);
  ImGui::TextDisabled("space: play/pause   left/right: step");

  // The scrub slider, with the deadlines drawn under it.
  ImGui::SetNextItemWidth(-1);
  const ImVec2 slider_min = ImGui::GetCursorScreenPos();
  ImGui::SliderInt("##week", &p.week, 0, std::max(last, 1), "week %d");
  const ImVec2 slider_max = ImGui::GetItemRectMax();
  if (ImGui::IsItemActive()) p.playing = false;
  p.week = std::clamp(p.week, 0, last);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  if (state.run && (state.mode == Mode::replay || state.mode == Mode::compare)) {
    // ImGui's slider grab travels between the frame's inner edges; approximate with the grab width.
    const float grab = ImGui::GetStyle().GrabMinSize;
    const float pad = ImGui::GetStyle().FramePadding.x;
    const float x0 = slider_min.x + pad + grab / 2, x1 = slider_max.x - pad - grab / 2;
    const float y = slider_max.y + 2;
    for (const DeadlineMark& mark : state.run->deadlines()) {
      const float x = x0 + (x1 - x0) * static_cast<float>(mark.deadline_week) / static_cast<float>(std::max(last, 1));
      draw->AddTriangleFilled(ImVec2(x, y), ImVec2(x - 5, y + 8), ImVec2(x + 5, y + 8), colors::deadline);
      char label[96];
      const std::string& sender = state.run->scenario().actors[static_cast<std::size_t>(mark.sender)].name;
      std::snprintf(label, sizeof label, "%s's deadline, week %d", sender.c_str(), mark.deadline_week);
      draw->AddText(ImVec2(x + 7, y - 1), colors::deadline, label);
    }
  }
  ImGui::End();
}

}  // namespace leverage::viewer::ui
