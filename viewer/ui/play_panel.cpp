// Class play (docs/VIEWER.md, "For a class"): the played capital's menu with costs and feasibility,
// the prediction prompt before each deadline, and at the end the debrief: the class's play, the
// rules' play of the same capitals from the same seed, and the equilibrium prediction side by side.
#include <algorithm>
#include <cstdio>
#include <string>

#include "engine/io/run_outputs.hpp"
#include "engine/model/action.hpp"
#include "viewer/data/class_play.hpp"
#include "viewer/ui/views.hpp"

namespace leverage::viewer::ui {

namespace {

constexpr ImU32 kFeasibleChip = IM_COL32(60, 190, 110, 255);
constexpr ImU32 kInfeasibleChip = IM_COL32(120, 70, 70, 255);
constexpr ImU32 kClassBar = IM_COL32(240, 150, 40, 255);
constexpr ImU32 kRulesBar = IM_COL32(70, 140, 230, 255);

void chip(ImU32 color) {
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float side = ImGui::GetTextLineHeight() * 0.7f;
  const float pad = (ImGui::GetTextLineHeight() - side) * 0.5f;
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(at.x, at.y + pad), ImVec2(at.x + side, at.y + pad + side), color);
  ImGui::Dummy(ImVec2(side, ImGui::GetTextLineHeight()));
}

void draw_types(const ClassPlayState& play, std::size_t player) {
  const LiveRun& live = *play.live;
  const Scenario& scenario = live.scenario();
  const auto line = [&](std::size_t i) {
    const ActorState& a = live.state().actors[i];
    ImGui::TextDisabled("%s: %s, %s, cost tolerance %.2f", scenario.actors[i].name.c_str(),
                        a.resolved ? "resolved" : "not resolved", a.reliable ? "reliable" : "unreliable",
                        a.cost_tolerance);
  };
  if (play.hidden_types) {
    ImGui::TextDisabled("Your drawn type (the others' are hidden):");
    line(player);
    return;
  }
  if (ImGui::TreeNode("Drawn types of every capital")) {
    for (std::size_t i = 0; i < scenario.actors.size(); ++i) line(i);
    ImGui::TreePop();
  }
}

void draw_predictions(ClassPlayState& play) {
  LiveRun& live = *play.live;
  const Scenario& scenario = live.scenario();
  for (int u : live.predictable_ultimatums()) {
    const UltimatumState& ultimatum = live.state().ultimatums[static_cast<std::size_t>(u)];
    ImGui::PushID(u);
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.8f, 0.3f, 1));
    ImGui::TextWrapped("%s's ultimatum, deadline week %d: what will %s answer?",
                       scenario.actors[static_cast<std::size_t>(ultimatum.sender)].name.c_str(),
                       ultimatum.deadline_week,
                       scenario.actors[static_cast<std::size_t>(scenario.target)].name.c_str());
    ImGui::PopStyleColor();
    const std::optional<DeadlineAnswer> current = live.prediction(u);
    ImGui::TextDisabled("The class predicts:");
    for (DeadlineAnswer answer : {DeadlineAnswer::comply, DeadlineAnswer::partly, DeadlineAnswer::defy}) {
      ImGui::SameLine();
      if (ImGui::RadioButton(answer_name(answer), current == answer)) live.predict(u, answer);
    }
    ImGui::PopID();
  }
}

}  // namespace

void draw_play_panel(ViewState& state, const Box& box, RegionLog& regions) {
  if (!begin_fixed("Class play", box)) {
    ImGui::End();
    return;
  }
  ClassPlayState& play = state.play;
  LiveRun& live = *play.live;
  const Scenario& scenario = live.scenario();
  const std::size_t player = *live.current_player();
  const ActorSpec& actor = scenario.actors[player];
  const auto& players = live.players();
  const auto turn = std::find(players.begin(), players.end(), player) - players.begin();
  ImGui::Text("Week %d of %d: %s chooses", live.week() + 1, live.weeks(), actor.name.c_str());
  if (players.size() > 1) {
    ImGui::SameLine(0, 12);
    ImGui::TextDisabled("(student %d of %zu; pass the keyboard on)", static_cast<int>(turn) + 1, players.size());
  }
  draw_types(play, player);
  draw_predictions(play);

  const DecisionRecord& evaluated = live.pending(player);
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_SizingStretchProp;
  int feasible_rows = 0;
  const float table_height = std::max(ImGui::GetContentRegionAvail().y - ImGui::GetTextLineHeightWithSpacing(), 60.0f);
  if (ImGui::BeginTable("menu", 4, flags, ImVec2(0, table_height))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("action", ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn("cost (M EUR)", ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ImGui::TableSetupColumn("possible", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableHeadersRow();
    for (std::size_t a = 0; a < actor.menu.size(); ++a) {
      const ActionSpec& action = actor.menu[a];
      const bool feasible = (evaluated.feasible >> a) & 1U;
      feasible_rows += feasible ? 1 : 0;
      ImGui::PushID(static_cast<int>(a));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(action.id.c_str());
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", std::string(info(action.kind).summary).c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%.3g", action.cost_meur);
      ImGui::TableNextColumn();
      chip(feasible ? kFeasibleChip : kInfeasibleChip);
      ImGui::SameLine();
      ImGui::TextUnformatted(feasible ? "yes" : "no");
      if (!feasible && ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", infeasibility_reason(scenario, live.state(), player, a).c_str());
      ImGui::TableNextColumn();
      ImGui::BeginDisabled(!feasible);
      if (ImGui::SmallButton("choose")) {
        const auto refused = live.choose(player, a);
        play.notice = refused ? *refused : std::string();
        if (!refused) refresh_play(state);
      }
      ImGui::EndDisabled();
      ImGui::PopID();
      if (live.current_player() != player) break;  // the week moved on: this menu is no longer current
    }
    ImGui::EndTable();
    regions.rect("play_menu", ImGui::GetItemRectMin(), ImGui::GetItemRectMax(),
                 {{"actor", actor.id},
                  {"actions", actor.menu.size()},
                  {"feasible", feasible_rows},
                  {"feasible_color", {60, 190, 110}},
                  {"infeasible_color", {120, 70, 70}}});
  }
  if (!play.notice.empty()) ImGui::TextColored(ImVec4(1, 0.5f, 0.4f, 1), "%s", play.notice.c_str());
  ImGui::End();
}

namespace {

// Horizontal bars of the class's and the rules' cumulative payoff per played capital, on one scale.
void payoff_bars(const ClassPlayState& play, RegionLog& regions) {
  const LiveRun& live = *play.live;
  const WorldState& mine = live.state();
  const WorldState& rules = play.ai->state(play.ai->weeks());
  double scale = 1e-9;
  for (std::size_t p : live.players())
    scale = std::max({scale, std::abs(mine.actors[p].payoff), std::abs(rules.actors[p].payoff)});
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  const float label = std::floor(width * 0.3f), bar_height = ImGui::GetTextLineHeight() * 0.8f;
  const float zero = origin.x + label + (width - label) * 0.5f, half = (width - label) * 0.5f - 4;
  float y = origin.y;
  for (std::size_t p : live.players()) {
    draw->AddText(ImVec2(origin.x, y), IM_COL32(220, 220, 220, 255), live.scenario().actors[p].name.c_str());
    for (const auto& [value, color] :
         {std::pair{mine.actors[p].payoff, kClassBar}, std::pair{rules.actors[p].payoff, kRulesBar}}) {
      const float end = zero + static_cast<float>(value / scale) * half;
      draw->AddRectFilled(ImVec2(std::min(zero, end), y), ImVec2(std::max(zero, end) + 1, y + bar_height), color);
      y += bar_height + 2;
    }
    y += 4;
  }
  draw->AddLine(ImVec2(zero, origin.y), ImVec2(zero, y), IM_COL32(200, 200, 200, 160));
  const ImVec2 max(origin.x + width, y);
  ImGui::Dummy(ImVec2(width, y - origin.y));
  regions.rect("debrief_bars", origin, max, {{"class_color", {240, 150, 40}}, {"rules_color", {70, 140, 230}}});
}

std::string ultimatum_label(const Scenario& scenario, const UltimatumState& u) {
  return scenario.actors[static_cast<std::size_t>(u.sender)].name + ", issued week " + std::to_string(u.issue_week);
}

void equilibrium_cell(const RunData& run, const UltimatumState& u) {
  const EquilibriumPrediction* p =
      find_prediction(run.equilibrium(), run.scenario().actors[static_cast<std::size_t>(u.sender)].id, u.issue_week);
  ImGui::TextUnformatted(describe(p).c_str());
  if (p == nullptr && ImGui::IsItemHovered())
    ImGui::SetTooltip(
        "This run's summary carries no equilibrium prediction for this ultimatum (summary.json, "
        "ultimatums[k].prediction, is added by the crisis-game solver).");
}

}  // namespace

void draw_debrief(ViewState& state, const Box& box, RegionLog& regions) {
  if (!begin_fixed("Debrief", box)) {
    ImGui::End();
    return;
  }
  ClassPlayState& play = state.play;
  const LiveRun& live = *play.live;
  const Scenario& scenario = live.scenario();
  const RunData& mine = *play.so_far;
  const RunData& rules = *play.ai;
  ImGui::TextWrapped(
      "The class played %d weeks. Beside it: the rules' play of the same capitals from the same "
      "seed (the plots' faded lines), and the equilibrium prediction.",
      live.weeks());
  ImGui::TextColored(ImVec4(0.94f, 0.59f, 0.16f, 1), "class");
  ImGui::SameLine();
  ImGui::TextColored(ImVec4(0.27f, 0.55f, 0.9f, 1), "rules");
  ImGui::SameLine();
  ImGui::TextDisabled("cumulative discounted payoff");
  payoff_bars(play, regions);

  const ImGuiTableFlags flags =
      ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp;
  if (ImGui::BeginTable("capitals", 4, flags)) {
    ImGui::TableSetupColumn("capital");
    ImGui::TableSetupColumn("class payoff");
    ImGui::TableSetupColumn("rules' payoff");
    ImGui::TableSetupColumn("weeks the class chose as the rule would");
    ImGui::TableHeadersRow();
    for (std::size_t p : live.players()) {
      int same = 0, total = 0;
      for (const HumanDecision& d : live.human_decisions())
        if (d.actor == p) ++total, same += d.student_action == d.ai_action ? 1 : 0;
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(scenario.actors[p].name.c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%.4g", mine.state(mine.weeks()).actors[p].payoff);
      ImGui::TableNextColumn();
      ImGui::Text("%.4g", rules.state(rules.weeks()).actors[p].payoff);
      ImGui::TableNextColumn();
      ImGui::Text("%d of %d", same, total);
    }
    ImGui::EndTable();
    regions.rect("debrief_table", ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), {{"rows", live.players().size()}});
  }

  ImGui::Spacing();
  ImGui::TextUnformatted("Ultimatums: the class's run, the rules' run, the equilibrium");
  if (ImGui::BeginTable("ultimatums", 4, flags)) {
    ImGui::TableSetupColumn("run");
    ImGui::TableSetupColumn("ultimatum");
    ImGui::TableSetupColumn("outcome");
    ImGui::TableSetupColumn("equilibrium prediction");
    ImGui::TableHeadersRow();
    for (const auto* run : {&mine, &rules}) {
      const WorldState& end = run->state(run->weeks());
      for (std::size_t u = 0; u < end.ultimatum_count; ++u) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(run == &mine ? "class" : "rules");
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(ultimatum_label(scenario, end.ultimatums[u]).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(ultimatum_outcome(end.ultimatums[u]).c_str());
        ImGui::TableNextColumn();
        equilibrium_cell(*run, end.ultimatums[u]);
      }
    }
    ImGui::EndTable();
  }

  ImGui::Spacing();
  int correct = 0, predicted = 0;
  for (const DeadlineResult& r : live.deadlines())
    if (r.predicted) ++predicted, correct += *r.predicted == r.actual ? 1 : 0;
  ImGui::Text("Predictions of Minsk's answer: %d of %d right (deadlines reached: %zu)", correct, predicted,
              live.deadlines().size());
  for (const DeadlineResult& r : live.deadlines())
    ImGui::BulletText("%s's deadline, week %d: predicted %s, Minsk's answer %s", scenario.actors[r.sender].name.c_str(),
                      r.week, r.predicted ? answer_name(*r.predicted) : "(none)", answer_name(r.actual));

  ImGui::Spacing();
  if (!play.written.empty()) {
    ImGui::TextDisabled("written: %s", play.written.back().string().c_str());
  } else if (ImGui::Button("Write class_results.csv")) {
    if (play.out_dir.empty())
      play.out_dir =
          std::filesystem::path("out") / ("class-" + scenario.name + "-seed" + std::to_string(live.key().master_seed));
    try {
      play.written = write_play_outputs(play.out_dir, live);
    } catch (const std::exception& e) {
      play.notice = e.what();
    }
  }
  if (!play.notice.empty()) ImGui::TextColored(ImVec4(1, 0.5f, 0.4f, 1), "%s", play.notice.c_str());

  ImGui::Spacing();
  ImGui::TextUnformatted("Week by week: the student's choice and the rule's in the same position");
  const ImGuiTableFlags scrolling = flags | ImGuiTableFlags_ScrollY;
  if (ImGui::BeginTable("choices", 4, scrolling, ImVec2(0, std::max(ImGui::GetContentRegionAvail().y, 80.0f)))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("week");
    ImGui::TableSetupColumn("capital");
    ImGui::TableSetupColumn("student");
    ImGui::TableSetupColumn("rule");
    ImGui::TableHeadersRow();
    for (const HumanDecision& d : live.human_decisions()) {
      const ActorSpec& actor = scenario.actors[d.actor];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::Text("%d", d.week);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(actor.name.c_str());
      ImGui::TableNextColumn();
      if (d.student_action == d.ai_action) {
        ImGui::TextUnformatted(actor.menu[d.student_action].id.c_str());
      } else {
        ImGui::TextColored(ImVec4(0.94f, 0.59f, 0.16f, 1), "%s", actor.menu[d.student_action].id.c_str());
      }
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(actor.menu[d.ai_action].id.c_str());
    }
    ImGui::EndTable();
  }
  ImGui::End();
}

}  // namespace leverage::viewer::ui
