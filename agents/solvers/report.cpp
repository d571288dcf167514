#include "agents/solvers/report.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

#include "engine/util/csv.hpp"
#include "engine/util/format.hpp"

namespace leverage::games {

namespace {

// Probabilities within 1e-12 of 0 or 1 are printed as 0 and 1 (floating-point dust from pivoting).
double tidy(double value) {
  if (std::abs(value) < 1e-12) return 0.0;
  if (std::abs(value - 1.0) < 1e-12) return 1.0;
  return value;
}

std::string short_number(double value) {
  std::ostringstream text;
  text << std::setprecision(6) << tidy(value);
  return text.str();
}

}  // namespace

nlohmann::ordered_json solution_json(const std::string& game_name, const Solution& solution) {
  nlohmann::ordered_json document;
  document["game"] = game_name;
  document["solver"] = solution.solver;
  document["players"] = solution.players;
  nlohmann::ordered_json equilibria = nlohmann::ordered_json::array();
  for (const auto& equilibrium : solution.equilibria) {
    nlohmann::ordered_json item;
    item["type"] = equilibrium.type;
    nlohmann::ordered_json strategies = nlohmann::ordered_json::array();
    for (const auto& strategy : equilibrium.strategies) {
      nlohmann::ordered_json entry;
      entry["player"] = strategy.player;
      if (!strategy.where.empty()) entry["infoset"] = strategy.where;
      nlohmann::ordered_json actions = nlohmann::ordered_json::object();
      for (std::size_t a = 0; a < strategy.actions.size(); ++a) actions[strategy.actions[a]] = tidy(strategy.probabilities[a]);
      entry["actions"] = std::move(actions);
      strategies.push_back(std::move(entry));
    }
    item["strategies"] = std::move(strategies);
    nlohmann::ordered_json payoffs = nlohmann::ordered_json::object();
    for (std::size_t p = 0; p < equilibrium.expected_payoffs.size() && p < solution.players.size(); ++p)
      payoffs[solution.players[p]] = equilibrium.expected_payoffs[p];
    item["expected_payoffs"] = std::move(payoffs);
    if (!equilibrium.beliefs.empty()) {
      nlohmann::ordered_json beliefs = nlohmann::ordered_json::array();
      for (const auto& belief : equilibrium.beliefs) {
        nlohmann::ordered_json entry;
        entry["infoset"] = belief.infoset;
        entry["on_path"] = belief.on_path;
        nlohmann::ordered_json nodes = nlohmann::ordered_json::object();
        for (std::size_t k = 0; k < belief.nodes.size(); ++k) {
          if (belief.on_path)
            nodes[belief.nodes[k]] = tidy(belief.belief[k]);
          else
            nodes[belief.nodes[k]] = {tidy(belief.low[k]), tidy(belief.high[k])};
        }
        entry[belief.on_path ? "belief" : "supporting_belief_ranges"] = std::move(nodes);
        beliefs.push_back(std::move(entry));
      }
      item["beliefs"] = std::move(beliefs);
    }
    if (!equilibrium.notes.empty()) item["notes"] = equilibrium.notes;
    equilibria.push_back(std::move(item));
  }
  document["equilibria"] = std::move(equilibria);
  nlohmann::ordered_json facts = nlohmann::ordered_json::object();
  for (const auto& [name, value] : solution.facts) facts[name] = value;
  document["facts"] = std::move(facts);
  document["notes"] = solution.notes;
  return document;
}

void print_solution(std::ostream& out, const std::string& game_name, const Solution& solution) {
  out << "leverage solve: " << game_name << " (solver " << solution.solver << "), " << solution.equilibria.size()
      << (solution.equilibria.size() == 1 ? " solution\n" : " solutions\n");
  std::size_t width = 6;
  for (const auto& equilibrium : solution.equilibria)
    for (const auto& strategy : equilibrium.strategies)
      width = std::max(width, strategy.player.size() + (strategy.where.empty() ? 0 : strategy.where.size() + 3));
  for (std::size_t e = 0; e < solution.equilibria.size(); ++e) {
    const Equilibrium& equilibrium = solution.equilibria[e];
    out << "\n#" << e + 1 << " " << equilibrium.type << "\n";
    for (const auto& strategy : equilibrium.strategies) {
      std::string who = strategy.player;
      if (!strategy.where.empty()) who.append(" @ ").append(strategy.where);
      out << "  " << std::left << std::setw(static_cast<int>(width)) << who << std::right;
      for (std::size_t a = 0; a < strategy.actions.size(); ++a)
        out << "  " << strategy.actions[a] << " " << short_number(strategy.probabilities[a]);
      out << "\n";
    }
    if (!equilibrium.expected_payoffs.empty()) {
      out << "  " << std::left << std::setw(static_cast<int>(width)) << "payoff" << std::right;
      for (std::size_t p = 0; p < equilibrium.expected_payoffs.size() && p < solution.players.size(); ++p)
        out << "  " << solution.players[p] << " " << short_number(equilibrium.expected_payoffs[p]);
      out << "\n";
    }
    for (const auto& belief : equilibrium.beliefs) {
      out << "  belief @ " << belief.infoset << (belief.on_path ? " (Bayes):" : " (off path, supported by):");
      for (std::size_t k = 0; k < belief.nodes.size(); ++k) {
        out << "  " << belief.nodes[k] << " ";
        if (belief.on_path)
          out << short_number(belief.belief[k]);
        else
          out << "[" << short_number(belief.low[k]) << ", " << short_number(belief.high[k]) << "]";
      }
      out << "\n";
    }
    for (const auto& note : equilibrium.notes) out << "  note: " << note << "\n";
  }
  // A short table (the bargaining rounds, the vote table) is shown; a long path only goes to --csv.
  if (solution.path && !solution.path->rows.empty() && solution.path->rows.size() <= 12) {
    out << "\n";
    std::vector<int> widths;
    for (const auto& column : solution.path->columns) {
      widths.push_back(static_cast<int>(std::max<std::size_t>(column.size(), 10)));
      out << "  " << std::setw(widths.back()) << column;
    }
    out << "\n";
    for (const auto& row : solution.path->rows) {
      for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c) out << "  " << std::setw(widths[c]) << short_number(row[c]);
      out << "\n";
    }
  }
  if (!solution.facts.empty()) {
    out << "\n";
    for (const auto& [name, value] : solution.facts) out << name << " = " << short_number(value) << "\n";
  }
  for (const auto& note : solution.notes) out << "note: " << note << "\n";
}

std::string path_csv(const PathTable& table) {
  std::string text;
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    if (c > 0) text.push_back(',');
    append_csv_field(text, table.columns[c]);
  }
  text.push_back('\n');
  for (const auto& row : table.rows) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (c > 0) text.push_back(',');
      append_double(text, row[c]);
    }
    text.push_back('\n');
  }
  return text;
}

}  // namespace leverage::games
