// Decision rule `grim_trigger` (Friedman 1971): the sender plays `neutral` until the target defects
// once (repression or migration pressure rose, 7.9.4) or lets the deadline of the sender's own
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
  GrimTrigger(std::size_t punish, std::size_t neutral, rules::UltimatumPlan plan, rules::ConductThresholds conduct,
              double error_rate)
      : punish_(punish), neutral_(neutral), plan_(plan), conduct_(conduct), error_rate_(error_rate) {}

  std::size_t decide(const DecisionInput& in, DecisionRecord* record) const override {
    const bool fired = in.memory.value[0] > 0.5;
    std::size_t intended = neutral_;
    if (const auto move = rules::ultimatum_move(in, plan_, rules::DeadlineAnswer::execute)) {
      intended = *move;
    } else if (fired) {
      intended = punish_;
    }
    return rules::deterministic_choice(in, intended, neutral_, error_rate_, record);
  }

  void observe(const ObservedWeek& week, RuleMemory& memory) const override {
    const rules::Conduct conduct = rules::classify(week.before, week.after, conduct_);
    const UltimatumState* own = rules::own_open_ultimatum(week.after, week.actor);
    const bool deadline_missed = own && own->stage == UltimatumStage::awaiting_decision;
    if (conduct == rules::Conduct::defected || deadline_missed) memory.value[0] = 1;
  }
  bool has_memory() const override { return true; }

 private:
  std::size_t punish_;
  std::size_t neutral_;
  rules::UltimatumPlan plan_;
  rules::ConductThresholds conduct_;
  double error_rate_;
};

const bool registered = register_rule({
    "grim_trigger",
    "Neutral until the target defects once (or misses the own ultimatum's deadline), then punishes for ever.",
    rules::concat(
        {
            {"punish", ParamType::string, "", 0, 0, {},
             rules::action_doc("played every week once the trigger has fired", kPunishKinds, true)},
            rules::neutral_param(),
            rules::error_rate_param(),
        },
        rules::concat(rules::ultimatum_params(), rules::conduct_params())),
    [](const BuildContext& context) -> std::shared_ptr<const DecisionRule> {
      const ActorSpec& actor = context.scenario.actors[context.actor];
      config::ObjectReader params(context.params);
      const auto punish = rules::action_param(params, "punish", actor, kPunishKinds, true);
      const std::size_t neutral = rules::read_neutral(params, actor);
      const double error_rate = params.number("error_rate", 0.0, 1.0);
      const rules::UltimatumPlan plan = rules::read_ultimatum_plan(params, actor);
      const rules::ConductThresholds conduct = rules::read_conduct(params);
      params.finish();
      return std::make_shared<GrimTrigger>(*punish, neutral, plan, conduct, error_rate);
    },
    Suits::sender,
});

}  // namespace
}  // namespace leverage
