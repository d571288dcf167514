// Decision rule `tit_for_tat` (Axelrod 1984): the sender mirrors the target's conduct of the week
// before. A week in which the target cooperated (released, 7.9.7) is answered with the `reward`
// action, a week in which it defected (repression or migration pressure rose) with `punish`, any
// other week with `neutral`. Own ultimatum: issued as planned; at its deadline the sender executes
// unless the target cooperated in the week before, when it extends (or backs down once the
// extensions are used up). Nothing observed yet (week 1): neutral.
//
// Memory: value[0] = the target's conduct in the week just observed (0 neither, 1 cooperated,
// 2 defected). The week is read from the states before and after it, so a replay rebuilds it.
#include "agents/rules/sender.hpp"

namespace leverage {
namespace {

using rules::Conduct;

constexpr std::initializer_list<ActionKind> kRewardKinds = {ActionKind::ease_sanctions, ActionKind::lift_measures};
constexpr std::initializer_list<ActionKind> kPunishKinds = {ActionKind::tighten_sanctions, ActionKind::close_crossing,
                                                           ActionKind::press_target};

class TitForTat final : public DecisionRule {
 public:
  TitForTat(std::optional<std::size_t> reward, std::size_t punish, rules::EscalationCommon common)
      : reward_(reward), punish_(punish), common_(common) {}

  std::size_t decide(const DecisionInput& in, DecisionRecord* record) const override {
    const auto last = static_cast<Conduct>(static_cast<int>(in.memory.value[0]));
    std::size_t intended = common_.neutral;
    const auto answer = last == Conduct::cooperated ? rules::DeadlineAnswer::extend : rules::DeadlineAnswer::execute;
    if (const auto move = rules::ultimatum_move(in, common_.plan, answer)) {
      intended = *move;
    } else if (last == Conduct::cooperated && rules::feasible(in.feasible, reward_)) {
      intended = *reward_;
    } else if (last == Conduct::defected && rules::feasible(in.feasible, punish_)) {
      intended = punish_;
    }
    return rules::deterministic_choice(in, intended, common_.neutral, common_.error_rate, record);
  }

  void observe(const ObservedWeek& week, RuleMemory& memory) const override {
    memory.value[0] = static_cast<double>(rules::classify(week.before, week.after, common_.conduct));
  }
  bool has_memory() const override { return true; }

 private:
  std::optional<std::size_t> reward_;
  std::size_t punish_;
  rules::EscalationCommon common_;
};

const bool registered = register_rule({
    "tit_for_tat",
    "Mirrors the target's conduct of the week before: reward after cooperation, punishment after defection.",
    rules::escalation_params({
        {"reward", ParamType::string, "", 0, 0, {},
         rules::action_doc("played after a week in which the target cooperated", kRewardKinds, false)},
        {"punish", ParamType::string, "", 0, 0, {},
         rules::action_doc("played after a week in which the target defected", kPunishKinds, true)},
    }),
    [](const BuildContext& context) -> std::shared_ptr<const DecisionRule> {
      const ActorSpec& actor = context.scenario.actors[context.actor];
      config::ObjectReader params(context.params);
      const auto reward = rules::action_param(params, "reward", actor, kRewardKinds, false);
      const auto punish = rules::action_param(params, "punish", actor, kPunishKinds, true);
      const rules::EscalationCommon common = rules::read_escalation_common(params, actor);
      params.finish();
      return std::make_shared<TitForTat>(reward, *punish, common);
    },
    Suits::sender,
});

}  // namespace
}  // namespace leverage
