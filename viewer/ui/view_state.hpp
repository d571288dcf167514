#pragma once
// What the viewer shows and where the user is in it: the loaded run(s) or ensemble, the week, the
// playback, the font scale. The screens read it and change it through the user's input only.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "viewer/data/ensemble_data.hpp"
#include "viewer/data/equilibrium.hpp"
#include "viewer/data/live_run.hpp"
#include "viewer/data/run_data.hpp"
#include "viewer/data/scenario_sliders.hpp"

namespace leverage::viewer::ui {

enum class Mode { empty, replay, ensemble, compare, play };

// Rectangles and sample points of the last frame, by name, for --dump-regions (tests check the
// screenshot's pixels there).
class RegionLog {
 public:
  void rect(const std::string& name, ImVec2 min, ImVec2 max, nlohmann::json extra = nlohmann::json::object());
  void point(const std::string& name, ImVec2 at, ImU32 color, nlohmann::json extra = nlohmann::json::object());
  void clear() { regions_ = nlohmann::json::object(); }
  const nlohmann::json& json() const { return regions_; }

 private:
  nlohmann::json regions_ = nlohmann::json::object();
};

struct Playback {
  int week = 0;
  bool playing = false;
  float weeks_per_second = 4.0f;
  double accumulated = 0;  // seconds towards the next week
};

struct FileBrowserState {
  bool open = false;
  std::filesystem::path directory;
  std::string purpose;  // "open" or "compare"
  std::string error;
};

struct EnsembleViewState {
  int histogram_column = -1;  // index into EnsembleData::numeric_outcomes
  int sort_column = -1;       // index into numeric_outcomes, for the kept list
  bool sort_descending = true;
  std::vector<std::size_t> kept_order;
  bool order_dirty = true;
};

// A class playing capitals of the open replay's run (docs/VIEWER.md, "For a class").
struct ClassPlayState {
  std::optional<LiveRun> live;
  std::optional<RunData> so_far;  // the class's run up to this week (map and plots)
  std::optional<RunData> ai;      // the same seed with no student: the rules' own play (debrief)
  bool hidden_types = false;      // a student sees only the drawn type of the capital they play
  std::filesystem::path out_dir;  // where the outputs go when the play ends (--play-out; empty: none)
  std::vector<std::filesystem::path> written;
  std::string notice;       // the last refused choice, or a write error
  std::vector<bool> setup;  // the Class menu's "play as" ticks, per actor
};

// The parameter sliders of the open replay: moving one re-runs the replay's replicate (same seed)
// on the scenario with the sliders' values, when the slider is released.
struct SlidersState {
  bool open = false;
  std::shared_ptr<const Scenario> base;  // the replay's own scenario
  std::vector<ParameterSlider> sliders;
};

struct ViewState {
  Mode mode = Mode::empty;
  std::optional<RunData> run;    // replay, or the first run of a comparison
  std::optional<RunData> other;  // the second run of a comparison
  Divergence divergence;
  std::optional<EnsembleData> ensemble;
  bool run_from_ensemble = false;  // replay opened from the ensemble's kept list ("Back" returns)
  int selected_actor = 0;          // decision panel tab

  Playback playback;
  ClassPlayState play;
  SlidersState parameters;
  EnsembleViewState ensemble_view;
  FileBrowserState browser;

  float font_scale = 1.0f;
  bool font_rebuild = false;  // set by the View menu and Ctrl +/-; the app rebuilds between frames
  std::string font_warning;
  std::string message;  // last error or notice, shown in the status line

  int last_week() const;
};

// Opening things: each sets the mode and resets the week, or leaves the state alone and sets
// `message` to what went wrong.
void open_replay(ViewState& state, const std::filesystem::path& file, bool from_ensemble = false);
void open_ensemble(ViewState& state, const std::filesystem::path& directory);
void open_compare(ViewState& state, const std::filesystem::path& a, const std::filesystem::path& b);
void open_path(ViewState& state, const std::filesystem::path& path);

// Re-runs the open run's replicate (same seed and horizon) on its scenario with the sliders applied;
// sets `message` to the overrides, or to what was refused.
void rerun_with_sliders(ViewState& state);

// Starts a class play of the open run (its scenario, seed and horizon) with these capitals played in
// turn order; sets `message` and leaves the mode alone when it cannot.
void start_play(ViewState& state, std::vector<std::size_t> players);
// After the class chose: refreshes the run so far and, once the play is over, runs the AI's play of
// the same seed for the debrief and writes the outputs to `play.out_dir`.
void refresh_play(ViewState& state);

}  // namespace leverage::viewer::ui
