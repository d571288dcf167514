// Decision rule `appease`: concessions without conditions, and never an escalation. The sender plays
// its `concession` (e.g. ease sanctions) every `every_weeks` weeks when it is feasible, and
// `neutral` otherwise. It never issues an ultimatum, executes a threat, tightens, inspects or
// closes; if it finds itself with an open ultimatum of its own (one issued before, or forced by a
// replay), it backs down as soon as it may (at the deadline, or at once from an executed threat).
// No memory: the week number and the state decide.
#include "agents/rules/sender.hpp"

namespace leverage {
namespace {

constexpr std::initializer_list<ActionKind> kConcessionKinds = {ActionKind::ease_sanctions, ActionKind::lift_measures};

class Appease final : public DecisionRule {
 public:
  Appease(std::size_t concession, int every_weeks, std::optional<std::size_t> back_down, std::size_t neutral,
          double error_rate)
      : concession_(concession), every_weeks_(every_weeks), back_down_(back_down), neutral_(neutral),
        error_rate_(error_rate) {}

  std::size_t decide(const DecisionInput& in, DecisionRecord* record) const override {
    const int week = in.state.week + 1;
    std::size_t intended = neutral_;
    if (rules::own_open_ultimatum(in.state, in.actor) && rules::feasible(in.feasible, back_down_))
      intended = *back_down_;
    else if (week % every_weeks_ == 0 && rules::feasible(in.feasible, concession_))
      intended = concession_;
    return rules::deterministic_choice(in, intended, neutral_, error_rate_, record);
  }

 private:
  std::size_t concession_;
  int every_weeks_;
  std::optional<std::size_t> back_down_;
  std::size_t neutral_;
  double error_rate_;
};

const bool registered = register_rule({
    "appease",
    "Unconditional concessions at a fixed rhythm; never escalates, backs down from any own ultimatum.",
    {
        {"concession", ParamType::string, "", 0, 0, {},
         rules::action_doc("played as a concession", kConcessionKinds, true)},
        {"every_weeks", ParamType::integer, 4, 1, 520, {}, "concede in the weeks whose number is a multiple of this"},
        rules::neutral_param(),
        rules::error_rate_param(),
    },
    [](const BuildContext& context) -> std::shared_ptr<const DecisionRule> {
      const ActorSpec& actor = context.scenario.actors[context.actor];
      config::ObjectReader params(context.params);
      const auto concession = rules::action_param(params, "concession", actor, kConcessionKinds, true);
      const int every_weeks = static_cast<int>(params.integer("every_weeks", 1, 520));
      const std::size_t neutral = rules::read_neutral(params, actor);
      const double error_rate = params.number("error_rate", 0.0, 1.0);
      params.finish();
      return std::make_shared<Appease>(*concession, every_weeks, rules::first_of_kind(actor, ActionKind::back_down),
                                       neutral, error_rate);
    },
    Suits::sender,
});

}  // namespace
}  // namespace leverage
