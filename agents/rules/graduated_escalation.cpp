// Decision rule `graduated_escalation`: a ladder of measures climbed as the target's defiance
// lasts, e.g. Warsaw's intensive inspections, then the closure of its crossing, or Brussels'
// sanctions, then the suspension of transit (the threat of its ultimatum). The defiance score s is
// the number of consecutive weeks in which the target did not cooperate (7.9.7; a cooperative week
// resets it to 0). Rung k is active when s >= thresholds[k]; the sender plays the action of the
// highest active rung, or `neutral` when that action is infeasible (a crossing already closed,
// sanctions at their maximum: the measure stays in force). With no rung active, the week after a
// cooperative week it plays `relent` (e.g. lift a closure) if feasible, else neutral.
// Own ultimatum: issued as planned; at its deadline the sender executes if the ladder holds an
// execute_threat rung and that rung is active, else it extends (backs down once extensions are
// used up).
//
// Memory: value[0] = s, value[1] = the target's conduct in the week just observed.
#include <algorithm>

#include "agents/rules/sender.hpp"

namespace leverage {
namespace {

using rules::Conduct;

constexpr std::initializer_list<ActionKind> kLadderKinds = {ActionKind::intensive_inspection, ActionKind::close_crossing,
                                                           ActionKind::tighten_sanctions, ActionKind::execute_threat};
constexpr std::initializer_list<ActionKind> kRelentKinds = {ActionKind::lift_measures};

class GraduatedEscalation final : public DecisionRule {
 public:
  GraduatedEscalation(std::vector<std::size_t> ladder, std::vector<double> thresholds, std::optional<std::size_t> relent,
                      rules::EscalationCommon common, const ActorSpec& actor)
      : ladder_(std::move(ladder)), thresholds_(std::move(thresholds)), relent_(relent), common_(common) {
    for (std::size_t k = 0; k < ladder_.size(); ++k)
      if (actor.menu[ladder_[k]].kind == ActionKind::execute_threat) execute_rung_ = static_cast<int>(k);
  }

  // Highest active rung (-1: none) for defiance score s.
  int rung(double s) const {
    int top = -1;
    for (std::size_t k = 0; k < thresholds_.size(); ++k)
      if (s >= thresholds_[k]) top = static_cast<int>(k);
    return top;
  }

  std::size_t decide(const DecisionInput& in, DecisionRecord* record) const override {
    const double score = in.memory.value[0];
    const auto last = static_cast<Conduct>(static_cast<int>(in.memory.value[1]));
    const int top = rung(score);
    const bool execute_now = execute_rung_ >= 0 && top >= execute_rung_;
    std::size_t intended = common_.neutral;
    if (const auto move =
            rules::ultimatum_move(in, common_.plan, execute_now ? rules::DeadlineAnswer::execute : rules::DeadlineAnswer::extend)) {
      intended = *move;
    } else if (top >= 0) {
      intended = ladder_[static_cast<std::size_t>(top)];  // deterministic_choice falls back to neutral if infeasible
    } else if (last == Conduct::cooperated && rules::feasible(in.feasible, relent_)) {
      intended = *relent_;
    }
    return rules::deterministic_choice(in, intended, common_.neutral, common_.error_rate, record);
  }

  void observe(const ObservedWeek& week, RuleMemory& memory) const override {
    const Conduct conduct = rules::classify(week.before, week.after, common_.conduct);
    memory.value[0] = conduct == Conduct::cooperated ? 0.0 : memory.value[0] + 1.0;
    memory.value[1] = static_cast<double>(conduct);
  }
  bool has_memory() const override { return true; }

 private:
  std::vector<std::size_t> ladder_;
  std::vector<double> thresholds_;
  std::optional<std::size_t> relent_;
  rules::EscalationCommon common_;
  int execute_rung_ = -1;
};

std::string ladder_doc() {
  std::string doc = "[ID, ...]: the rungs' menu actions, lowest first; []: every action of kind ";
  for (const ActionKind kind : kLadderKinds) {
    doc += info(kind).name;
    doc += kind == ActionKind::execute_threat ? "" : ", ";
  }
  doc += " on the menu, in this order (at least one)";
  return doc;
}

const bool registered = register_rule({
    "graduated_escalation",
    "Climbs a ladder of measures (inspections, closure, sanctions, suspension) as the target's defiance lasts.",
    rules::escalation_params({
        {"ladder", ParamType::array, nlohmann::json::array(), 0, 0, {}, ladder_doc()},
        {"thresholds", ParamType::array, nlohmann::json::array(), 0, 0, {},
         "[S, ...]: rung k is active from S_k consecutive weeks without cooperation (integers, strictly "
         "increasing, one per rung); []: 2, 4, 6, ..."},
        {"relent", ParamType::string, "", 0, 0, {},
         rules::action_doc("played the week after a cooperative week when no rung is active", kRelentKinds, false)},
    }),
    [](const BuildContext& context) -> std::shared_ptr<const DecisionRule> {
      const ActorSpec& actor = context.scenario.actors[context.actor];
      config::ObjectReader params(context.params);
      std::vector<std::size_t> ladder;
      const config::Node ladder_node = params.required("ladder");
      ladder_node.require_array();
      std::vector<std::string> ids;
      for (const auto& action : actor.menu) ids.push_back(action.id);
      for (std::size_t k = 0; k < ladder_node.size(); ++k) {
        const std::string id = ladder_node.element(k).as_enum(ids);
        ladder.push_back(static_cast<std::size_t>(std::find(ids.begin(), ids.end(), id) - ids.begin()));
      }
      if (ladder.empty())
        for (const ActionKind kind : kLadderKinds)
          if (const auto k = rules::first_of_kind(actor, kind)) ladder.push_back(*k);
      if (ladder.empty())
        ladder_node.fail("at least one rung (the menu of " + actor.id + " has no action of the default kinds)",
                         "an empty ladder");
      if (ladder.size() > kMaxMenu) ladder_node.fail("at most 16 rungs", std::to_string(ladder.size()) + " rungs");
      std::vector<double> thresholds;
      const config::Node thresholds_node = params.required("thresholds");
      thresholds_node.require_array();
      for (std::size_t k = 0; k < thresholds_node.size(); ++k) {
        const config::Node t = thresholds_node.element(k);
        const double value = static_cast<double>(t.as_int(0, 10000));
        if (!thresholds.empty() && value <= thresholds.back())
          t.fail("a threshold above the one before (" + std::to_string(static_cast<int>(thresholds.back())) + ")",
                 std::to_string(static_cast<int>(value)));
        thresholds.push_back(value);
      }
      if (thresholds.empty())
        for (std::size_t k = 0; k < ladder.size(); ++k) thresholds.push_back(2.0 * static_cast<double>(k + 1));
      if (thresholds.size() != ladder.size())
        thresholds_node.fail("one threshold per rung (" + std::to_string(ladder.size()) + ")",
                             std::to_string(thresholds.size()) + " thresholds");
      const auto relent = rules::action_param(params, "relent", actor, kRelentKinds, false);
      const rules::EscalationCommon common = rules::read_escalation_common(params, actor);
      params.finish();
      return std::make_shared<GraduatedEscalation>(std::move(ladder), std::move(thresholds), relent, common, actor);
    },
    Suits::sender,
});

}  // namespace
}  // namespace leverage
