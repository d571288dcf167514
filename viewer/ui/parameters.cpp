// The scenario-parameter sliders (View > Scenario parameters): up to eight key parameters of the
// open replay's scenario; releasing a slider re-runs the replicate with the new values (same seed).
#include <cstdio>

#include "viewer/ui/views.hpp"

namespace leverage::viewer::ui {

void draw_parameters(ViewState& state, const Box& box, RegionLog& regions) {
  ImGui::SetNextWindowPos(box.pos, ImGuiCond_Always);
  ImGui::SetNextWindowSize(box.size, ImGuiCond_Always);  // height 0: fit the contents
  ImGui::SetNextWindowBgAlpha(1.0f);                     // drawn over the plots (the style's background is clear)
  if (!ImGui::Begin("Scenario parameters", &state.parameters.open,
                    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                        ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::End();
    return;
  }
  ImGui::TextDisabled("Release a slider to re-run seed %llu with the new value.",
                      static_cast<unsigned long long>(state.run->key().master_seed));
  bool rerun = false;
  ImGui::PushItemWidth(box.size.x * 0.45f);
  for (std::size_t k = 0; k < state.parameters.sliders.size(); ++k) {
    ParameterSlider& s = state.parameters.sliders[k];
    ImGui::PushID(static_cast<int>(k));
    if (s.integer) {
      int value = static_cast<int>(s.value);
      if (ImGui::SliderInt(s.label.c_str(), &value, static_cast<int>(s.min), static_cast<int>(s.max))) s.value = value;
    } else {
      float value = static_cast<float>(s.value);
      if (ImGui::SliderFloat(s.label.c_str(), &value, static_cast<float>(s.min), static_cast<float>(s.max), "%.3g"))
        s.value = value;
    }
    rerun = rerun || ImGui::IsItemDeactivatedAfterEdit();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s (scenario: %g)", s.pointer.c_str(), s.original);
    ImGui::PopID();
  }
  ImGui::PopItemWidth();
  if (ImGui::Button("Reset to the scenario's values")) {
    for (ParameterSlider& s : state.parameters.sliders) s.value = s.original;
    rerun = true;
  }
  regions.rect(
      "parameters", ImGui::GetWindowPos(),
      ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowSize().x, ImGui::GetWindowPos().y + ImGui::GetWindowSize().y),
      {{"sliders", state.parameters.sliders.size()}});
  ImGui::End();
  if (rerun) rerun_with_sliders(state);
}

}  // namespace leverage::viewer::ui
