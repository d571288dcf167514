#include "engine/io/run_outputs.hpp"

#include <bit>

#include "engine/model/prediction.hpp"
#include "engine/util/atomic_file.hpp"
#include "engine/util/csv.hpp"
#include "engine/util/format.hpp"
#include "engine/version.hpp"

namespace leverage {

const char* stage_name(UltimatumStage stage) {
  switch (stage) {
    case UltimatumStage::threat: return "threat";
    case UltimatumStage::awaiting_decision: return "awaiting_decision";
    case UltimatumStage::executed: return "executed";
    case UltimatumStage::complied_threat: return "complied_threat";
    case UltimatumStage::partly_complied: return "partly_complied";
    case UltimatumStage::complied_after_imposition: return "complied_after_imposition";
    case UltimatumStage::backed_down: return "backed_down";
  }
  return "unknown";
}

std::string ultimatum_outcome(const UltimatumState& u) {
  switch (u.stage) {
    case UltimatumStage::threat:
    case UltimatumStage::awaiting_decision:
      return u.extensions > 0 ? "extended" : "pending";
    case UltimatumStage::executed:
      return "executed_defied";
    default:
      return stage_name(u.stage);
  }
}

std::vector<Column> trajectory_columns(const Scenario& scenario) {
  std::vector<Column> c{
      {"week", [](const WorldState& s) { return s.week; }},
      {"prisoners_persons", [](const WorldState& s) { return s.prisoners; }},
      {"arrests_persons", [](const WorldState& s) { return s.arrests_week; }},
      {"completions_persons", [](const WorldState& s) { return s.completions_week; }},
      {"releases_persons", [](const WorldState& s) { return s.releases_week; }},
      {"rearrests_persons", [](const WorldState& s) { return s.rearrests_week; }},
      {"gross_releases_total_persons", [](const WorldState& s) { return s.gross_releases; }},
      {"rearrests_total_persons", [](const WorldState& s) { return s.rearrests_total; }},
      {"release_pool_persons", [](const WorldState& s) { return s.release_pool; }},
      {"repression_level", [](const WorldState& s) { return s.repression; }},
      {"named_released_count", [](const WorldState& s) { return std::popcount(s.named_released); }},
      {"demand_multiplier", [](const WorldState& s) { return s.demand_multiplier; }},
      {"transit_teu_per_week", [](const WorldState& s) { return s.transit_teu; }},
      {"bilateral_teu_per_week", [](const WorldState& s) { return s.bilateral_teu; }},
      {"leaked_teu_per_week", [](const WorldState& s) { return s.leaked_teu; }},
      {"transit_lost_teu_per_week", [](const WorldState& s) { return s.transit_lost_teu; }},
      {"transit_lost_total_teu", [](const WorldState& s) { return s.transit_lost_total; }},
      {"reroute_share", [](const WorldState& s) { return s.reroute_share; }},
      {"suspension_in_force", [](const WorldState& s) { return s.suspension ? 1.0 : 0.0; }},
      {"seals_demanded", [](const WorldState& s) { return s.seals_demanded ? 1.0 : 0.0; }},
      {"seals_in_force", [](const WorldState& s) { return s.seals_in_force ? 1.0 : 0.0; }},
      {"evasion_level", [](const WorldState& s) { return s.evasion_level; }},
      {"sanctions_level", [](const WorldState& s) { return s.sanctions_level; }},
      {"target_buffer_meur", [](const WorldState& s) { return s.buffer_meur; }},
      {"budget_stress", [](const WorldState& s) { return s.budget_stress; }},
      {"aid_cap_meur_per_week", [](const WorldState& s) { return s.aid_cap_meur; }},
      {"aid_meur_per_week", [](const WorldState& s) { return s.aid_week_meur; }},
      {"reward_paid_meur_per_week", [](const WorldState& s) { return s.reward_week_meur; }},
      {"migration_index", [](const WorldState& s) { return s.migration; }},
      {"counter_pressure_level", [](const WorldState& s) { return s.counter_pressure; }},
      {"engagement_utility", [](const WorldState& s) { return s.engagement_week; }},
      {"vetoes_total", [](const WorldState& s) { return s.vetoes_total; }},
      {"ultimatums_issued", [](const WorldState& s) { return s.ultimatum_count; }},
  };
  for (std::size_t k = 0; k < scenario.transit.crossings.size(); ++k) {
    const std::string id = scenario.transit.crossings[k].id;
    c.push_back({"crossing_" + id + "_teu_per_week", [k](const WorldState& s) { return s.crossing_teu[k]; }});
    c.push_back({"crossing_" + id + "_inspection_hours", [k](const WorldState& s) { return s.inspection_hours[k]; }});
    c.push_back({"crossing_" + id + "_closed", [k](const WorldState& s) { return s.closed[k] ? 1.0 : 0.0; }});
  }
  for (std::size_t i = 0; i < scenario.actors.size(); ++i) {
    const std::string id = scenario.actors[i].id;
    c.push_back({id + "_revenue_meur_per_week", [i](const WorldState& s) { return s.actors[i].terms[static_cast<std::size_t>(Term::revenue)]; }});
    c.push_back({id + "_pressure_level", [i](const WorldState& s) { return s.actors[i].pressure; }});
    c.push_back({id + "_belief_resolved", [i](const WorldState& s) { return s.actors[i].belief_resolved; }});
    c.push_back({id + "_assurance", [i](const WorldState& s) { return s.actors[i].assurance; }});
    c.push_back({id + "_payoff_utility", [i](const WorldState& s) { return s.actors[i].payoff; }});
  }
  return c;
}

std::string trajectory_csv(const Scenario& scenario, const RunRecord& record) {
  const auto columns = trajectory_columns(scenario);
  std::string out;
  CsvRow row;
  for (const auto& column : columns) row.add(column.name);
  row.end_row(out);
  const auto write_state = [&](const WorldState& state) {
    for (const auto& column : columns) row.add(column.value(state));
    row.end_row(out);
  };
  write_state(record.initial);
  for (const auto& state : record.weeks) write_state(state);
  return out;
}

std::string decisions_csv(const Scenario& scenario, const RunRecord& record) {
  std::size_t widest = 0;
  for (const auto& actor : scenario.actors) widest = std::max(widest, actor.menu.size());
  std::string out;
  CsvRow row;
  row.add("week").add("actor").add("rule").add("action").add("action_index").add("alternatives");
  for (std::size_t k = 0; k < widest; ++k) {
    const std::string prefix = "alt" + std::to_string(k) + "_";
    row.add(prefix + "action").add(prefix + "feasible").add(prefix + "value").add(prefix + "probability");
  }
  row.add("predicted_p_comply").add("predicted_p_execute");
  row.end_row(out);
  const std::size_t n = scenario.actors.size();
  const WorldState& final_state = record.weeks.empty() ? record.initial : record.weeks.back();
  // The benchmark's prediction sits on the row of the week and sender that issued the ultimatum.
  const auto issued_here = [&](std::size_t week, std::size_t actor) -> const UltimatumState* {
    for (std::size_t k = 0; k < final_state.ultimatum_count; ++k) {
      const UltimatumState& u = final_state.ultimatums[k];
      if (u.issue_week == static_cast<int>(week) && u.sender == static_cast<int>(actor)) return &u;
    }
    return nullptr;
  };
  for (std::size_t w = 0; w < record.actions.size(); ++w) {
    for (std::size_t i = 0; i < n; ++i) {
      const ActorSpec& actor = scenario.actors[i];
      const DecisionRecord& d = record.decisions[w * n + i];
      row.add(static_cast<long long>(w + 1)).add(actor.id).add(actor.rule_name).add(actor.menu[d.chosen].id);
      row.add(static_cast<long long>(d.chosen)).add(static_cast<long long>(actor.menu.size()));
      for (std::size_t k = 0; k < widest; ++k) {
        if (k >= actor.menu.size()) {
          row.add_empty().add_empty().add_empty().add_empty();
          continue;
        }
        const bool feasible = d.feasible >> k & 1u;
        row.add(actor.menu[k].id).add(feasible ? 1LL : 0LL).add(d.value[k]).add(d.probability[k]);
      }
      const UltimatumState* u = issued_here(w + 1, i);
      if (u && u->predicted_p_comply == u->predicted_p_comply) {
        row.add(u->predicted_p_comply).add(u->predicted_p_execute);
      } else {
        row.add_empty().add_empty();
      }
      row.end_row(out);
    }
  }
  return out;
}

namespace {

// The benchmark's prediction for one ultimatum (docs/GAMES.md, "The benchmark beside the simulation"),
// with the crisis inputs it was solved with, rebuilt from the two beliefs recorded at issue.
nlohmann::ordered_json prediction_json(const Scenario& scenario, const UltimatumState& u) {
  using json = nlohmann::ordered_json;
  const auto number_or_null = [](double x) { return x == x ? json(x) : json(nullptr); };
  const CrisisInputs in = crisis_inputs(scenario, static_cast<std::size_t>(u.sender), static_cast<std::size_t>(u.spec),
                                        u.belief_at_issue, u.assurance_at_issue);
  return {
      {"p_comply", number_or_null(u.predicted_p_comply)},
      {"p_execute", number_or_null(u.predicted_p_execute)},
      {"kind", crisis_kind_name(static_cast<CrisisKind>(u.predicted_kind))},
      {"reason", prediction_reason_name(static_cast<PredictionReason>(u.predicted_reason))},
      {"equilibria", u.predicted_equilibria},
      {"inputs",
       {
           {"prior_resolved", in.prior_resolved},
           {"assurance", u.assurance_at_issue},
           {"demand_value", in.demand_value},
           {"audience_cost", in.audience_cost},
           {"imposition_cost_resolved", in.imposition_cost_resolved},
           {"imposition_cost_irresolute", in.imposition_cost_irresolute},
           {"imposition_value", in.imposition_value},
           {"concession_cost", in.concession_cost},
           {"sanction_cost", in.sanction_cost},
       }},
  };
}

}  // namespace

nlohmann::ordered_json run_summary(const Scenario& scenario, const WorldState& s, const ReplicateKey& key, int weeks) {
  using json = nlohmann::ordered_json;
  json summary;
  summary["scenario"] = scenario.name;
  summary["version"] = kVersion;
  summary["git_commit"] = kGitCommit;
  summary["config_hash"] = scenario.config_hash;
  summary["seed"] = key.master_seed;
  summary["point"] = key.point;
  summary["replicate"] = key.replicate;
  summary["weeks"] = weeks;
  json named = json::array();
  for (std::size_t k = 0; k < scenario.prisoners.named.size(); ++k)
    if (s.named_released >> k & 1u) named.push_back(scenario.prisoners.named[k].id);
  summary["outcomes"] = {
      {"initial_stock", scenario.prisoners.initial_stock},
      {"final_stock", s.prisoners},
      {"gross_releases", s.gross_releases},
      {"rearrests", s.rearrests_total},
      {"net_change_in_stock", s.prisoners - scenario.prisoners.initial_stock},
      {"first_release_week", s.first_release_week < 0 ? json(nullptr) : json(s.first_release_week)},
      {"named_released", named},
      {"arrests", s.arrests_total},
      {"completions", s.completions_total},
      {"transit_lost_teu", s.transit_lost_total},
      {"aid_paid_meur", s.aid_total_meur},
      {"vetoes", s.vetoes_total},
  };
  json ultimatums = json::array();
  for (std::size_t k = 0; k < s.ultimatum_count; ++k) {
    const UltimatumState& u = s.ultimatums[k];
    const UltimatumSpec& spec = scenario.ultimatums[u.spec];
    const double size = demand_size(spec);
    const double share = std::clamp(demand_progress(scenario, s, u) / size, 0.0, 1.0);
    const char* demand_kind = spec.demand == DemandKind::gross ? "gross" : spec.demand == DemandKind::net ? "net" : "named";
    const auto week_or_null = [](int week) { return week < 0 ? json(nullptr) : json(week); };
    ultimatums.push_back({
        {"sender", scenario.actors[u.sender].id},
        {"demand_kind", demand_kind},
        {"demand", size},
        {"issue_week", u.issue_week},
        {"deadline_week", u.deadline_week},
        {"outcome", ultimatum_outcome(u)},
        {"share_met_at_deadline", u.share_met_at_deadline},
        {"share_met_at_end", share},
        {"extensions", u.extensions},
        {"executed_week", week_or_null(u.executed_week)},
        {"complied_week", week_or_null(u.complied_week)},
        {"resolved_week", week_or_null(u.resolved_week)},
        {"reward_paid_meur", u.reward_paid_meur},
        {"prediction", prediction_json(scenario, u)},
    });
  }
  summary["ultimatum_outcome"] = s.ultimatum_count == 0 ? std::string("none") : ultimatum_outcome(s.ultimatums[0]);
  summary["ultimatums"] = ultimatums;
  json actors = json::array();
  for (std::size_t i = 0; i < scenario.actors.size(); ++i) {
    const ActorState& a = s.actors[i];
    actors.push_back({
        {"id", scenario.actors[i].id},
        {"rule", scenario.actors[i].rule_name},
        {"payoff_model", scenario.actors[i].payoff_name},
        {"resolved", a.resolved},
        {"reliable", a.reliable},
        {"cost_tolerance", a.cost_tolerance},
        {"action_cost_meur", a.action_cost_meur},
        {"revenue_meur", a.revenue_meur},
        {"audience_cost", a.audience_cost},
        {"discounted_payoff", a.payoff},
        {"final_belief_resolved", a.belief_resolved},
        {"final_assurance", a.assurance},
    });
  }
  summary["actors"] = actors;
  return summary;
}

std::vector<std::filesystem::path> write_run_outputs(const std::filesystem::path& directory, const Scenario& scenario,
                                                     const RunRecord& record, const ReplicateKey& key, int weeks) {
  ensure_directory(directory);
  const std::filesystem::path trajectory = directory / "trajectory.csv";
  const std::filesystem::path decisions = directory / "decisions.csv";
  const std::filesystem::path summary = directory / "summary.json";
  write_file_atomic(trajectory, trajectory_csv(scenario, record));
  write_file_atomic(decisions, decisions_csv(scenario, record));
  const WorldState& final_state = record.weeks.empty() ? record.initial : record.weeks.back();
  write_file_atomic(summary, run_summary(scenario, final_state, key, weeks).dump(2) + "\n");
  return {trajectory, decisions, summary};
}

}  // namespace leverage
