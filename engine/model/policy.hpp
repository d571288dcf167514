#pragma once
#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/model/limits.hpp"
#include "engine/model/terms.hpp"
#include "engine/rng/rng.hpp"

// Decision rules and payoff models: the two pluggable parts of an actor. Each registers itself by
// name with a typed parameter spec; the scenario loader validates an actor's `params` against that
// spec (unknown key, type, range, required), fills defaults, and only then builds the object. The
// same spec generates docs/CONFIG.md, so the docs, the validator and the code cannot drift.
namespace leverage {

struct Scenario;
struct WorldState;
struct WeekChoices;
namespace config {
class Node;
}

using MenuMask = std::uint32_t;  // bit k: menu action k is feasible this week

// Level-k reasoning (docs/MODEL.md, "Level-k lookahead"): the deepest level a rule may be asked to
// reason at, and the seed of the scratch stream a rule draws from while another actor predicts it
// (never one of a replicate's streams, so predicting moves no stream of the run).
inline constexpr int kMaxLevelDepth = 4;
inline constexpr std::uint64_t kPredictionScratchSeed = 0x6c6576656c6b;  // "levelk"

// What one actor weighed this week: every alternative's value and probability. Alternatives that
// were infeasible have probability 0 and no value (NaN).
struct DecisionRecord {
  std::uint8_t chosen = 0;
  std::uint8_t menu_size = 0;
  MenuMask feasible = 0;
  std::array<double, kMaxMenu> value{};
  std::array<double, kMaxMenu> probability{};
};

// A rule's own memory across the weeks of one run: a learner's regrets or counts, a trigger that has
// fired. It lives beside the world state, not in it, so projections of the world never copy it; it
// starts zeroed and is rebuilt from the actions when a run is replayed. Each rule documents its layout.
inline constexpr std::size_t kRuleMemory = 64;
struct RuleMemory {
  std::array<double, kRuleMemory> value{};
};
using RuleMemories = std::array<RuleMemory, kMaxActors>;

class WeekValuation;  // valuation.hpp

struct DecisionInput {
  const Scenario& scenario;
  const WorldState& state;
  std::size_t actor;
  MenuMask feasible;
  rng::Rng& noise;  // this actor's decision-noise stream for this week; the only randomness a rule may use
  const RuleMemory& memory;  // this actor's memory (see observe())
  const RuleMemories* memories = nullptr;  // every actor's memory, for level-k predictions (null: all zeroed)
  // The week's shared valuation work (decide_week's; null: none), for rules that value their
  // alternatives at depth 1 (value_alternatives with a WeekValuation). Same values either way.
  WeekValuation* week = nullptr;
};

// One completed week as an actor's rule sees it after the step: the state before and after and
// everyone's actions (the actions actually taken, forced ones included).
struct ObservedWeek {
  const Scenario& scenario;
  const WorldState& before;
  const WorldState& after;
  const WeekChoices& choices;
  std::size_t actor;
};

class DecisionRule {
 public:
  virtual ~DecisionRule() = default;
  // Chooses a feasible menu index. Fills `record` (every alternative's value and probability);
  // rules that do not value alternatives themselves ask value_alternatives() only when recording.
  virtual std::size_t decide(const DecisionInput& input, DecisionRecord* record) const = 0;
  // Updates the rule's memory after each week. Must be deterministic and draw no randomness. The
  // default keeps no memory.
  virtual void observe(const ObservedWeek& week, RuleMemory& memory) const {
    (void)week;
    (void)memory;
  }
  // Whether observe() does anything: the loop skips the call for rules without memory.
  virtual bool has_memory() const { return false; }
  // The action another actor's level-k reasoning predicts for this one on input.state: its most
  // probable choice when it reasons at `depth` (1..kMaxLevelDepth; rules without a depth of their
  // own ignore it). input.noise is a scratch stream (kPredictionScratchSeed), so nothing a rule
  // draws here moves the run. The default runs decide() with a record and returns the most
  // probable action of the record (most_probable; the decided action if the record has no
  // probabilities).
  virtual std::size_t predict(const DecisionInput& input, int depth) const;
};

// The index of the largest probability among the first n (ties: the lowest index), or `fallback`
// if none is positive.
std::size_t most_probable(const std::array<double, kMaxMenu>& probability, std::size_t n, std::size_t fallback);

class PayoffModel {
 public:
  virtual ~PayoffModel() = default;
  // Utility of one week's terms, given the actor's reference terms (the state when the latest
  // ultimatum was issued; the initial state before any).
  virtual double weekly_utility(const TermVector& terms, const TermVector& reference) const = 0;
  virtual double discount() const = 0;  // per week
  virtual double weight(Term term) const = 0;
};

enum class ParamType : std::uint8_t { number, integer, boolean, string, choice, weights, array };

struct ParamSpec {
  std::string name;
  ParamType type = ParamType::number;
  nlohmann::json default_value;  // null: required
  double min = 0, max = 0;       // number and integer bounds (inclusive)
  std::vector<std::string> choices;
  std::string doc;
  bool required() const { return default_value.is_null(); }
};

// What a factory sees: the validated parameters (defaults filled in, types checked) and the
// scenario being built (actors and menus are known, so a rule can resolve action ids).
struct BuildContext {
  const Scenario& scenario;
  std::size_t actor;
  const config::Node& params;  // for factories that read array parameters with paths in errors
};

using RuleFactory = std::function<std::shared_ptr<const DecisionRule>(const BuildContext&)>;
using PayoffFactory = std::function<std::shared_ptr<const PayoffModel>(const BuildContext&)>;

// Which actor slots a registered piece suits: a sender rule reads the target's conduct and makes
// no sense in the target's own slot. The loader rejects a rule in a slot it does not suit.
enum class Suits : std::uint8_t { any, sender, target };
const char* suits_name(Suits suits);

template <typename Factory>
struct RegistryEntry {
  std::string name;
  std::string summary;
  std::vector<ParamSpec> params;
  Factory factory;
  Suits suits = Suits::any;  // payoff models suit any actor
};

using RuleEntry = RegistryEntry<RuleFactory>;
using PayoffEntry = RegistryEntry<PayoffFactory>;

std::map<std::string, RuleEntry>& rule_registry();
std::map<std::string, PayoffEntry>& payoff_registry();

// Static registration from agents/*.cpp: `static const bool registered = register_rule({...});`
bool register_rule(RuleEntry entry);
bool register_payoff(PayoffEntry entry);

// Reads a validated number/integer/bool parameter (after the loader filled defaults).
double param_number(const config::Node& params, const std::string& name);
bool param_bool(const config::Node& params, const std::string& name);
std::string param_string(const config::Node& params, const std::string& name);
TermVector param_weights(const config::Node& params, const std::string& name);

}  // namespace leverage
