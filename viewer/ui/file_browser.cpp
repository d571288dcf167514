// A simple file browser (std::filesystem listing): folders to enter, .lvr replay files to open, an
// ensemble folder (manifest.json and outcomes.csv) to open as an ensemble.
#include <algorithm>
#include <system_error>

#include "viewer/ui/views.hpp"

namespace leverage::viewer::ui {

void draw_file_browser(ViewState& state, const Box& box) {
  FileBrowserState& browser = state.browser;
  std::error_code error;
  if (browser.directory.empty()) browser.directory = std::filesystem::current_path(error);
  ImGui::SetNextWindowFocus();
  ImGui::SetNextWindowBgAlpha(1.0f);  // drawn over the mode's windows (the style's background is clear)
  if (!begin_fixed(browser.purpose == "compare" ? "Compare with a replay" : "Open", box)) {
    ImGui::End();
    return;
  }
  ImGui::TextWrapped("%s", browser.directory.string().c_str());
  if (ImGui::Button("Up")) browser.directory = browser.directory.parent_path();
  ImGui::SameLine();
  const bool ensemble_here = is_ensemble_folder(browser.directory);
  if (browser.purpose == "open" && ensemble_here && ImGui::Button("Open this folder as an ensemble")) {
    browser.open = false;
    open_ensemble(state, browser.directory);
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel")) browser.open = false;
  if (!browser.error.empty()) ImGui::TextColored(ImVec4(1, 0.5f, 0.4f, 1), "%s", browser.error.c_str());
  ImGui::Separator();

  std::vector<std::filesystem::directory_entry> entries;
  for (auto it = std::filesystem::directory_iterator(browser.directory, error);
       !error && it != std::filesystem::directory_iterator(); it.increment(error))
    entries.push_back(*it);
  browser.error = error ? error.message() : std::string();
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    std::error_code ignored;
    const bool da = a.is_directory(ignored), db = b.is_directory(ignored);
    if (da != db) return da;
    return a.path().filename() < b.path().filename();
  });
  ImGui::BeginChild("entries");
  for (const auto& entry : entries) {
    std::error_code ignored;
    const std::string name = entry.path().filename().string();
    if (entry.is_directory(ignored)) {
      const bool ensemble = is_ensemble_folder(entry.path());
      const std::string label = name + (ensemble ? "/   (ensemble)" : "/");
      if (ImGui::Selectable(label.c_str())) browser.directory = entry.path();
    } else if (entry.path().extension() == ".lvr") {
      if (ImGui::Selectable(name.c_str())) {
        browser.open = false;
        if (browser.purpose == "compare" && state.run) {
          open_compare(state, state.run->label(), entry.path());
        } else {
          open_replay(state, entry.path());
        }
      }
    } else {
      ImGui::TextDisabled("%s", name.c_str());
    }
  }
  ImGui::EndChild();
  ImGui::End();
}

}  // namespace leverage::viewer::ui
