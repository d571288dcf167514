#pragma once
// Line plots, bands and histograms on ImGui's draw lists (ImPlot is not packaged for Debian): a
// frame with axes, ticks and a title, then series, fan bands, vertical marks and a legend.
#include <string>
#include <vector>

#include <imgui.h>

#include "viewer/data/axis.hpp"

namespace leverage::viewer::ui {

namespace colors {
inline constexpr ImU32 plot_background = IM_COL32(28, 30, 36, 255);
inline constexpr ImU32 axis = IM_COL32(150, 150, 160, 255);
inline constexpr ImU32 grid = IM_COL32(52, 55, 64, 255);
inline constexpr ImU32 text = IM_COL32(225, 225, 230, 255);
inline constexpr ImU32 cursor = IM_COL32(255, 255, 255, 200);
inline constexpr ImU32 deadline = IM_COL32(240, 90, 90, 220);
inline constexpr ImU32 divergence = IM_COL32(255, 200, 60, 255);
// Fan charts: opaque so a pixel's colour says which band it is in.
inline constexpr ImU32 band90 = IM_COL32(62, 92, 140, 255);
inline constexpr ImU32 band50 = IM_COL32(96, 146, 214, 255);
inline constexpr ImU32 median = IM_COL32(245, 245, 250, 255);
// Series colours, distinguishable for the common forms of colour blindness (Okabe and Ito, 2008).
ImU32 series(std::size_t index);
}  // namespace colors

class PlotFrame {
 public:
  using Legend = std::vector<std::pair<std::string, ImU32>>;
  // Draws the background, grid, axes, ticks, the title and the legend (after the title, wrapping
  // to more rows above the data, so it never covers a line) in the rectangle [min, max] (screen
  // pixels) for x in [x0, x1] and y in `y`.
  PlotFrame(ImDrawList* draw, ImVec2 min, ImVec2 max, const std::string& title, double x0, double x1, AxisRange y,
            const Legend& legend = {}, const char* x_label = "week");
  ImVec2 to_screen(double x, double y) const;
  // The data area (inside the axes).
  ImVec2 area_min() const { return area_min_; }
  ImVec2 area_max() const { return area_max_; }

  void line(const std::vector<double>& values, ImU32 color, float thickness = 1.6f, int last_index = -1);
  // A filled band between two series (index = x), drawn as one quad per step.
  void band(const std::vector<double>& low, const std::vector<double>& high, ImU32 color);
  void vertical(double x, ImU32 color, float thickness = 1.0f, const char* label = nullptr);
  // Bars from `x` edges (counts.size() + 1 values) to heights.
  void bars(const std::vector<double>& edges, const std::vector<double>& heights, ImU32 color);

 private:
  ImDrawList* draw_;
  ImVec2 area_min_, area_max_;
  double x0_, x1_;
  AxisRange y_;
};

}  // namespace leverage::viewer::ui
