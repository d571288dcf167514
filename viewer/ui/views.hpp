#pragma once
// The screens and their windows. Each draws fixed windows (no docking in ImGui 1.86) laid out from
// the display size, so they fit 1280x800 and 1920x1080.
#include <imgui.h>

#include "viewer/ui/view_state.hpp"

namespace leverage::viewer::ui {

struct Box {
  ImVec2 pos, size;
};

// Fixed window at `box`; returns ImGui::Begin's answer (End must be called either way).
bool begin_fixed(const char* name, const Box& box, ImGuiWindowFlags extra = 0);

void draw_main_menu(ViewState& state);
void draw_file_browser(ViewState& state, const Box& box);
void handle_keyboard(ViewState& state);
void advance_playback(ViewState& state, double delta_seconds);

void draw_map(const RunData& run, int week, const Box& box, RegionLog& regions);
void draw_timeline(ViewState& state, const Box& box);
void draw_run_plots(const RunData& run, const RunData* other, int week, int divergence_week, const Box& box,
                    RegionLog& regions);
void draw_decisions(ViewState& state, const RunData& run, int week, const Box& box);
void draw_ensemble(ViewState& state, const Box& box, RegionLog& regions);
void draw_compare_header(ViewState& state, const Box& box);
void draw_play_panel(ViewState& state, const Box& box, RegionLog& regions);
void draw_debrief(ViewState& state, const Box& box, RegionLog& regions);
void draw_class_menu(ViewState& state);
void draw_parameters(ViewState& state, const Box& box, RegionLog& regions);

// The whole frame: menu, then the current mode's windows in the display rectangle.
void draw_frame(ViewState& state, RegionLog& regions);

}  // namespace leverage::viewer::ui
