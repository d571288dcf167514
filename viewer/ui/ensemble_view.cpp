// Ensemble mode: fan charts (median, 50% and 90% bands) of every banded variable, a histogram of an
// outcome column, and the kept replicates, sortable by outcome, each opening in replay mode.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "viewer/ui/plot.hpp"
#include "viewer/ui/views.hpp"

namespace leverage::viewer::ui {

namespace {

nlohmann::json color_json(ImU32 c) {
  return {(c >> IM_COL32_R_SHIFT) & 0xFF, (c >> IM_COL32_G_SHIFT) & 0xFF, (c >> IM_COL32_B_SHIFT) & 0xFF};
}

void draw_fan_charts(const EnsembleData& ensemble, const Box& box, RegionLog& regions) {
  if (!begin_fixed("Fan charts", box)) {
    ImGui::End();
    return;
  }
  if (ensemble.bands.empty()) {
    ImGui::TextWrapped("This ensemble has no bands.csv (it ran without per-week bands), so there are no fan charts.");
    ImGui::End();
    return;
  }
  ImGui::TextDisabled("median (line), 50%% band (q25-q75, light), 90%% band (q05-q95, dark); %llu replicates",
                      static_cast<unsigned long long>(ensemble.replicates));
  const float avail = ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ScrollbarSize;
  const int columns = avail > 900 ? 3 : 2;
  const float gap = 6;
  const float width = (avail - gap * (columns - 1)) / columns;
  const float height = std::max(ImGui::GetTextLineHeight() * 10, (box.size.y - ImGui::GetTextLineHeight() * 4) / 3);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  for (std::size_t k = 0; k < ensemble.bands.size(); ++k) {
    const Band& band = ensemble.bands[k];
    if (k % columns != 0) ImGui::SameLine(0, gap);
    const ImVec2 min = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(width, height));
    if (!ImGui::IsItemVisible()) continue;
    const ImVec2 max(min.x + width, min.y + height);
    AxisRange range = empty_range();
    include(range, band.q05);
    include(range, band.q95);
    PlotFrame frame(draw, min, max, band.variable, 0, static_cast<double>(band.q50.size() - 1),
                    finish_range(range, true));
    // The 90% band as its two strips outside the 50% band, so no pixel is filled twice.
    frame.band(band.q05, band.q25, colors::band90);
    frame.band(band.q75, band.q95, colors::band90);
    frame.band(band.q25, band.q75, colors::band50);
    frame.line(band.q50, colors::median, 1.8f);
    regions.rect("fan_" + std::to_string(k), frame.area_min(), frame.area_max(),
                 {{"variable", band.variable},
                  {"band90_color", color_json(colors::band90)},
                  {"band50_color", color_json(colors::band50)}});
  }
  ImGui::End();
}

void draw_histogram(ViewState& state, const EnsembleData& ensemble, const Box& box, RegionLog& regions) {
  if (!begin_fixed("Outcome histogram", box, ImGuiWindowFlags_NoScrollbar)) {
    ImGui::End();
    return;
  }
  if (ensemble.numeric_outcomes.empty()) {
    ImGui::TextUnformatted("outcomes.csv has no numeric outcome column");
    ImGui::End();
    return;
  }
  int& selected = state.ensemble_view.histogram_column;
  if (selected < 0 || selected >= static_cast<int>(ensemble.numeric_outcomes.size())) {
    selected = 0;  // gross releases when there, else the first numeric outcome
    for (std::size_t i = 0; i < ensemble.numeric_outcomes.size(); ++i)
      if (ensemble.outcomes.header()[ensemble.numeric_outcomes[i]] == "gross_releases") selected = static_cast<int>(i);
  }
  const auto name_of = [&](int i) {
    return ensemble.outcomes.header()[ensemble.numeric_outcomes[static_cast<std::size_t>(i)]].c_str();
  };
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.6f);
  if (ImGui::BeginCombo("outcome", name_of(selected))) {
    for (int i = 0; i < static_cast<int>(ensemble.numeric_outcomes.size()); ++i)
      if (ImGui::Selectable(name_of(i), i == selected)) selected = i;
    ImGui::EndCombo();
  }
  const auto values = ensemble.outcome_values(ensemble.numeric_outcomes[static_cast<std::size_t>(selected)]);
  const Histogram h = make_histogram(values, 30);
  std::vector<double> edges, heights;
  const double step = (h.high - h.low) / static_cast<double>(h.counts.size());
  for (std::size_t b = 0; b <= h.counts.size(); ++b) edges.push_back(h.low + step * static_cast<double>(b));
  if (step == 0) edges.back() = h.low + 1;
  for (auto c : h.counts) heights.push_back(static_cast<double>(c));
  const ImVec2 min = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const ImVec2 max(min.x + avail.x, min.y + avail.y);
  AxisRange y{0, static_cast<double>(std::max<std::uint64_t>(h.max_count(), 1))};
  PlotFrame::Legend legend;
  if (h.missing > 0) {
    char note[64];
    std::snprintf(note, sizeof note, "%llu without a value", static_cast<unsigned long long>(h.missing));
    legend.push_back({note, IM_COL32(120, 120, 120, 255)});
  }
  PlotFrame frame(ImGui::GetWindowDrawList(), min, max, "replicates per bin", edges.front(), edges.back(),
                  finish_range(y, true), legend, nullptr);
  frame.bars(edges, heights, colors::series(0));
  regions.rect("histogram", frame.area_min(), frame.area_max(), {{"column", name_of(selected)}});
  ImGui::End();
}

void draw_kept_list(ViewState& state, const EnsembleData& ensemble, const Box& box) {
  if (!begin_fixed("Kept replicates", box)) {
    ImGui::End();
    return;
  }
  if (ensemble.kept.empty()) {
    ImGui::TextWrapped(
        "No replay files in replays/: run `leverage ensemble ... --keep K` to keep the first K members.");
    ImGui::End();
    return;
  }
  // Shown columns: the replicate, then up to four outcome columns.
  std::vector<std::size_t> shown;
  for (const char* name : {"gross_releases", "final_stock", "transit_lost_teu"})
    if (auto c = ensemble.outcomes.column(name)) shown.push_back(*c);
  const auto categorical = ensemble.outcomes.column("u1_outcome");
  const int column_count = 2 + static_cast<int>(shown.size()) + (categorical ? 1 : 0);
  const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_ScrollX | ImGuiTableFlags_BordersInnerV |
                                ImGuiTableFlags_SizingFixedFit;
  EnsembleViewState& view = state.ensemble_view;
  std::optional<std::size_t> to_open;
  if (ImGui::BeginTable("kept", column_count, flags)) {
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn("replicate", ImGuiTableColumnFlags_DefaultSort, 0.0f, 0);
    for (std::size_t s = 0; s < shown.size(); ++s)
      ImGui::TableSetupColumn(ensemble.outcomes.header()[shown[s]].c_str(), 0, 0.0f, static_cast<ImGuiID>(s + 1));
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_NoSort, 0.0f, 101);
    if (categorical) ImGui::TableSetupColumn("u1_outcome", ImGuiTableColumnFlags_NoSort, 0.0f, 100);
    ImGui::TableHeadersRow();
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && (specs->SpecsDirty || view.order_dirty)) {
      if (specs->SpecsCount > 0) {
        const ImGuiTableColumnSortSpecs& spec = specs->Specs[0];
        const bool descending = spec.SortDirection == ImGuiSortDirection_Descending;
        if (spec.ColumnUserID == 0) {
          view.kept_order.resize(ensemble.kept.size());
          for (std::size_t i = 0; i < view.kept_order.size(); ++i)
            view.kept_order[i] = descending ? view.kept_order.size() - 1 - i : i;
        } else {
          view.kept_order = sort_kept(ensemble, shown[spec.ColumnUserID - 1], descending);
        }
      }
      specs->SpecsDirty = false;
      view.order_dirty = false;
    }
    if (view.kept_order.size() != ensemble.kept.size()) {
      view.kept_order.resize(ensemble.kept.size());
      for (std::size_t i = 0; i < view.kept_order.size(); ++i) view.kept_order[i] = i;
    }
    for (std::size_t i : view.kept_order) {
      const KeptReplicate& kept = ensemble.kept[i];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::Text("%llu", static_cast<unsigned long long>(kept.replicate));
      for (std::size_t c : shown) {
        ImGui::TableNextColumn();
        if (kept.outcome_row) {
          const double v = ensemble.outcomes.number(*kept.outcome_row, c);
          if (std::isnan(v)) {
            ImGui::TextDisabled("-");
          } else {
            ImGui::Text("%.4g", v);
          }
        }
      }
      ImGui::TableNextColumn();
      ImGui::PushID(static_cast<int>(i));
      if (ImGui::SmallButton("open")) to_open = i;
      ImGui::PopID();
      if (categorical) {
        ImGui::TableNextColumn();
        if (kept.outcome_row) ImGui::TextUnformatted(ensemble.outcomes.cell(*kept.outcome_row, *categorical).c_str());
      }
    }
    ImGui::EndTable();
  }
  ImGui::End();
  if (to_open) open_replay(state, ensemble.kept[*to_open].file, true);
}

}  // namespace

void draw_ensemble(ViewState& state, const Box& box, RegionLog& regions) {
  const EnsembleData& ensemble = *state.ensemble;
  const float left_width = std::floor(box.size.x * 0.62f);
  draw_fan_charts(ensemble, {box.pos, ImVec2(left_width, box.size.y)}, regions);
  const ImVec2 right(box.pos.x + left_width, box.pos.y);
  const float right_width = box.size.x - left_width;
  const float histogram_height = std::floor(box.size.y * 0.45f);
  draw_histogram(state, ensemble, {right, ImVec2(right_width, histogram_height)}, regions);
  // The kept list may replace the ensemble with a replay: draw it last.
  draw_kept_list(state, ensemble,
                 {ImVec2(right.x, right.y + histogram_height), ImVec2(right_width, box.size.y - histogram_height)});
}

}  // namespace leverage::viewer::ui
