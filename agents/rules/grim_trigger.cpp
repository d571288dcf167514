// Decision rule `grim_trigger` (Friedman 1971): the sender plays `neutral` until the target defects
// once (repression or migration pressure rose, 7.9.7) or lets the deadline of the sender's own
// ultimatum pass unmet; from then on it plays `punish` every week in which it is feasible (neutral
// otherwise, which keeps measures in force) and never forgives: it never rewards, never extends and
// never backs down. Own ultimatum: issued as planned, executed at its deadline.
//
// Memory: value[0] = 1 once the trigger has fired.
#include "agents/rules/sender.hpp"

namespace leverage {
namespace {

constexpr std::initializer_list<ActionKind> kPunishKinds = {ActionKind::tighten_sanctions, ActionKind::close_crossing,
                                                           ActionKind::press_target};

class GrimTrigger final : public DecisionRule {
 public:
  GrimTrigger(std::size_t punish, rules::EscalationCommon common) : punish_(punish), common_(common) {}

  std::size_t decide(const DecisionInput& in, DecisionRecord* record) const override {
    const bool fired = in.memory.value[0] > 0.5;
    std::size_t intended = common_.neutral;
    if (const auto move = rules::ultimatum_move(in, common_.plan, rules::DeadlineAnswer::execute)) {
      intended = *move;
    } else if (fired) {
      intended = punish_;
    }
    return rules::deterministic_choice(in, intended, common_.neutral, common_.error_rate, record);
  }

  void observe(const ObservedWeek& week, RuleMemory& memory) const override {
    const rules::Conduct conduct = rules::classify(week.before, week.after, common_.conduct);
    const UltimatumState* own = rules::own_open_ultimatum(week.after, week.actor);
    const bool deadline_missed = own && own->stage == UltimatumStage::awaiting_decision;
    if (conduct == rules::Conduct::defected || deadline_missed) memory.value[0] = 1;
  }
  bool has_memory() const override { return true; }

 private:
  std::size_t punish_;
  rules::EscalationCommon common_;
};

const bool registered = register_rule({
    "grim_trigger",
    "Neutral until the target defects once (or misses the own ultimatum's deadline), then punishes for ever.",
    rules::escalation_params({
        {"punish", ParamType::string, "", 0, 0, {},
         rules::action_doc("played every week once the trigger has fired", kPunishKinds, true)},
    }),
    [](const BuildContext& context) -> std::shared_ptr<const DecisionRule> {
      const ActorSpec& actor = context.scenario.actors[context.actor];
      config::ObjectReader params(context.params);
      const auto punish = rules::action_param(params, "punish", actor, kPunishKinds, true);
      const rules::EscalationCommon common = rules::read_escalation_common(params, actor);
      params.finish();
      return std::make_shared<GrimTrigger>(*punish, common);
    },
    Suits::sender,
});

}  // namespace
}  // namespace leverage
