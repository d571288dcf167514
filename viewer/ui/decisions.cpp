// The decision panel: per capital, this week's action and every alternative's value and
// probability from its DecisionRecord, and on the row of an ultimatum issued this week the
// equilibrium prediction the run's summary carries for it (viewer/data/equilibrium.hpp; "-" when
// the summary has none, never a made-up number).
#include <cstdio>
#include <string>

#include "viewer/ui/views.hpp"

namespace leverage::viewer::ui {

void draw_decisions(ViewState& state, const RunData& run, int week, const Box& box) {
  if (!begin_fixed("Decisions", box)) {
    ImGui::End();
    return;
  }
  const Scenario& scenario = run.scenario();
  if (week < 1) {
    ImGui::TextWrapped(
        "Week 0 is the initial state: no decisions yet. Step forward (right arrow) to see each "
        "capital's choice.");
    ImGui::End();
    return;
  }
  // One line: everyone's action this week.
  std::string everyone;
  for (std::size_t i = 0; i < scenario.actors.size(); ++i)
    everyone.append(i > 0 ? ",  " : "")
        .append(scenario.actors[i].name)
        .append(": ")
        .append(run.action_spec(week, i).id);
  ImGui::TextWrapped("%s", everyone.c_str());
  if (ImGui::BeginTabBar("capitals")) {
    for (std::size_t i = 0; i < scenario.actors.size(); ++i) {
      const ActorSpec& actor = scenario.actors[i];
      if (!ImGui::BeginTabItem(actor.name.c_str())) continue;
      state.selected_actor = static_cast<int>(i);
      const DecisionRecord& record = run.decision(week, i);
      ImGui::Text("week %d: %s took %s", week, actor.name.c_str(), run.action_spec(week, i).id.c_str());
      ImGui::SameLine(0, 12);
      ImGui::TextDisabled("(rule %s, payoff %s)", actor.rule_name.c_str(), actor.payoff_name.c_str());
      const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                    ImGuiTableFlags_SizingStretchProp;
      if (ImGui::BeginTable("alternatives", 5, flags)) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("alternative", ImGuiTableColumnFlags_WidthStretch, 3.0f);
        ImGui::TableSetupColumn("feasible", ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch, 1.5f);
        ImGui::TableSetupColumn("probability", ImGuiTableColumnFlags_WidthStretch, 2.4f);
        ImGui::TableSetupColumn("equilibrium", ImGuiTableColumnFlags_WidthStretch, 1.5f);
        ImGui::TableHeadersRow();
        for (std::size_t a = 0; a < actor.menu.size() && a < record.menu_size; ++a) {
          const bool feasible = (record.feasible >> a) & 1U;
          const bool chosen = a == record.chosen;
          ImGui::TableNextRow();
          ImGui::TableNextColumn();
          if (chosen) {
            ImGui::TextColored(ImVec4(1.0f, 0.85f, 0.3f, 1), "> %s", actor.menu[a].id.c_str());
          } else {
            ImGui::Text("  %s", actor.menu[a].id.c_str());
          }
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(feasible ? "yes" : "no");
          ImGui::TableNextColumn();
          if (feasible) {
            ImGui::Text("%.3g", record.value[a]);
          } else {
            ImGui::TextDisabled("-");
          }
          ImGui::TableNextColumn();
          const float probability = static_cast<float>(record.probability[a]);
          char label[16];
          std::snprintf(label, sizeof label, "%.3f", probability);
          ImGui::PushStyleColor(ImGuiCol_PlotHistogram,
                                chosen ? ImVec4(0.9f, 0.7f, 0.2f, 1) : ImVec4(0.35f, 0.55f, 0.85f, 1));
          ImGui::ProgressBar(probability, ImVec2(-1, 0), label);
          ImGui::PopStyleColor();
          ImGui::TableNextColumn();
          const EquilibriumPrediction* prediction = nullptr;
          if (chosen && actor.menu[a].kind == ActionKind::issue_ultimatum)
            prediction = find_prediction(run.equilibrium(), actor.id, week);
          if (prediction != nullptr) {
            ImGui::Text("%.2f / %.2f", prediction->p_comply, prediction->p_execute);
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", describe(prediction).c_str());
          } else {
            ImGui::TextDisabled("-");
            if (ImGui::IsItemHovered())
              ImGui::SetTooltip(
                  "The equilibrium prediction (p(comply) / p(execute)) is shown on the row of an ultimatum "
                  "issued this week, when the run's summary carries one (ultimatums[k].prediction).");
          }
        }
        ImGui::EndTable();
      }
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  ImGui::End();
}

}  // namespace leverage::viewer::ui
