#include "viewer/data/ensemble_data.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>

namespace leverage::viewer {

namespace {

std::vector<Band> read_bands(const std::filesystem::path& path, int& weeks) {
  const CsvTable table = CsvTable::read(path);
  const auto need = [&](const char* name) {
    const auto c = table.column(name);
    if (!c) throw LoadError(path.string() + ": no column \"" + name + "\"");
    return *c;
  };
  const std::size_t week = need("week"), variable = need("variable");
  const std::size_t q[5] = {need("q05"), need("q25"), need("q50"), need("q75"), need("q95")};
  std::vector<Band> bands;
  std::map<std::string, std::size_t> index;
  for (std::size_t r = 0; r < table.rows(); ++r) {
    const double w = table.number(r, week);
    if (!(w >= 0) || w != std::floor(w) || w > 100000)
      throw LoadError(path.string() + ": row " + std::to_string(r + 2) + ": week is not a week number");
    const std::string& name = table.cell(r, variable);
    auto [it, inserted] = index.emplace(name, bands.size());
    if (inserted) bands.push_back(Band{name, {}, {}, {}, {}, {}});
    Band& band = bands[it->second];
    if (static_cast<double>(band.q50.size()) != w)
      throw LoadError(path.string() + ": row " + std::to_string(r + 2) + ": weeks of " + name + " are not in order");
    band.q05.push_back(table.number(r, q[0]));
    band.q25.push_back(table.number(r, q[1]));
    band.q50.push_back(table.number(r, q[2]));
    band.q75.push_back(table.number(r, q[3]));
    band.q95.push_back(table.number(r, q[4]));
  }
  weeks = bands.empty() ? 0 : static_cast<int>(bands.front().q50.size()) - 1;
  return bands;
}

}  // namespace

bool is_ensemble_folder(const std::filesystem::path& directory) {
  std::error_code ignored;
  return std::filesystem::is_regular_file(directory / "manifest.json", ignored) &&
         std::filesystem::is_regular_file(directory / "outcomes.csv", ignored);
}

EnsembleData load_ensemble(const std::filesystem::path& directory) {
  EnsembleData data;
  data.directory = directory;
  const auto manifest_path = directory / "manifest.json";
  std::ifstream in(manifest_path);
  if (!in) throw LoadError(manifest_path.string() + ": cannot open (is this an ensemble folder?)");
  data.manifest = nlohmann::json::parse(in, nullptr, false);
  if (data.manifest.is_discarded() || !data.manifest.is_object())
    throw LoadError(manifest_path.string() + ": not a JSON object");
  if (auto it = data.manifest.find("scenario"); it != data.manifest.end() && it->is_string())
    data.scenario_name = it->get<std::string>();
  if (auto it = data.manifest.find("replicates"); it != data.manifest.end() && it->is_number_unsigned())
    data.replicates = it->get<std::uint64_t>();
  if (auto it = data.manifest.find("weeks"); it != data.manifest.end() && it->is_number_integer())
    data.weeks = it->get<int>();

  data.outcomes = CsvTable::read(directory / "outcomes.csv");
  for (std::size_t c = 0; c < data.outcomes.header().size(); ++c) {
    const std::string& name = data.outcomes.header()[c];
    if (name == "point" || name == "replicate" || name == "seed" || name == "master_seed") continue;
    if (data.outcomes.is_numeric(c)) data.numeric_outcomes.push_back(c);
  }

  if (std::filesystem::is_regular_file(directory / "bands.csv")) {
    int band_weeks = 0;
    data.bands = read_bands(directory / "bands.csv", band_weeks);
    if (data.weeks == 0) data.weeks = band_weeks;
  }

  // Kept members: replays/replicate-NNNNNN.lvr, matched to their outcomes.csv row.
  std::map<std::uint64_t, std::size_t> row_of;
  if (const auto replicate = data.outcomes.column("replicate"))
    for (std::size_t r = 0; r < data.outcomes.rows(); ++r) {
      const double v = data.outcomes.number(r, *replicate);
      if (v >= 0) row_of[static_cast<std::uint64_t>(v)] = r;
    }
  std::error_code error;
  const auto replays = directory / "replays";
  if (std::filesystem::is_directory(replays, error)) {
    for (const auto& entry : std::filesystem::directory_iterator(replays, error)) {
      const std::string name = entry.path().filename().string();
      constexpr std::string_view prefix = "replicate-";
      if (entry.path().extension() != ".lvr" || name.rfind(prefix, 0) != 0) continue;
      const double index = parse_number(std::string_view(name).substr(prefix.size(), name.size() - prefix.size() - 4));
      if (!(index >= 0)) continue;
      KeptReplicate kept{static_cast<std::uint64_t>(index), entry.path(), std::nullopt};
      if (auto it = row_of.find(kept.replicate); it != row_of.end()) kept.outcome_row = it->second;
      data.kept.push_back(std::move(kept));
    }
  }
  std::sort(data.kept.begin(), data.kept.end(),
            [](const KeptReplicate& a, const KeptReplicate& b) { return a.replicate < b.replicate; });
  return data;
}

const Band* EnsembleData::band(const std::string& variable) const {
  for (const Band& b : bands)
    if (b.variable == variable) return &b;
  return nullptr;
}

std::vector<double> EnsembleData::outcome_values(std::size_t column) const {
  std::vector<double> values(outcomes.rows());
  for (std::size_t r = 0; r < outcomes.rows(); ++r) values[r] = outcomes.number(r, column);
  return values;
}

std::uint64_t Histogram::max_count() const {
  return counts.empty() ? 0 : *std::max_element(counts.begin(), counts.end());
}

Histogram make_histogram(const std::vector<double>& values, std::size_t bins) {
  Histogram h;
  h.counts.assign(std::max<std::size_t>(bins, 1), 0);
  bool any = false;
  for (double v : values) {
    if (std::isnan(v)) continue;
    if (!any) h.low = h.high = v;
    h.low = std::min(h.low, v);
    h.high = std::max(h.high, v);
    any = true;
  }
  const double width = (h.high - h.low) / static_cast<double>(h.counts.size());
  for (double v : values) {
    if (std::isnan(v)) {
      ++h.missing;
      continue;
    }
    std::size_t bin = width > 0 ? static_cast<std::size_t>((v - h.low) / width) : 0;
    bin = std::min(bin, h.counts.size() - 1);
    ++h.counts[bin];
  }
  return h;
}

std::vector<std::size_t> sort_kept(const EnsembleData& ensemble, std::size_t outcome_column, bool descending) {
  std::vector<std::size_t> order(ensemble.kept.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  const auto value = [&](std::size_t i) {
    const auto& row = ensemble.kept[i].outcome_row;
    return row ? ensemble.outcomes.number(*row, outcome_column) : std::nan("");
  };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const double x = value(a), y = value(b);
    if (std::isnan(x) || std::isnan(y)) return !std::isnan(x) && std::isnan(y);
    if (x != y) return descending ? x > y : x < y;
    return ensemble.kept[a].replicate < ensemble.kept[b].replicate;
  });
  return order;
}

}  // namespace leverage::viewer
