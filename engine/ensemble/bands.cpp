#include "engine/ensemble/bands.hpp"

#include <algorithm>

#include "engine/util/csv.hpp"

namespace leverage {

namespace {
bool is_band_variable(const std::string& name, const Scenario& scenario) {
  static const char* const world[] = {"prisoners_persons",    "gross_releases_total_persons", "rearrests_total_persons",
                                      "transit_teu_per_week", "budget_stress",                "migration_index",
                                      "sanctions_level",      "reroute_share"};
  for (const char* w : world)
    if (name == w) return true;
  for (const auto& actor : scenario.actors)
    if (name == actor.id + "_belief_resolved" || name == actor.id + "_payoff_utility") return true;
  return false;
}
}  // namespace

Bands::Bands(const Scenario& scenario, int weeks, std::size_t sketch_capacity) : weeks_(weeks), capacity_(sketch_capacity) {
  for (auto& column : trajectory_columns(scenario))
    if (is_band_variable(column.name, scenario)) columns_.push_back(std::move(column));
  sketches_.assign(static_cast<std::size_t>(weeks + 1) * columns_.size(), QuantileSketch(capacity_));
}

void Bands::observe(const WorldState& state, double* out) const {
  for (std::size_t v = 0; v < columns_.size(); ++v) out[v] = columns_[v].value(state);
}

void Bands::add_replicate(const double* values) {
  for (std::size_t k = 0; k < sketches_.size(); ++k) sketches_[k].add(values[k]);
}

std::string Bands::csv() const {
  std::string out;
  CsvRow row;
  row.add("week").add("variable").add("n").add("q05").add("q25").add("q50").add("q75").add("q95");
  row.end_row(out);
  for (int w = 0; w <= weeks_; ++w) {
    for (std::size_t v = 0; v < columns_.size(); ++v) {
      const QuantileSketch& sketch = sketches_[static_cast<std::size_t>(w) * columns_.size() + v];
      row.add(w).add(columns_[v].name).add(static_cast<unsigned long long>(sketch.count()));
      for (double p : {0.05, 0.25, 0.5, 0.75, 0.95}) row.add(sketch.quantile(p));
      row.end_row(out);
    }
  }
  return out;
}

double Bands::max_rank_error() const {
  double worst = 0;
  for (const auto& sketch : sketches_)
    if (sketch.count() > 0)
      worst = std::max(worst, static_cast<double>(sketch.rank_error_bound()) / static_cast<double>(sketch.count()));
  return worst;
}

void Bands::save(StateWriter& out) const {
  out.u64(sketches_.size());
  for (const auto& sketch : sketches_) sketch.save(out);
}

void Bands::restore(StateReader& in) {
  in.expect(in.u64(), sketches_.size(), "band sketches");
  for (auto& sketch : sketches_) sketch.restore(in);
}

}  // namespace leverage
