#include "engine/model/scenario_loader.hpp"

#include <cmath>

#include "engine/config/json_reader.hpp"
#include "engine/model/loader_parts.hpp"
#include "engine/util/hash.hpp"

namespace leverage {

int Scenario::actor_index(std::string_view id) const {
  for (std::size_t i = 0; i < actors.size(); ++i)
    if (actors[i].id == id) return static_cast<int>(i);
  return -1;
}

namespace {

using config::Node;
using config::ObjectReader;

constexpr double kHuge = 1e12;

void read_prisoners(ObjectReader& root, Scenario& s) {
  ObjectReader r(root.required("prisoners"));
  PrisonerParams& p = s.prisoners;
  p.initial_stock = std::floor(r.number("initial_stock", 0, 1e7));
  p.arrests_per_week = r.number("arrests_per_week", 0, 1e5);
  p.completion_hazard = r.number("completion_hazard", 0, 1);
  p.rearrest_hazard = r.number("rearrest_hazard", 0, 1);
  p.pool_exit_rate = r.number("pool_exit_rate", 0, 1);
  p.repression_decay = r.number("repression_decay", 0, 1);
  p.repression_max = r.number("repression_max", 1, 100);
  if (auto named = r.optional("named")) {
    named->require_array();
    if (named->size() > kMaxNamedPrisoners)
      named->fail("at most " + std::to_string(kMaxNamedPrisoners) + " named prisoners", named->describe());
    for (std::size_t k = 0; k < named->size(); ++k) {
      ObjectReader n(named->element(k));
      NamedPrisoner prisoner;
      prisoner.id = n.string("id");
      prisoner.name = n.string("name", prisoner.id);
      prisoner.salience = n.number("salience", 0, kHuge, 1);
      for (const auto& other : p.named)
        if (other.id == prisoner.id) n.required("id").fail("a unique prisoner id", "\"" + prisoner.id + "\" again");
      p.named.push_back(prisoner);
      n.finish();
    }
  }
  r.finish();
}

void read_transit(ObjectReader& root, Scenario& s, std::vector<std::string>& crossing_ids,
                  std::vector<std::optional<Node>>& controllers) {
  ObjectReader r(root.required("transit"));
  TransitParams& t = s.transit;
  t.eu_transit_teu_per_week = r.number("eu_transit_teu_per_week", 0, 1e7);
  t.bilateral_teu_per_week = r.number("bilateral_teu_per_week", 0, 1e7);
  t.leak_share = r.number("leak_share", 0, 1);
  t.reroute_max_share = r.number("reroute_max_share", 0, 1);
  t.flight_per_blocked_week = r.number("flight_per_blocked_week", 0, 1);
  t.return_weeks = static_cast<int>(r.integer("return_weeks", 1, 520));
  t.shock_persistence = r.number("shock_persistence", 0, 0.999);
  t.shock_sd = r.number("shock_sd", 0, 2);
  const Node crossings = r.required("crossings");
  crossings.require_array();
  if (crossings.size() == 0 || crossings.size() > kMaxCrossings)
    crossings.fail("1 to " + std::to_string(kMaxCrossings) + " crossings", crossings.describe());
  double share_sum = 0;
  for (std::size_t k = 0; k < crossings.size(); ++k) {
    ObjectReader c(crossings.element(k));
    Crossing crossing;
    crossing.id = c.string("id");
    for (const auto& id : crossing_ids)
      if (id == crossing.id) c.required("id").fail("a unique crossing id", "\"" + id + "\" again");
    crossing.baseline_share = c.number("baseline_share", 0, 1);
    crossing.capacity_teu_per_week = c.number("capacity_teu_per_week", 0, 1e7);
    crossing.leak_weight = c.number("leak_weight", 0, kHuge, 0);
    controllers.push_back(c.optional("controller"));
    share_sum += crossing.baseline_share;
    crossing_ids.push_back(crossing.id);
    t.crossings.push_back(crossing);
    c.finish();
  }
  if (std::fabs(share_sum - 1.0) > 1e-9)
    crossings.fail("baseline shares that add up to 1", "shares adding up to " + std::to_string(share_sum));
  if (auto shocks = r.optional("scheduled_shocks")) {
    shocks->require_array();
    for (std::size_t k = 0; k < shocks->size(); ++k) {
      ObjectReader c(shocks->element(k));
      ScheduledShock shock;
      shock.first_week = static_cast<int>(c.integer("first_week", 1, 10000));
      shock.last_week = static_cast<int>(c.integer("last_week", shock.first_week, 10000));
      shock.demand_multiplier = c.number("demand_multiplier", 0, 100);
      t.scheduled.push_back(shock);
      c.finish();
    }
  }
  r.finish();
}

void read_economy(ObjectReader& root, Scenario& s) {
  ObjectReader r(root.required("economy"));
  EconomyParams& e = s.economy;
  e.evasion_revenue_meur_per_week = r.number("evasion_revenue_meur_per_week", 0, kHuge);
  e.evasion_decay = r.number("evasion_decay", 0, 1);
  e.seals_evasion_cut = r.number("seals_evasion_cut", 0, 1);
  e.detection_per_inspection_hour = r.number("detection_per_inspection_hour", 0, 1, 0.0);
  e.evasion_fine_meur = r.number("evasion_fine_meur", 0, kHuge, 0.0);
  e.detection_reward_meur = r.number("detection_reward_meur", 0, kHuge, 0.0);
  e.sanctions_loss_meur_per_level = r.number("sanctions_loss_meur_per_level", 0, kHuge);
  e.suspension_export_loss_meur_per_week = r.number("suspension_export_loss_meur_per_week", 0, kHuge);
  e.buffer_meur = r.number("buffer_meur", 1e-6, kHuge);
  e.aid_cap_min_meur = r.number("aid_cap_min_meur", 0, kHuge);
  e.aid_cap_max_meur = r.number("aid_cap_max_meur", e.aid_cap_min_meur, kHuge);
  e.request_share = r.number("request_share", 0, 1);
  e.max_sanctions_level = r.number("max_sanctions_level", 0, 100);
  e.initial_sanctions_level = r.number("initial_sanctions_level", 0, e.max_sanctions_level);
  r.finish();
}

void read_small_sections(ObjectReader& root, Scenario& s) {
  {
    ObjectReader r(root.required("migration"));
    s.migration.max = r.number("max", 0, 100);
    s.migration.baseline = r.number("baseline", 0, s.migration.max);
    s.migration.decay = r.number("decay", 0, 1);
    r.finish();
  }
  {
    ObjectReader r(root.required("pressure"));
    s.pressure.decay = r.number("decay", 0, 1);
    s.pressure.veto_boost_per_level = r.number("veto_boost_per_level", 0, 100);
    s.pressure.relief_per_release = r.number("relief_per_release", 0, 100);
    r.finish();
  }
  {
    ObjectReader r(root.required("eu"));
    const Node members = r.required("members");
    members.require_array();
    if (members.size() > kMaxEuMembers)
      members.fail("at most " + std::to_string(kMaxEuMembers) + " members", members.describe());
    for (std::size_t k = 0; k < members.size(); ++k) {
      ObjectReader m(members.element(k));
      s.eu_members.push_back({m.string("id"), m.number("veto_probability", 0, 1)});
      m.finish();
    }
    r.finish();
  }
  {
    ObjectReader r(root.required("engagement"));
    s.engagement.recent_release_decay = r.number("recent_release_decay", 0, 1);
    if (auto summits = r.optional("summits")) {
      summits->require_array();
      if (summits->size() > kMaxSummits)
        summits->fail("at most " + std::to_string(kMaxSummits) + " summits", summits->describe());
      for (std::size_t k = 0; k < summits->size(); ++k) {
        ObjectReader m(summits->element(k));
        Summit summit;
        summit.id = m.string("id");
        summit.week = static_cast<int>(m.integer("week", 1, 10000));
        summit.value = m.number("value", -kHuge, kHuge);
        summit.releases_for_full_value = m.number("releases_for_full_value", 1e-9, kHuge);
        s.engagement.summits.push_back(summit);
        m.finish();
      }
    }
    r.finish();
  }
  {
    ObjectReader r(root.required("assurance"));
    s.assurance.delivered_if_reliable = r.number("delivered_if_reliable", 0, 1);
    s.assurance.delivered_if_unreliable = r.number("delivered_if_unreliable", 0, 1);
    r.finish();
  }
}

void read_signals(ObjectReader& root, Scenario& s) {
  const auto node = root.optional("signals");
  if (!node) return;
  node->require_array();
  std::vector<std::string> kinds;
  for (const auto& entry : action_kind_table()) kinds.emplace_back(entry.name);
  for (std::size_t k = 0; k < node->size(); ++k) {
    ObjectReader r(node->element(k));
    Signal signal;
    signal.actor = loader::actor_ref(r.required("actor"), s);
    signal.kind = *action_kind_from_name(r.required("action").as_enum(kinds));
    signal.p_if_resolved = r.number("p_if_resolved", 0, 1);
    signal.p_if_unresolved = r.number("p_if_unresolved", 0, 1);
    if (signal.p_if_resolved + signal.p_if_unresolved <= 0)
      r.node().fail("likelihoods not both zero", "p_if_resolved = p_if_unresolved = 0");
    s.signals.push_back(signal);
    r.finish();
  }
}

// Quantities derived once from the parameters (docs/MODEL.md, "Derived quantities").
void derive(Scenario& s) {
  if (s.target < 0) return;
  const ActorEconomy& a = s.actors[s.target].economy;
  const TransitParams& t = s.transit;
  double fees_eur = t.eu_transit_teu_per_week * a.fee_eur_per_teu_transit + t.bilateral_teu_per_week * a.fee_eur_per_teu_bilateral;
  double crossing_fees_eur = 0;
  for (std::size_t c = 0; c < t.crossings.size(); ++c)
    crossing_fees_eur += t.eu_transit_teu_per_week * t.crossings[c].baseline_share * a.fee_eur_per_teu_at[c];
  const double sanctions = s.economy.initial_sanctions_level;
  s.target_baseline_revenue_meur = (fees_eur + crossing_fees_eur) / 1e6 -
                                   sanctions * (a.sanctions_cost_meur_per_level + s.economy.sanctions_loss_meur_per_level);
  const double transit_income = (t.eu_transit_teu_per_week * a.fee_eur_per_teu_transit + crossing_fees_eur) / 1e6;
  for (UltimatumSpec& u : s.ultimatums) {
    u.threatened_loss_meur_per_week =
        u.threat == ThreatKind::suspend_transit
            ? transit_income + s.economy.suspension_export_loss_meur_per_week + a.suspension_cost_meur_per_week
            : u.threat_levels * (s.economy.sanctions_loss_meur_per_level + a.sanctions_cost_meur_per_level);
    u.reward_value_meur_per_week =
        u.reward == RewardKind::ease_sanctions ? u.reward_levels * s.economy.sanctions_loss_meur_per_level : 0.0;
  }
}

}  // namespace

std::shared_ptr<const Scenario> load_scenario_document(nlohmann::json document, const std::string& file_label) {
  auto scenario = std::make_shared<Scenario>();
  Scenario& s = *scenario;
  s.source_file = file_label;
  s.effective = std::move(document);
  const Node root_node(s.effective, file_label);
  ObjectReader root(root_node);
  s.schema_version = static_cast<int>(root.integer("schema_version", 1, 1));
  s.name = root.string("name");
  s.description = root.string("description", "");
  s.weeks = static_cast<int>(root.integer("weeks", 1, 5200));
  read_prisoners(root, s);
  std::vector<std::string> crossing_ids;
  std::vector<std::optional<Node>> controllers;
  read_transit(root, s, crossing_ids, controllers);
  read_economy(root, s);
  read_small_sections(root, s);

  const Node actors = root.required("actors");
  loader::read_actor_headers(actors, s, crossing_ids);
  s.target = loader::actor_ref(root.required("target"), s);
  if (auto patron = root.optional("patron"); patron && !patron->is_null()) {
    s.patron = loader::actor_ref(*patron, s);
    if (s.patron == s.target) patron->fail("an actor other than the target", "the target itself");
  }
  for (std::size_t c = 0; c < controllers.size(); ++c) {
    if (!controllers[c] || controllers[c]->is_null()) continue;
    s.transit.crossings[c].controller = loader::actor_ref(*controllers[c], s);
    s.actors[s.transit.crossings[c].controller].controlled_crossings |= 1u << c;
  }
  read_signals(root, s);
  loader::read_actor_menus_and_policies(actors, s);
  // A tournament plan (engine/tournament/tournament.hpp) may ride along; `leverage tournament`
  // reads it, a run ignores it.
  (void)root.optional("tournament");
  root.finish();
  derive(s);
  s.config_hash = sha256_hex(s.effective.dump());
  return scenario;
}

std::shared_ptr<const Scenario> load_scenario(const std::filesystem::path& path, const std::vector<std::string>& overrides) {
  nlohmann::json document = config::parse_json_file(path);
  for (const auto& assignment : overrides) config::apply_override(document, path.string(), assignment);
  return load_scenario_document(std::move(document), path.string());
}

}  // namespace leverage
