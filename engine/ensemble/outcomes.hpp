#pragma once
#include <string>
#include <vector>

#include "engine/model/scenario.hpp"
#include "engine/model/state.hpp"

// The outcomes of one replicate as a flat row of numbers, the columns of outcomes.csv: the
// foundation's summary.json outcomes, the first ultimatum's in columns of its own, counts of the
// outcomes of any later ones, and each actor's costs and payoff (docs/OUTPUTS.md).
namespace leverage {

// Codes of an ultimatum's final outcome, stored as numbers in a row (names in outcomes.csv).
enum class OutcomeCode : int {
  none = 0,  // no ultimatum
  complied_threat,
  partly_complied,
  complied_after_imposition,
  executed_defied,
  extended,
  backed_down,
  pending,
  count_
};
inline constexpr int kOutcomeCodeCount = static_cast<int>(OutcomeCode::count_);
const char* outcome_code_name(OutcomeCode code);
OutcomeCode outcome_code(const UltimatumState& u);

struct OutcomeColumn {
  std::string name;
  bool categorical = false;  // an OutcomeCode, written as its name
  bool optional = false;     // NaN means "none" (written as an empty field)
};

class OutcomeSchema {
 public:
  explicit OutcomeSchema(const Scenario& scenario);
  const std::vector<OutcomeColumn>& columns() const { return columns_; }
  std::size_t size() const { return columns_.size(); }
  // Fills `row` (size() values) from a replicate's final state.
  void extract(const Scenario& scenario, const WorldState& final_state, double* row) const;
  std::size_t first_outcome_column() const { return first_outcome_; }

 private:
  std::vector<OutcomeColumn> columns_;
  std::size_t first_outcome_ = 0;
};

}  // namespace leverage
