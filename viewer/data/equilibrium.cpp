#include "viewer/data/equilibrium.hpp"

#include <cstdio>

namespace leverage::viewer {

namespace {

std::optional<double> probability(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_number()) return std::nullopt;
  const double p = it->get<double>();
  if (!(p >= 0 && p <= 1)) return std::nullopt;
  return p;
}

}  // namespace

std::vector<std::optional<EquilibriumPrediction>> read_equilibrium(const nlohmann::json& summary) {
  std::vector<std::optional<EquilibriumPrediction>> out;
  const auto ultimatums = summary.find("ultimatums");
  if (ultimatums == summary.end() || !ultimatums->is_array()) return out;
  for (const nlohmann::json& u : *ultimatums) {
    std::optional<EquilibriumPrediction>& entry = out.emplace_back();
    if (!u.is_object()) continue;
    const auto prediction = u.find("prediction");
    if (prediction == u.end() || !prediction->is_object()) continue;
    const std::optional<double> comply = probability(*prediction, "p_comply");
    const std::optional<double> execute = probability(*prediction, "p_execute");
    if (!comply || !execute) continue;
    EquilibriumPrediction p;
    p.p_comply = *comply;
    p.p_execute = *execute;
    if (const auto sender = u.find("sender"); sender != u.end() && sender->is_string()) p.sender = *sender;
    if (const auto week = u.find("issue_week"); week != u.end() && week->is_number_integer()) p.issue_week = *week;
    if (const auto kind = prediction->find("kind"); kind != prediction->end() && kind->is_string()) p.kind = *kind;
    entry = p;
  }
  return out;
}

const EquilibriumPrediction* find_prediction(const std::vector<std::optional<EquilibriumPrediction>>& predictions,
                                             const std::string& sender, int issue_week) {
  for (const auto& p : predictions)
    if (p && p->sender == sender && p->issue_week == issue_week) return &*p;
  return nullptr;
}

std::string describe(const EquilibriumPrediction* prediction) {
  if (prediction == nullptr) return "-";
  char text[128];
  std::snprintf(text, sizeof text, "p(comply) %.2f, p(execute) %.2f", prediction->p_comply, prediction->p_execute);
  std::string out = text;
  if (!prediction->kind.empty()) out.append(" (").append(prediction->kind).append(")");
  return out;
}

}  // namespace leverage::viewer
