#pragma once
// Up to eight key parameters of a scenario as sliders (docs/VIEWER.md, "Parameter sliders"): each is
// a JSON pointer into the scenario, as `leverage run --set /pointer=value` takes it. Which ones a
// scenario offers is read off its own document: the first ultimatum's deadline, demand, capitulation
// and audience costs and its sender's prior of being resolved; the first pressure on the target; the
// patron's aid cap; the first EU member's veto probability. No drawing here.
#include <memory>
#include <string>
#include <vector>

#include "engine/model/scenario.hpp"

namespace leverage::viewer {

struct ParameterSlider {
  std::string label;
  std::string pointer;  // RFC 6901, into Scenario::effective
  double min = 0, max = 1;
  double original = 0;  // the value in the scenario
  double value = 0;     // the slider's
  bool integer = false;
};

// The scenario's key parameters (at most 8), each at its current value.
std::vector<ParameterSlider> key_parameters(const Scenario& scenario);

// The sliders as `--set` assignments ("/pointer=value"), for the ones moved off their original value.
std::vector<std::string> slider_overrides(const std::vector<ParameterSlider>& sliders);

// `base` with the sliders' values applied, validated as a scenario file is (throws
// config::ConfigError when a value is refused).
std::shared_ptr<const Scenario> apply_sliders(const Scenario& base, const std::vector<ParameterSlider>& sliders);

}  // namespace leverage::viewer
