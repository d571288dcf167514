// The predictor the engine calls when an ultimatum is issued (engine/model/prediction.hpp): it solves the
// crisis game the state implies (crisis_equilibria) and reads one equilibrium the way the simulation plays
// it. Selection: the first equilibrium in which some sender type issues the ultimatum, since the run records
// a prediction for an ultimatum that was issued. crisis_equilibria lists the pure PBEs first and the
// semi-separating one last; where a pooling equilibrium on the status quo (held by an off-path belief that
// makes the target defy) coexists with the semi-separating one, the latter explains an issued ultimatum and
// is chosen. If the ultimatum is off the path in every equilibrium, the first is read: its strategies after
// an ultimatum are the off-path ones that support it, with the types weighed by the prior.
#include <bit>
#include <cstdint>
#include <string>
#include <unordered_map>

#include "agents/solvers/crisis.hpp"
#include "engine/model/prediction.hpp"

namespace leverage::games {
namespace {

// The probability of `action` at information set `where` in equilibrium e (NaN if the set is absent).
double probability(const Equilibrium& e, const std::string& where, const std::string& action) {
  for (const StrategyReport& s : e.strategies) {
    if (s.where != where) continue;
    for (std::size_t a = 0; a < s.actions.size(); ++a)
      if (s.actions[a] == action) return s.probabilities[a];
  }
  return CrisisPrediction::kNone;
}

CrisisKind kind_of(const Equilibrium& e, double prior) {
  if (prior <= 0.0 || prior >= 1.0) return CrisisKind::complete_information;
  if (e.type.rfind("semi-separating", 0) == 0) return CrisisKind::semi_separating;
  if (e.type.rfind("separating", 0) == 0) return CrisisKind::separating;
  if (e.type.rfind("pooling", 0) == 0) return CrisisKind::pooling;
  if (e.type.rfind("partially pooling", 0) == 0) return CrisisKind::partially_pooling;
  return CrisisKind::none;
}

CrisisPrediction read(const Equilibrium& e, double prior) {
  CrisisPrediction p;
  p.p_issue = {probability(e, "resolved", "ultimatum"), probability(e, "irresolute", "ultimatum")};
  p.p_impose = {probability(e, "resolved/ultimatum/defy", "impose"),
                probability(e, "irresolute/ultimatum/defy", "impose")};
  p.p_comply = probability(e, "ultimatum", "comply");
  // With complete information the type never drawn has no strategy worth reading: weigh it by 0.
  const double issued_resolved = prior * (prior > 0.0 ? p.p_issue[0] : 0.0);
  const double issued_irresolute = (1.0 - prior) * (prior < 1.0 ? p.p_issue[1] : 0.0);
  const double issued = issued_resolved + issued_irresolute;
  p.posterior_resolved = issued > 0.0 ? issued_resolved / issued : prior;
  const double impose_resolved = prior > 0.0 ? p.p_impose[0] : 0.0;
  const double impose_irresolute = prior < 1.0 ? p.p_impose[1] : 0.0;
  p.p_execute = p.posterior_resolved * impose_resolved + (1.0 - p.posterior_resolved) * impose_irresolute;
  p.kind = kind_of(e, prior);
  p.reason = issued > 0.0 ? PredictionReason::ultimatum_on_path : PredictionReason::ultimatum_off_path;
  return p;
}

CrisisPrediction predict(const CrisisInputs& in) {
  CrisisParameters parameters;
  parameters.prior_resolved = in.prior_resolved;
  parameters.demand_value = in.demand_value;
  parameters.audience_cost = in.audience_cost;
  parameters.imposition_cost_resolved = in.imposition_cost_resolved;
  parameters.imposition_cost_irresolute = in.imposition_cost_irresolute;
  parameters.imposition_value = in.imposition_value;
  parameters.concession_cost = in.concession_cost;
  parameters.sanction_cost = in.sanction_cost;
  const std::vector<Equilibrium> found = crisis_equilibria(parameters);
  CrisisPrediction chosen;
  chosen.reason = PredictionReason::no_equilibrium;
  for (std::size_t k = 0; k < found.size(); ++k) {
    CrisisPrediction p = read(found[k], in.prior_resolved);
    if (k == 0 || p.reason == PredictionReason::ultimatum_on_path) chosen = p;
    if (p.reason == PredictionReason::ultimatum_on_path) break;
  }
  chosen.equilibria = found.size();
  return chosen;
}

bool same(const CrisisInputs& a, const CrisisInputs& b) {
  return a.prior_resolved == b.prior_resolved && a.demand_value == b.demand_value &&
         a.audience_cost == b.audience_cost && a.imposition_cost_resolved == b.imposition_cost_resolved &&
         a.imposition_cost_irresolute == b.imposition_cost_irresolute && a.imposition_value == b.imposition_value &&
         a.concession_cost == b.concession_cost && a.sanction_cost == b.sanction_cost;
}

struct InputsHash {
  std::size_t operator()(const CrisisInputs& in) const {
    std::uint64_t h = 0x9e3779b97f4a7c15ull;
    for (const double x : {in.prior_resolved, in.demand_value, in.audience_cost, in.imposition_cost_resolved,
                           in.imposition_cost_irresolute, in.imposition_value, in.concession_cost, in.sanction_cost})
      h = (h ^ std::bit_cast<std::uint64_t>(x)) * 0x100000001b3ull;
    return static_cast<std::size_t>(h ^ (h >> 29));
  }
};
struct InputsEqual {
  bool operator()(const CrisisInputs& a, const CrisisInputs& b) const { return same(a, b); }
};

// predict is a pure function of its inputs, and an ensemble asks for the same games again and again: the
// scenario fixes every input but the target's two beliefs, and those move by Bayes' rule with the
// scenario's fixed likelihoods, so they take few distinct values. Each thread remembers its answers (up
// to kRemembered, then starts afresh), so a repeated game costs a hash lookup, not a solve (about 30 us,
// with some hundred heap allocations). The answers are the same either way.
CrisisPrediction predict_remembered(const CrisisInputs& in) {
  constexpr std::size_t kRemembered = 4096;
  thread_local std::unordered_map<CrisisInputs, CrisisPrediction, InputsHash, InputsEqual> remembered;
  if (const auto found = remembered.find(in); found != remembered.end()) return found->second;
  if (remembered.size() >= kRemembered) remembered.clear();
  const CrisisPrediction p = predict(in);
  remembered.emplace(in, p);
  return p;
}

const bool registered = register_crisis_predictor(&predict_remembered);

}  // namespace
}  // namespace leverage::games
