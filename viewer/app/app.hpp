#pragma once
// The application shell: a GLFW window with an OpenGL 3 context, Dear ImGui on top, the frame loop,
// fonts (DejaVu Sans, with the atlas rebuilt when the scale changes) and headless screenshots.
#include <filesystem>
#include <string>

#include "viewer/ui/view_state.hpp"

namespace leverage::viewer {

struct AppOptions {
  int width = 1280, height = 800;
  std::filesystem::path screenshot;    // non-empty: render without input, write the PNG, exit
  std::filesystem::path dump_regions;  // with a screenshot: the regions of the frame as JSON
  int warmup_frames = 4;               // frames rendered before the screenshot (layout settles)
  int bench_frames = 0;                // headless: time this many frames after the warm-up and print
                                       // the median and mean (docs/PERFORMANCE.md); no screenshot
  std::filesystem::path font = LEVERAGE_DEFAULT_FONT;
  float base_font_pixels = 15.0f;
};

// Runs the viewer on `state` until the window closes (or, with a screenshot, after writing it).
// Returns the process exit code: 0, or 1 when the window or the PNG could not be made.
int run_app(ui::ViewState& state, const AppOptions& options);

// Writes RGBA pixels read bottom-up from OpenGL as a top-down PNG. False on failure.
bool write_png_flipped(const std::filesystem::path& path, int width, int height, const unsigned char* rgba_bottom_up);

}  // namespace leverage::viewer
