#include "viewer/data/live_run.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "engine/model/world.hpp"

namespace leverage::viewer {

namespace {

struct Precondition {
  ActionKind kind;
  const char* needs;  // what must hold for the action to be feasible (engine/model/world.cpp, action_feasible)
};

// One line per action kind with a precondition; a kind not listed is always feasible.
constexpr Precondition kPreconditions[] = {
    {ActionKind::amnesty, "prisoners left to release"},
    {ActionKind::release_named, "this named prisoner still held"},
    {ActionKind::repress, "repression below its maximum"},
    {ActionKind::raise_migration, "migration pressure below its maximum"},
    {ActionKind::lower_migration, "migration pressure above zero"},
    {ActionKind::request_aid, "the target with a patron to ask"},
    {ActionKind::evade, "the target, evading less than fully"},
    {ActionKind::routine_control, "a border crossing under this capital's control"},
    {ActionKind::intensive_inspection, "a border crossing under this capital's control"},
    {ActionKind::close_crossing, "an open crossing under this capital's control"},
    {ActionKind::lift_measures, "a closed crossing under this capital's control"},
    {ActionKind::demand_seals, "electronic seals not yet demanded"},
    {ActionKind::accept_seals, "seals demanded and not yet in force"},
    {ActionKind::issue_ultimatum, "no open ultimatum of this capital's own (and not the target)"},
    {ActionKind::execute_threat, "an own ultimatum whose deadline passed unmet"},
    {ActionKind::extend_deadline, "an own ultimatum past its deadline with extensions left"},
    {ActionKind::back_down, "an own ultimatum past its deadline or executed"},
    {ActionKind::tighten_sanctions, "sanctions below their maximum level"},
    {ActionKind::ease_sanctions, "sanctions in force to ease"},
    {ActionKind::press_target, "a target to press (and not being it)"},
    {ActionKind::press_sender, "another capital to press"},
    {ActionKind::reroute, "rerouting below its maximum share"},
    {ActionKind::subsidize, "a target to subsidize (and not being it)"},
};

const char* precondition_text(ActionKind kind) {
  for (const Precondition& p : kPreconditions)
    if (p.kind == kind) return p.needs;
  return "its precondition";
}

}  // namespace

std::string infeasibility_reason(const Scenario& scenario, const WorldState& state, std::size_t actor,
                                 std::size_t action) {
  const ActorSpec& spec = scenario.actors[actor];
  if (action >= spec.menu.size())
    return spec.id + "'s menu has " + std::to_string(spec.menu.size()) + " actions, not " + std::to_string(action + 1);
  const ActionSpec& chosen = spec.menu[action];
  if (action_feasible(scenario, state, actor, chosen)) return {};
  return chosen.id + " is not possible in week " + std::to_string(state.week + 1) + ": it needs " +
         precondition_text(chosen.kind);
}

DeadlineAnswer deadline_answer(const Scenario& scenario, const UltimatumState& u) {
  // At the deadline the protocol (engine/model/protocol.cpp) either finds the demand met (share 1,
  // complied) or records the share met so far and waits for the sender's decision.
  if (u.complied_week >= 0 || u.share_met_at_deadline >= 1) return DeadlineAnswer::comply;
  if (u.share_met_at_deadline >= scenario.ultimatums[static_cast<std::size_t>(u.spec)].partial_threshold)
    return DeadlineAnswer::partly;
  return DeadlineAnswer::defy;
}

LiveRun::LiveRun(std::shared_ptr<const Scenario> scenario, const ReplicateKey& key, int weeks,
                 std::vector<std::size_t> players)
    : scenario_(std::move(scenario)), key_(key), weeks_(weeks), players_(std::move(players)) {
  const std::size_t n = scenario_->actors.size();
  if (players_.empty() || players_.size() > 5)
    throw std::invalid_argument("a class plays 1 to 5 capitals, not " + std::to_string(players_.size()));
  for (std::size_t p = 0; p < players_.size(); ++p) {
    if (players_[p] >= n) throw std::invalid_argument("no actor " + std::to_string(players_[p]));
    if (std::find(players_.begin(), players_.begin() + static_cast<std::ptrdiff_t>(p), players_[p]) !=
        players_.begin() + static_cast<std::ptrdiff_t>(p))
      throw std::invalid_argument(scenario_->actors[players_[p]].id + " is played twice");
  }
  if (weeks_ < 1) throw std::invalid_argument("a play needs at least one week");
  state_ = initial_state(*scenario_, key_);
  record_.initial = state_;
  record_.weeks.reserve(static_cast<std::size_t>(weeks_));
  record_.actions.reserve(static_cast<std::size_t>(weeks_));
  record_.decisions.assign(static_cast<std::size_t>(weeks_) * n, DecisionRecord{});
  pending_.assign(n, DecisionRecord{});
  prepare_week();
}

void LiveRun::prepare_week() {
  // Every rule decides, unforced, as in run_replicate: the played actors' records keep the rule's
  // values and probabilities, and its choice is the AI's answer in the same position.
  ai_choices_ = decide_week(*scenario_, state_, key_, pending_.data(), nullptr, &memories_);
  choices_ = ai_choices_;
  turn_ = 0;
}

std::optional<std::size_t> LiveRun::current_player() const {
  if (finished()) return std::nullopt;
  return players_[turn_];
}

std::vector<int> LiveRun::predictable_ultimatums() const {
  std::vector<int> slots;
  if (finished()) return slots;
  for (std::size_t u = 0; u < state_.ultimatum_count; ++u)
    if (state_.ultimatums[u].stage == UltimatumStage::threat) slots.push_back(static_cast<int>(u));
  return slots;
}

void LiveRun::predict(int ultimatum, DeadlineAnswer answer) {
  const std::vector<int> open = predictable_ultimatums();
  if (std::find(open.begin(), open.end(), ultimatum) == open.end())
    throw std::invalid_argument("ultimatum " + std::to_string(ultimatum) + " has no deadline ahead");
  const int deadline = state_.ultimatums[static_cast<std::size_t>(ultimatum)].deadline_week;
  for (PendingPrediction& p : predictions_)
    if (p.ultimatum == ultimatum && p.deadline_week == deadline) {
      p.answer = answer;
      return;
    }
  predictions_.push_back({ultimatum, deadline, answer});
}

std::optional<DeadlineAnswer> LiveRun::prediction(int ultimatum) const {
  if (ultimatum < 0 || static_cast<std::size_t>(ultimatum) >= state_.ultimatum_count) return std::nullopt;
  const int deadline = state_.ultimatums[static_cast<std::size_t>(ultimatum)].deadline_week;
  for (const PendingPrediction& p : predictions_)
    if (p.ultimatum == ultimatum && p.deadline_week == deadline) return p.answer;
  return std::nullopt;
}

std::optional<std::string> LiveRun::choose(std::size_t actor, std::size_t action) {
  if (finished()) return std::string("the play is over");
  if (actor != players_[turn_])
    return "it is " + scenario_->actors[players_[turn_]].id + "'s turn, not " +
           (actor < scenario_->actors.size() ? scenario_->actors[actor].id : std::to_string(actor)) + "'s";
  std::string reason = infeasibility_reason(*scenario_, state_, actor, action);
  if (!reason.empty()) return reason;
  const DecisionRecord& evaluated = pending_[actor];
  const std::size_t ai = ai_choices_.action[actor];
  human_.push_back({state_.week + 1, actor, action, ai, evaluated.value[action], evaluated.value[ai]});
  choices_.action[actor] = static_cast<std::uint8_t>(action);
  if (++turn_ == players_.size()) step();
  return std::nullopt;
}

void LiveRun::step() {
  const std::size_t n = scenario_->actors.size();
  const int week = state_.week + 1;
  for (std::size_t i = 0; i < n; ++i) {
    DecisionRecord& kept = record_.decisions[static_cast<std::size_t>(state_.week) * n + i];
    kept = pending_[i];
    kept.chosen = choices_.action[i];  // as decide_week records a forced action
  }
  // Ultimatums before their deadline: Minsk answers one when it leaves that stage (met early, or
  // judged at the deadline).
  std::vector<std::pair<int, int>> open;  // (slot, deadline week)
  for (std::size_t u = 0; u < state_.ultimatum_count; ++u)
    if (state_.ultimatums[u].stage == UltimatumStage::threat)
      open.emplace_back(static_cast<int>(u), state_.ultimatums[u].deadline_week);
  SampledNoise noise(key_, week);
  const WorldState before = state_;
  step_week(*scenario_, state_, choices_, noise);
  observe_week(*scenario_, before, state_, choices_, memories_);  // a no-op for rules without memory
  record_.weeks.push_back(state_);
  record_.actions.push_back(choices_);
  for (const auto& [u, deadline] : open) {
    const UltimatumState& after = state_.ultimatums[static_cast<std::size_t>(u)];
    if (after.stage == UltimatumStage::threat) continue;
    DeadlineResult result{deadline, static_cast<std::size_t>(after.sender), u, deadline_answer(*scenario_, after),
                          std::nullopt};
    for (const PendingPrediction& p : predictions_)
      if (p.ultimatum == u && p.deadline_week == deadline) result.predicted = p.answer;
    deadlines_.push_back(result);
  }
  if (!finished()) prepare_week();
}

}  // namespace leverage::viewer
