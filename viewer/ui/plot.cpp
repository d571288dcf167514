#include "viewer/ui/plot.hpp"

#include <algorithm>
#include <cmath>

namespace leverage::viewer::ui {

ImU32 colors::series(std::size_t index) {
  static constexpr ImU32 palette[] = {
      IM_COL32(86, 180, 233, 255),  IM_COL32(230, 159, 0, 255),   IM_COL32(0, 158, 115, 255),
      IM_COL32(240, 228, 66, 255),  IM_COL32(204, 121, 167, 255), IM_COL32(213, 94, 0, 255),
      IM_COL32(170, 170, 255, 255), IM_COL32(200, 200, 200, 255),
  };
  return palette[index % (sizeof palette / sizeof palette[0])];
}

PlotFrame::PlotFrame(ImDrawList* draw, ImVec2 min, ImVec2 max, const std::string& title, double x0, double x1,
                     AxisRange y, const Legend& legend, const char* x_label)
    : draw_(draw), x0_(x0), x1_(x1 > x0 ? x1 : x0 + 1), y_(y) {
  const float line = ImGui::GetTextLineHeight();
  // The left margin fits the widest y tick label (the ticks depend on the area's height, which the
  // margin does not change).
  const float area_height_estimate = (max.y - min.y) - line * 3;
  const int y_target_estimate = std::max(2, static_cast<int>(area_height_estimate / (line * 2.2f)));
  const double y_step_estimate = nice_step(y_.low, y_.high, y_target_estimate);
  float left_margin = ImGui::CalcTextSize("0000").x;
  for (double t : nice_ticks(y_.low, y_.high, y_target_estimate))
    left_margin = std::max(left_margin, ImGui::CalcTextSize(tick_label(t, y_step_estimate).c_str()).x);
  left_margin += 10;
  // Everything of the frame stays inside its rectangle: a long title is cut, not drawn over a neighbour.
  draw_->PushClipRect(min, max, true);
  draw_->AddRectFilled(min, max, colors::plot_background, 3.0f);
  draw_->AddText(ImVec2(min.x + 6, min.y + 2), colors::text, title.c_str());
  // The legend flows after the title: a swatch and a label per entry.
  float x = min.x + 6 + ImGui::CalcTextSize(title.c_str()).x + 14, y_text = min.y + 2;
  for (const auto& [label, color] : legend) {
    const float entry = 18 + ImGui::CalcTextSize(label.c_str()).x + 12;
    if (x + entry > max.x - 4) {
      x = min.x + 6;
      y_text += line;
    }
    draw_->AddRectFilled(ImVec2(x, y_text + line * 0.35f), ImVec2(x + 14, y_text + line * 0.65f), color);
    draw_->AddText(ImVec2(x + 18, y_text), IM_COL32(190, 190, 198, 255), label.c_str());
    x += entry;
  }
  area_min_ = ImVec2(min.x + left_margin, y_text + line + 6);
  area_max_ = ImVec2(max.x - 10, max.y - line - 4);
  if (area_max_.x < area_min_.x + 10) area_max_.x = area_min_.x + 10;
  if (area_max_.y < area_min_.y + 10) area_max_.y = area_min_.y + 10;

  const int y_target = std::max(2, static_cast<int>((area_max_.y - area_min_.y) / (line * 2.2f)));
  const double y_step = nice_step(y_.low, y_.high, y_target);
  for (double t : nice_ticks(y_.low, y_.high, y_target)) {
    const ImVec2 p = to_screen(x0_, t);
    draw_->AddLine(ImVec2(area_min_.x, p.y), ImVec2(area_max_.x, p.y), colors::grid);
    const std::string label = tick_label(t, y_step);
    const ImVec2 size = ImGui::CalcTextSize(label.c_str());
    draw_->AddText(ImVec2(area_min_.x - size.x - 4, p.y - size.y / 2), colors::text, label.c_str());
  }
  const int x_target = std::max(2, static_cast<int>((area_max_.x - area_min_.x) / (ImGui::CalcTextSize("0000").x * 2)));
  const double x_step = std::max(1.0, nice_step(x0_, x1_, x_target));
  for (double t : nice_ticks(x0_, x1_, static_cast<int>(std::ceil((x1_ - x0_) / x_step)))) {
    const ImVec2 p = to_screen(t, y_.low);
    draw_->AddLine(ImVec2(p.x, area_max_.y), ImVec2(p.x, area_max_.y + 3), colors::axis);
    const std::string label = tick_label(t, x_step);
    const ImVec2 size = ImGui::CalcTextSize(label.c_str());
    draw_->AddText(ImVec2(p.x - size.x / 2, area_max_.y + 3), colors::text, label.c_str());
  }
  if (x_label != nullptr) {  // under the y axis's labels, where nothing else is
    draw_->AddText(ImVec2(min.x + 4, area_max_.y + 3), IM_COL32(150, 150, 160, 255), x_label);
  }
  draw_->AddLine(ImVec2(area_min_.x, area_max_.y), area_max_, colors::axis);
  draw_->AddLine(area_min_, ImVec2(area_min_.x, area_max_.y), colors::axis);
  draw_->PopClipRect();
}

ImVec2 PlotFrame::to_screen(double x, double y) const {
  const double fx = (x - x0_) / (x1_ - x0_);
  const double fy = (y - y_.low) / (y_.high - y_.low);
  return ImVec2(static_cast<float>(area_min_.x + fx * (area_max_.x - area_min_.x)),
                static_cast<float>(area_max_.y - fy * (area_max_.y - area_min_.y)));
}

void PlotFrame::line(const std::vector<double>& values, ImU32 color, float thickness, int last_index) {
  const int n = last_index < 0 ? static_cast<int>(values.size()) - 1 : std::min<int>(last_index, values.size() - 1);
  draw_->PushClipRect(area_min_, area_max_, true);
  ImVec2 previous;
  bool have_previous = false;
  for (int i = 0; i <= n; ++i) {
    const double v = values[static_cast<std::size_t>(i)];
    if (!std::isfinite(v)) {
      have_previous = false;
      continue;
    }
    const ImVec2 p = to_screen(i, v);
    if (have_previous) draw_->AddLine(previous, p, color, thickness);
    previous = p;
    have_previous = true;
  }
  draw_->PopClipRect();
}

void PlotFrame::band(const std::vector<double>& low, const std::vector<double>& high, ImU32 color) {
  const std::size_t n = std::min(low.size(), high.size());
  draw_->PushClipRect(area_min_, area_max_, true);
  for (std::size_t i = 0; i + 1 < n; ++i) {
    if (!std::isfinite(low[i]) || !std::isfinite(high[i]) || !std::isfinite(low[i + 1]) || !std::isfinite(high[i + 1]))
      continue;
    const double x = static_cast<double>(i);
    const ImVec2 quad[4] = {to_screen(x, low[i]), to_screen(x, high[i]), to_screen(x + 1, high[i + 1]),
                            to_screen(x + 1, low[i + 1])};
    // Opaque quads without anti-aliased fringes, so neighbouring quads meet without seams.
    const ImDrawListFlags flags = draw_->Flags;
    draw_->Flags &= ~ImDrawListFlags_AntiAliasedFill;
    draw_->AddConvexPolyFilled(quad, 4, color);
    draw_->Flags = flags;
  }
  draw_->PopClipRect();
}

void PlotFrame::vertical(double x, ImU32 color, float thickness, const char* label) {
  const ImVec2 p = to_screen(x, y_.low);
  draw_->AddLine(ImVec2(p.x, area_min_.y), ImVec2(p.x, area_max_.y), color, thickness);
  if (label != nullptr) {
    const ImVec2 size = ImGui::CalcTextSize(label);
    const float x_text = std::min(p.x + 3, area_max_.x - size.x);
    draw_->AddText(ImVec2(x_text, area_min_.y + 1), color, label);
  }
}

void PlotFrame::bars(const std::vector<double>& edges, const std::vector<double>& heights, ImU32 color) {
  draw_->PushClipRect(area_min_, area_max_, true);
  for (std::size_t i = 0; i < heights.size() && i + 1 < edges.size(); ++i) {
    if (!(heights[i] > 0)) continue;
    const ImVec2 a = to_screen(edges[i], 0), b = to_screen(edges[i + 1], heights[i]);
    draw_->AddRectFilled(ImVec2(a.x + 1, b.y), ImVec2(b.x - 1, a.y), color);
  }
  draw_->PopClipRect();
}

}  // namespace leverage::viewer::ui
