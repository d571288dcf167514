#include "viewer/app/app.hpp"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>
#include <vector>

#include "engine/util/atomic_file.hpp"
#include "viewer/ui/views.hpp"

namespace leverage::viewer {

namespace {

// Loads DejaVu Sans at the scaled pixel size into a fresh atlas (a crisp font at every scale, unlike
// io.FontGlobalScale, which stretches one bitmap), and scales the style's sizes to match.
void build_fonts(ui::ViewState& state, const AppOptions& options, const ImGuiStyle& base_style, bool replace_texture) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  const float pixels = std::round(options.base_font_pixels * state.font_scale);
  std::error_code error;
  ImFont* font = nullptr;
  if (std::filesystem::is_regular_file(options.font, error))
    font = io.Fonts->AddFontFromFileTTF(options.font.string().c_str(), pixels);
  if (font == nullptr) {
    state.font_warning = "font " + options.font.string() + " not found: using ImGui's default font";
    std::fprintf(stderr, "leverage-viewer: warning: %s (install fonts-dejavu-core)\n", state.font_warning.c_str());
    ImFontConfig config;
    config.SizePixels = std::round(13.0f * state.font_scale);
    io.Fonts->AddFontDefault(&config);
  }
  io.Fonts->Build();
  ImGui::GetStyle() = base_style;
  ImGui::GetStyle().ScaleAllSizes(state.font_scale);
  if (replace_texture) {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }
  state.font_rebuild = false;
}

void font_shortcuts(ui::ViewState& state) {
  const ImGuiIO& io = ImGui::GetIO();
  if (!io.KeyCtrl || io.WantTextInput) return;
  if (ImGui::IsKeyPressed(GLFW_KEY_EQUAL, false) || ImGui::IsKeyPressed(GLFW_KEY_KP_ADD, false)) {
    state.font_scale = std::min(state.font_scale + 0.125f, 3.0f);
    state.font_rebuild = true;
  }
  if (ImGui::IsKeyPressed(GLFW_KEY_MINUS, false) || ImGui::IsKeyPressed(GLFW_KEY_KP_SUBTRACT, false)) {
    state.font_scale = std::max(state.font_scale - 0.125f, 0.625f);
    state.font_rebuild = true;
  }
  if (ImGui::IsKeyPressed(GLFW_KEY_0, false)) {
    state.font_scale = 1.0f;
    state.font_rebuild = true;
  }
}

void glfw_error(int code, const char* description) {
  std::fprintf(stderr, "leverage-viewer: GLFW error %d: %s\n", code, description);
}

}  // namespace

int run_app(ui::ViewState& state, const AppOptions& options) {
  glfwSetErrorCallback(glfw_error);
  if (!glfwInit()) {
    std::fprintf(stderr, "leverage-viewer: cannot initialise GLFW (no display? run under xvfb-run -a)\n");
    return 1;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  glfwWindowHint(GLFW_RESIZABLE, options.screenshot.empty() && options.bench_frames == 0 ? GLFW_TRUE : GLFW_FALSE);
  GLFWwindow* window = glfwCreateWindow(options.width, options.height, "leverage-viewer", nullptr, nullptr);
  if (window == nullptr) {
    std::fprintf(stderr, "leverage-viewer: cannot open an OpenGL 3 window\n");
    glfwTerminate();
    return 1;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(options.screenshot.empty() && options.bench_frames == 0 ? 1 : 0);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // fixed layout; nothing to remember between runs
  ImGui::StyleColorsDark();
  // The fixed windows tile the display, so their background is the cleared framebuffer: a window
  // background of alpha 0 is not drawn at all (llvmpipe's fill rate is the frame's cost,
  // docs/PERFORMANCE.md), and the clear colour is what the dark style's 94% background looked like
  // over the old clear colour. Windows drawn over others (file browser, sliders) set their own alpha.
  ImGui::GetStyle().Colors[ImGuiCol_WindowBg].w = 0.0f;
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 0;
  style.WindowBorderSize = 1;
  const ImGuiStyle base_style = style;
  ImGui_ImplGlfw_InitForOpenGL(window, options.screenshot.empty());
  ImGui_ImplOpenGL3_Init("#version 130");
  build_fonts(state, options, base_style, false);

  const bool headless = !options.screenshot.empty() || options.bench_frames > 0;
  int frames_left = options.warmup_frames + 1 + options.bench_frames;
  std::vector<double> frame_ms;  // --bench-frames: wall time of each timed frame
  ui::RegionLog regions;
  int exit_code = 0;
  while (!glfwWindowShouldClose(window)) {
    if (headless) {
      glfwPollEvents();
    } else {
      glfwWaitEventsTimeout(state.playback.playing ? 1.0 / 60 : 0.25);
    }
    if (state.font_rebuild) build_fonts(state, options, base_style, true);
    const auto frame_start = std::chrono::steady_clock::now();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    if (headless) {
      // Fixed time step and no input: the same arguments give the same picture.
      io.DeltaTime = 1.0f / 60.0f;
      io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
      for (bool& down : io.MouseDown) down = false;
      for (bool& down : io.KeysDown) down = false;
    }
    ImGui::NewFrame();
    if (!headless) font_shortcuts(state);
    ui::advance_playback(state, io.DeltaTime);
    ui::draw_frame(state, regions);
    ImGui::Render();
    int width = 0, height = 0;
    glfwGetFramebufferSize(window, &width, &height);
    glViewport(0, 0, width, height);
    glClearColor(0.061f, 0.062f, 0.063f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (options.bench_frames > 0) {
      // The frame's cost: building it, and the GPU (llvmpipe under Xvfb) drawing it to the end.
      glFinish();
      const std::chrono::duration<double, std::milli> elapsed = std::chrono::steady_clock::now() - frame_start;
      if (frames_left <= options.bench_frames) frame_ms.push_back(elapsed.count());
      if (--frames_left == 0) {
        std::sort(frame_ms.begin(), frame_ms.end());
        double sum = 0;
        for (double ms : frame_ms) sum += ms;
        std::printf("frames %zu  median %.2f ms  mean %.2f ms  min %.2f ms  max %.2f ms\n", frame_ms.size(),
                    frame_ms[frame_ms.size() / 2], sum / static_cast<double>(frame_ms.size()), frame_ms.front(),
                    frame_ms.back());
        break;
      }
      glfwSwapBuffers(window);
      continue;
    }
    if (headless && --frames_left == 0) {
      std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4);
      glPixelStorei(GL_PACK_ALIGNMENT, 1);
      glReadBuffer(GL_BACK);
      glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
      if (!write_png_flipped(options.screenshot, width, height, pixels.data())) {
        std::fprintf(stderr, "leverage-viewer: cannot write %s\n", options.screenshot.string().c_str());
        exit_code = 1;
      }
      if (!options.dump_regions.empty()) {
        const nlohmann::json dump = {{"width", width}, {"height", height}, {"regions", regions.json()}};
        try {
          write_file_atomic(options.dump_regions, dump.dump(2) + "\n");
        } catch (const std::exception& e) {
          std::fprintf(stderr, "leverage-viewer: %s\n", e.what());
          exit_code = 1;
        }
      }
      break;
    }
    glfwSwapBuffers(window);
  }
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return exit_code;
}

}  // namespace leverage::viewer
