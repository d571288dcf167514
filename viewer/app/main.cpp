// leverage-viewer: watch a run (a replay file), an ensemble folder, or two runs side by side
// (docs/VIEWER.md).
//
//   leverage-viewer RUN.lvr | ENSEMBLE_DIR | A.lvr B.lvr
//                   [--screenshot OUT.png [--frame N] [--size WxH] [--dump-regions OUT.json]]
//                   [--font-scale S] [--font FILE.ttf]
//                   [--play ID[,ID...] [--hidden-types] [--inputs FILE.csv] [--play-out DIR]]
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <regex>
#include <string>
#include <vector>

#include "engine/io/play_inputs.hpp"
#include "viewer/app/app.hpp"
#include "viewer/data/class_play.hpp"
#include "viewer/ui/view_state.hpp"

int main(int argc, char** argv) {
  using namespace leverage::viewer;
  CLI::App cli{"leverage-viewer: watch a run, an ensemble, or two runs compared (docs/VIEWER.md)"};
  std::vector<std::string> inputs;
  std::string screenshot, dump_regions, size = "1280x800", font;
  int frame = -1;
  float font_scale = 1.0f;
  cli.add_option("inputs", inputs, "A replay file (.lvr), an ensemble folder, or two replay files to compare")
      ->check(CLI::ExistingPath);
  cli.add_option("--screenshot", screenshot, "Render without input, write this PNG and exit");
  cli.add_option("--frame", frame, "With --screenshot: the week shown (replay and compare; default: the last week)")
      ->check(CLI::NonNegativeNumber);
  cli.add_option("--size", size, "Window size WxH (default 1280x800)");
  cli.add_option("--dump-regions", dump_regions, "With --screenshot: write the frame's named regions as JSON here");
  cli.add_option("--font-scale", font_scale, "Text size, 1 = 15 px DejaVu Sans")->check(CLI::Range(0.5, 3.0));
  cli.add_option("--font", font, "A TrueType font to use instead of DejaVu Sans");
  int bench_frames = 0;
  cli.add_option("--bench-frames", bench_frames, "Render this many frames without input, print their timing, exit")
      ->check(CLI::Range(1, 100000));
  std::vector<std::string> play_ids;
  std::string play_inputs_file, play_out;
  bool hidden_types = false;
  cli.add_option("--play", play_ids,
                 "Class play of the replay's run: the capitals the students play, in hot-seat turn order (ids)")
      ->delimiter(',');
  cli.add_flag("--hidden-types", hidden_types, "With --play: a student sees only their own capital's drawn type");
  cli.add_option("--inputs", play_inputs_file,
                 "With --play: the students' choices and predictions (CSV kind,week,actor,action); without "
                 "--screenshot the play runs headless to the end")
      ->check(CLI::ExistingFile);
  cli.add_option("--play-out", play_out,
                 "With --play: write trajectory.csv, decisions.csv, summary.json and class_results.csv here");
  std::vector<std::string> slider_values;
  cli.add_option("--slider", slider_values,
                 "Replay mode: open the parameter sliders with /pointer=VALUE set and the run re-run (repeatable)");
  bool show_parameters = false;
  cli.add_flag("--parameters", show_parameters, "Replay mode: open the scenario-parameter sliders");
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help prints and exits 0; any mistake in the arguments is an input error (2), as in `leverage`.
    return cli.exit(e) == 0 ? 0 : 2;
  }

  AppOptions options;
  std::smatch match;
  const std::regex size_pattern("([0-9]{2,5})x([0-9]{2,5})");
  if (!std::regex_match(size, match, size_pattern)) {
    std::fprintf(stderr, "leverage-viewer: --size: expected WxH such as 1280x800, found \"%s\"\n", size.c_str());
    return 2;
  }
  options.width = std::stoi(match[1]);
  options.height = std::stoi(match[2]);
  if (options.width < 320 || options.height < 240 || options.width > 8192 || options.height > 8192) {
    std::fprintf(stderr, "leverage-viewer: --size: expected between 320x240 and 8192x8192, found %s\n", size.c_str());
    return 2;
  }
  options.screenshot = screenshot;
  options.bench_frames = bench_frames;
  if (bench_frames > 0 && !screenshot.empty()) {
    std::fprintf(stderr, "leverage-viewer: --bench-frames and --screenshot are separate runs\n");
    return 2;
  }
  options.dump_regions = dump_regions;
  if (!font.empty()) options.font = font;
  if (!dump_regions.empty() && screenshot.empty()) {
    std::fprintf(stderr, "leverage-viewer: --dump-regions needs --screenshot\n");
    return 2;
  }
  if (inputs.size() > 2) {
    std::fprintf(stderr, "leverage-viewer: expected one replay or ensemble folder, or two replays; found %zu inputs\n",
                 inputs.size());
    return 2;
  }

  if ((!play_inputs_file.empty() || !play_out.empty() || hidden_types) && play_ids.empty()) {
    std::fprintf(stderr, "leverage-viewer: --inputs, --play-out and --hidden-types need --play\n");
    return 2;
  }
  if (!play_ids.empty() && inputs.size() != 1) {
    std::fprintf(stderr, "leverage-viewer: --play needs one replay file (the run the class plays)\n");
    return 2;
  }
  if (!play_inputs_file.empty() && screenshot.empty() && play_out.empty()) {
    std::fprintf(stderr, "leverage-viewer: a headless play (--inputs without --screenshot) needs --play-out DIR\n");
    return 2;
  }

  ui::ViewState state;
  state.font_scale = font_scale;
  if (inputs.size() == 1) ui::open_path(state, inputs[0]);
  if (!play_ids.empty()) {
    if (state.mode != ui::Mode::replay) {
      std::fprintf(stderr, "leverage-viewer: --play: %s\n",
                   state.mode == ui::Mode::empty ? state.message.c_str() : "expected a replay file, not a folder");
      return 2;
    }
    std::vector<std::size_t> players;
    for (const std::string& id : play_ids) {
      const int actor = state.run->scenario().actor_index(id);
      if (actor < 0) {
        std::string known;
        for (const auto& a : state.run->scenario().actors) known.append(known.empty() ? "" : ", ").append(a.id);
        std::fprintf(stderr, "leverage-viewer: --play: expected actor ids (%s), found \"%s\"\n", known.c_str(),
                     id.c_str());
        return 2;
      }
      players.push_back(static_cast<std::size_t>(actor));
    }
    state.play.hidden_types = hidden_types;
    state.play.out_dir = play_out;
    ui::start_play(state, players);
    if (state.mode != ui::Mode::play) {
      std::fprintf(stderr, "leverage-viewer: --play: %s\n", state.message.c_str());
      return 2;
    }
    if (!play_inputs_file.empty()) {
      const bool headless = screenshot.empty();
      try {
        const leverage::PlayInputs choices =
            leverage::read_play_inputs(play_inputs_file, state.play.live->scenario(), state.play.live->weeks());
        // A screenshot shows the play after --frame weeks (default: as far as the file goes).
        leverage::viewer::play_inputs(*state.play.live, choices, headless, headless ? -1 : frame);
      } catch (const leverage::PlayInputsError& e) {
        std::fprintf(stderr, "leverage-viewer: %s\n", e.what());
        return 2;
      }
      ui::refresh_play(state);
      if (!state.play.notice.empty()) {
        std::fprintf(stderr, "leverage-viewer: %s\n", state.play.notice.c_str());
        return 1;
      }
      if (headless) {
        for (const auto& file : state.play.written) std::printf("%s\n", file.string().c_str());
        return 0;
      }
    }
    return run_app(state, options);
  }
  if (inputs.size() == 2) ui::open_compare(state, inputs[0], inputs[1]);
  if (!inputs.empty() && state.mode == ui::Mode::empty) {
    std::fprintf(stderr, "leverage-viewer: %s\n", state.message.c_str());
    if (!screenshot.empty()) return 2;  // nothing to show; an interactive session stays open on the message
  }
  if (show_parameters || !slider_values.empty()) {
    if (state.mode != ui::Mode::replay) {
      std::fprintf(stderr, "leverage-viewer: --parameters and --slider need one replay file\n");
      return 2;
    }
    state.parameters.open = true;
    for (const std::string& assignment : slider_values) {
      const auto eq = assignment.find('=');
      auto& sliders = state.parameters.sliders;
      const auto it = std::find_if(sliders.begin(), sliders.end(), [&](const leverage::viewer::ParameterSlider& s) {
        return eq != std::string::npos && s.pointer == assignment.substr(0, eq);
      });
      if (it == sliders.end()) {
        std::string known;
        for (const auto& s : sliders) known.append(known.empty() ? "" : ", ").append(s.pointer);
        std::fprintf(stderr, "leverage-viewer: --slider: expected /pointer=VALUE with one of %s, found \"%s\"\n",
                     known.c_str(), assignment.c_str());
        return 2;
      }
      try {
        it->value = std::stod(assignment.substr(eq + 1));
      } catch (const std::exception&) {
        std::fprintf(stderr, "leverage-viewer: --slider: expected a number after '=', found \"%s\"\n",
                     assignment.c_str());
        return 2;
      }
    }
    if (!slider_values.empty()) {
      ui::rerun_with_sliders(state);
      if (state.message.rfind("re-ran", 0) != 0) {
        std::fprintf(stderr, "leverage-viewer: --slider: %s\n", state.message.c_str());
        return 2;
      }
    }
  }
  // Replay mode starts at the last week, compare mode at the first divergence; --frame overrides.
  if (state.mode == ui::Mode::replay) state.playback.week = state.last_week();
  if ((state.mode == ui::Mode::replay || state.mode == ui::Mode::compare) && frame >= 0)
    state.playback.week = std::min(frame, state.last_week());
  return run_app(state, options);
}
