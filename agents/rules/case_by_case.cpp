// Decision rule `case_by_case`: the "individual approach" proposed at the Minsk Forum in December
// 2023 (EDM 2024, shared/seeds): each named political prisoner is bargained for on its own, with
// diplomatic and soft-power pressure, and each release is traded for a concession. The sender
// plays its `concession` once for every listed named prisoner the target has released (one a week,
// in the order of the named list, when feasible and not vetoed); while no concession is owed and a
// listed prisoner is still held, it plays `pressure` (if set and feasible), else `neutral`. No
// ultimatum: the approach is the alternative to a collective one.
//
// Memory: value[0] = bit mask of the named prisoners already paid for (exact in a double: at most 32).
#include <bit>
#include <cstdint>

#include "agents/rules/sender.hpp"

namespace leverage {
namespace {

constexpr std::initializer_list<ActionKind> kConcessionKinds = {ActionKind::ease_sanctions, ActionKind::lift_measures};
constexpr std::initializer_list<ActionKind> kPressureKinds = {ActionKind::press_target};

class CaseByCase final : public DecisionRule {
 public:
  CaseByCase(std::uint32_t listed, std::size_t concession, std::optional<std::size_t> pressure, std::size_t neutral,
             double error_rate)
      : listed_(listed), concession_(concession), pressure_(pressure), neutral_(neutral), error_rate_(error_rate) {}

  std::uint32_t owed(const WorldState& state, const RuleMemory& memory) const {
    const auto paid = static_cast<std::uint32_t>(memory.value[0]);
    return state.named_released & listed_ & ~paid;
  }

  std::size_t decide(const DecisionInput& in, DecisionRecord* record) const override {
    std::size_t intended = neutral_;
    if (owed(in.state, in.memory) != 0 && rules::feasible(in.feasible, concession_))
      intended = concession_;
    else if ((listed_ & ~in.state.named_released) != 0 && rules::feasible(in.feasible, pressure_))
      intended = *pressure_;
    return rules::deterministic_choice(in, intended, neutral_, error_rate_, record);
  }

  void observe(const ObservedWeek& week, RuleMemory& memory) const override {
    // The concession of this week pays for the first prisoner owed on the state it was chosen on.
    const std::uint32_t due = owed(week.before, memory);
    if (due == 0 || week.choices.action[week.actor] != concession_ || !week.after.actors[week.actor].week_effective) return;
    const std::uint32_t first = due & (~due + 1u);  // lowest set bit
    memory.value[0] = static_cast<double>(static_cast<std::uint32_t>(memory.value[0]) | first);
  }
  bool has_memory() const override { return true; }

 private:
  std::uint32_t listed_;
  std::size_t concession_;
  std::optional<std::size_t> pressure_;
  std::size_t neutral_;
  double error_rate_;
};

const bool registered = register_rule({
    "case_by_case",
    "The individual approach: one concession traded for each named prisoner released, pressure meanwhile.",
    {
        {"prisoners", ParamType::array, nlohmann::json::array(), 0, 0, {},
         "[ID, ...]: the named prisoners (ids from /prisoners/named) bargained for; []: all of them"},
        {"concession", ParamType::string, "", 0, 0, {},
         rules::action_doc("traded for each named release", kConcessionKinds, true)},
        {"pressure", ParamType::string, "none", 0, 0, {},
         rules::action_doc("played while a listed prisoner is held and no concession is owed", kPressureKinds, false)},
        rules::neutral_param(),
        rules::error_rate_param(),
    },
    [](const BuildContext& context) -> std::shared_ptr<const DecisionRule> {
      const ActorSpec& actor = context.scenario.actors[context.actor];
      config::ObjectReader params(context.params);
      const auto& named = context.scenario.prisoners.named;
      std::vector<std::string> ids;
      for (const auto& prisoner : named) ids.push_back(prisoner.id);
      const config::Node list = params.required("prisoners");
      list.require_array();
      std::uint32_t listed = 0;
      for (std::size_t k = 0; k < list.size(); ++k) {
        if (ids.empty()) list.element(k).fail("a named prisoner declared in /prisoners/named", "no named prisoners declared");
        const std::string id = list.element(k).as_enum(ids);
        for (std::size_t j = 0; j < ids.size(); ++j)
          if (ids[j] == id) listed |= 1u << j;
      }
      if (list.size() == 0)
        for (std::size_t j = 0; j < ids.size(); ++j) listed |= 1u << j;
      if (listed == 0) list.fail("a scenario with named prisoners (/prisoners/named)", "none declared");
      const auto concession = rules::action_param(params, "concession", actor, kConcessionKinds, true);
      const auto pressure = rules::action_param(params, "pressure", actor, kPressureKinds, false);
      const std::size_t neutral = rules::read_neutral(params, actor);
      const double error_rate = params.number("error_rate", 0.0, 1.0);
      params.finish();
      return std::make_shared<CaseByCase>(listed, *concession, pressure, neutral, error_rate);
    },
    Suits::sender,
});

}  // namespace
}  // namespace leverage
