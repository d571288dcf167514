#include "engine/ensemble/outcomes.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

#include "engine/model/world.hpp"

namespace leverage {

const char* outcome_code_name(OutcomeCode code) {
  switch (code) {
    case OutcomeCode::none: return "none";
    case OutcomeCode::complied_threat: return "complied_threat";
    case OutcomeCode::partly_complied: return "partly_complied";
    case OutcomeCode::complied_after_imposition: return "complied_after_imposition";
    case OutcomeCode::executed_defied: return "executed_defied";
    case OutcomeCode::extended: return "extended";
    case OutcomeCode::backed_down: return "backed_down";
    case OutcomeCode::pending: return "pending";
    case OutcomeCode::count_: break;
  }
  return "unknown";
}

OutcomeCode outcome_code(const UltimatumState& u) {
  switch (u.stage) {
    case UltimatumStage::threat:
    case UltimatumStage::awaiting_decision: return u.extensions > 0 ? OutcomeCode::extended : OutcomeCode::pending;
    case UltimatumStage::executed: return OutcomeCode::executed_defied;
    case UltimatumStage::complied_threat: return OutcomeCode::complied_threat;
    case UltimatumStage::partly_complied: return OutcomeCode::partly_complied;
    case UltimatumStage::complied_after_imposition: return OutcomeCode::complied_after_imposition;
    case UltimatumStage::backed_down: return OutcomeCode::backed_down;
  }
  return OutcomeCode::pending;
}

// The identifying columns (point, replicate, seed) come first and are written by the ensemble
// runner; the schema holds the outcome columns.
OutcomeSchema::OutcomeSchema(const Scenario& scenario) {
  const auto add = [&](std::string name, bool categorical = false, bool optional = false) {
    columns_.push_back({std::move(name), categorical, optional});
  };
  add("gross_releases");
  add("rearrests");
  add("net_change_in_stock");
  add("final_stock");
  add("first_release_week", false, true);
  add("named_released");
  add("transit_lost_teu");
  add("aid_paid_meur");
  add("vetoes");
  add("ultimatums_issued");
  add("u1_outcome", true);
  add("u1_share_met_at_deadline", false, true);
  add("u1_share_met_at_end", false, true);
  add("u1_executed_week", false, true);
  add("u1_complied_week", false, true);
  add("u1_extensions", false, true);
  add("u1_predicted_p_comply", false, true);  // the benchmark (engine/model/prediction.hpp)
  add("u1_predicted_p_execute", false, true);
  for (int code = 1; code < kOutcomeCodeCount; ++code)
    add(std::string("later_") + outcome_code_name(static_cast<OutcomeCode>(code)));
  for (const auto& actor : scenario.actors) {
    add(actor.id + "_discounted_payoff");
    add(actor.id + "_action_cost_meur");
    add(actor.id + "_revenue_meur");
    add(actor.id + "_audience_cost");
    add(actor.id + "_resolved");
  }
}

void OutcomeSchema::extract(const Scenario& scenario, const WorldState& s, double* row) const {
  constexpr double none = std::numeric_limits<double>::quiet_NaN();
  std::size_t k = 0;
  row[k++] = s.gross_releases;
  row[k++] = s.rearrests_total;
  row[k++] = s.prisoners - scenario.prisoners.initial_stock;
  row[k++] = s.prisoners;
  row[k++] = s.first_release_week < 0 ? none : s.first_release_week;
  row[k++] = std::popcount(s.named_released);
  row[k++] = s.transit_lost_total;
  row[k++] = s.aid_total_meur;
  row[k++] = s.vetoes_total;
  row[k++] = s.ultimatum_count;
  if (s.ultimatum_count == 0) {
    row[k++] = static_cast<double>(OutcomeCode::none);
    for (int j = 0; j < 7; ++j) row[k++] = none;
  } else {
    const UltimatumState& u = s.ultimatums[0];
    const UltimatumSpec& spec = scenario.ultimatums[u.spec];
    row[k++] = static_cast<double>(outcome_code(u));
    const bool deadline_reached = s.week >= u.deadline_week || u.stage != UltimatumStage::threat;
    row[k++] = deadline_reached ? u.share_met_at_deadline : none;
    row[k++] = std::clamp(demand_progress(scenario, s, u) / demand_size(spec), 0.0, 1.0);
    row[k++] = u.executed_week < 0 ? none : u.executed_week;
    row[k++] = u.complied_week < 0 ? none : u.complied_week;
    row[k++] = u.extensions;
    row[k++] = u.predicted_p_comply;  // NaN when nothing was predicted
    row[k++] = u.predicted_p_execute;
  }
  for (int code = 1; code < kOutcomeCodeCount; ++code) {
    int count = 0;
    for (std::size_t j = 1; j < s.ultimatum_count; ++j) count += outcome_code(s.ultimatums[j]) == static_cast<OutcomeCode>(code);
    row[k++] = count;
  }
  for (std::size_t i = 0; i < scenario.actors.size(); ++i) {
    const ActorState& a = s.actors[i];
    row[k++] = a.payoff;
    row[k++] = a.action_cost_meur;
    row[k++] = a.revenue_meur;
    row[k++] = a.audience_cost;
    row[k++] = a.resolved ? 1.0 : 0.0;
  }
}

}  // namespace leverage
