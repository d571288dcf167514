// The predictor the engine calls when an ultimatum is issued (engine/model/prediction.hpp): it solves the
// crisis game the state implies (crisis_equilibria) and reads one equilibrium the way the simulation plays
// it. Selection: the first equilibrium in which some sender type issues the ultimatum, since the run records
// a prediction for an ultimatum that was issued. crisis_equilibria lists the pure PBEs first and the
// semi-separating one last; where a pooling equilibrium on the status quo (held by an off-path belief that
// makes the target defy) coexists with the semi-separating one, the latter explains an issued ultimatum and
// is chosen. If the ultimatum is off the path in every equilibrium, the first is read: its strategies after
// an ultimatum are the off-path ones that support it, with the types weighed by the prior.
#include "agents/solvers/crisis.hpp"
#include "engine/model/prediction.hpp"

namespace leverage::games {
namespace {

CrisisKind kind_of(const CrisisProfile& e, double prior) {
  if (prior <= 0.0 || prior >= 1.0) return CrisisKind::complete_information;
  switch (e.kind) {
    case CrisisProfile::Kind::semi_separating:
      return CrisisKind::semi_separating;
    case CrisisProfile::Kind::separating:
      return CrisisKind::separating;
    case CrisisProfile::Kind::pooling:
      return CrisisKind::pooling;
  }
  return CrisisKind::none;
}

// Information sets in crisis_game's order: resolved, ultimatum, resolved/ultimatum/defy, irresolute,
// irresolute/ultimatum/defy; actions {status_quo, ultimatum}, {comply, defy}, {impose, back_down}.
CrisisPrediction read(const CrisisProfile& e, double prior) {
  CrisisPrediction p;
  p.p_issue = {e.sets[0][1], e.sets[3][1]};
  p.p_impose = {e.sets[2][0], e.sets[4][0]};
  p.p_comply = e.sets[1][0];
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

// The equilibria of the implied game come from crisis_equilibria_fast: the same list, to the bits, as the
// generic solver's crisis_equilibria, but about 0.5 us and no heap, since the run solves a game at every
// issued ultimatum.
CrisisPrediction predict(const CrisisInputs& in) {
  CrisisPrediction chosen;
  chosen.reason = PredictionReason::no_equilibrium;
  CrisisProfiles found;
  // A non-finite number (which no validated scenario produces) makes no game: nothing is predicted.
  if (!crisis_equilibria_fast(crisis_parameters(in), found)) return chosen;
  for (std::size_t k = 0; k < found.count; ++k) {
    CrisisPrediction p = read(found.found[k], in.prior_resolved);
    if (k == 0 || p.reason == PredictionReason::ultimatum_on_path) chosen = p;
    if (p.reason == PredictionReason::ultimatum_on_path) break;
  }
  chosen.equilibria = found.count;
  return chosen;
}

const bool registered = register_crisis_predictor(&predict);

}  // namespace
}  // namespace leverage::games
