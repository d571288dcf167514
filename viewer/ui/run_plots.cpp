// The plots of a run (or two runs on shared axes): prisoners, transit, the target's reserves and
// budget stress, migration, beliefs, cumulative payoffs; a cursor at the current week, and in
// compare mode the week where the runs part.
#include <cmath>
#include <string>

#include "viewer/ui/plot.hpp"
#include "viewer/ui/views.hpp"

namespace leverage::viewer::ui {

namespace {

struct SeriesSpec {
  std::string column, label;
};

struct PlotSpec {
  std::string title;
  std::vector<SeriesSpec> series;
  bool from_zero = true;
};

std::vector<PlotSpec> plot_specs(const Scenario& scenario) {
  std::vector<PlotSpec> specs;
  specs.push_back({"Prisoners (persons)",
                   {{"prisoners_persons", "stock"},
                    {"gross_releases_total_persons", "gross releases"},
                    {"rearrests_total_persons", "re-arrests"}}});
  PlotSpec transit{"Transit (TEU/week)", {{"transit_teu_per_week", "EU transit"}}};
  for (const Crossing& c : scenario.transit.crossings)
    transit.series.push_back({"crossing_" + c.id + "_teu_per_week", c.id});
  specs.push_back(transit);
  const std::string target =
      scenario.target >= 0 ? scenario.actors[static_cast<std::size_t>(scenario.target)].name : std::string("target");
  specs.push_back({target + "'s reserves (MEUR)", {{"target_buffer_meur", "buffer"}}});
  specs.push_back({target + "'s budget stress (share used)", {{"budget_stress", "stress"}}});
  specs.push_back({"Migration pressure (index)", {{"migration_index", "migration"}}});
  PlotSpec beliefs{"Beliefs: " + target + " thinks resolved", {}, true};
  PlotSpec payoffs{"Cumulative payoff (discounted utility)", {}, false};
  for (std::size_t i = 0; i < scenario.actors.size(); ++i) {
    const ActorSpec& actor = scenario.actors[i];
    if (static_cast<int>(i) != scenario.target) beliefs.series.push_back({actor.id + "_belief_resolved", actor.name});
    payoffs.series.push_back({actor.id + "_payoff_utility", actor.name});
  }
  specs.push_back(beliefs);
  specs.push_back(payoffs);
  specs.push_back(
      {"Sanctions and evasion (levels)",
       {{"sanctions_level", "sanctions"}, {"evasion_level", "evasion"}, {"repression_level", "repression"}}});
  return specs;
}

ImU32 faded(ImU32 color) {
  return (color & ~IM_COL32_A_MASK) | (IM_COL32(0, 0, 0, 110) & IM_COL32_A_MASK);
}

}  // namespace

void draw_run_plots(const RunData& run, const RunData* other, int week, int divergence_week, const Box& box,
                    RegionLog& regions) {
  if (!begin_fixed("Plots", box, ImGuiWindowFlags_NoScrollbar)) {
    ImGui::End();
    return;
  }
  const auto specs = plot_specs(run.scenario());
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const int columns = avail.x > 900 ? 3 : 2;
  const int rows = static_cast<int>((specs.size() + columns - 1) / columns);
  const float gap = 6;
  const float width = (avail.x - gap * (columns - 1)) / columns;
  const float height = (avail.y - gap * (rows - 1)) / rows;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const int weeks = std::max(run.weeks(), other ? other->weeks() : 0);
  for (std::size_t k = 0; k < specs.size(); ++k) {
    const PlotSpec& spec = specs[k];
    const int col = static_cast<int>(k) % columns, row = static_cast<int>(k) / columns;
    const ImVec2 min(origin.x + col * (width + gap), origin.y + row * (height + gap));
    const ImVec2 max(min.x + width, min.y + height);
    AxisRange range = empty_range();
    for (const SeriesSpec& s : spec.series) {
      if (const auto* v = run.series(s.column)) include(range, *v);
      if (other != nullptr)
        if (const auto* v = other->series(s.column)) include(range, *v);
    }
    PlotFrame::Legend legend;
    if (spec.series.size() > 1)
      for (std::size_t s = 0; s < spec.series.size(); ++s)
        if (run.series(spec.series[s].column) != nullptr) legend.push_back({spec.series[s].label, colors::series(s)});
    PlotFrame frame(draw, min, max, spec.title, 0, weeks, finish_range(range, spec.from_zero), legend);
    for (std::size_t s = 0; s < spec.series.size(); ++s) {
      const ImU32 color = colors::series(s);
      if (other != nullptr)
        if (const auto* v = other->series(spec.series[s].column)) frame.line(*v, faded(color), 3.0f);
      if (const auto* v = run.series(spec.series[s].column)) frame.line(*v, color, 1.6f);
    }
    frame.vertical(week, colors::cursor, 1.0f);
    if (other != nullptr && divergence_week >= 0) frame.vertical(divergence_week, colors::divergence, 2.0f, "diverge");
    regions.rect("plot_" + std::to_string(k), frame.area_min(), frame.area_max(), {{"title", spec.title}});
  }
  ImGui::End();
}

}  // namespace leverage::viewer::ui
