#include "cli/summary_text.hpp"

#include <iomanip>
#include <ostream>
#include <sstream>

namespace leverage::cli {

namespace {

std::string fixed(double value, int digits) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(digits) << value;
  return s.str();
}

}  // namespace

void print_run_summary(std::ostream& out, const std::string& command, const Scenario& scenario,
                       const nlohmann::ordered_json& summary) {
  const auto& o = summary["outcomes"];
  out << command << ": " << scenario.name << ", seed " << summary["seed"].get<unsigned long long>() << ", "
      << summary["weeks"].get<int>() << " weeks\n";
  out << "  prisoners        " << fixed(o["initial_stock"].get<double>(), 0) << " -> "
      << fixed(o["final_stock"].get<double>(), 0) << "  (released " << fixed(o["gross_releases"].get<double>(), 0)
      << ", re-arrested " << fixed(o["rearrests"].get<double>(), 0) << ", net change "
      << fixed(o["net_change_in_stock"].get<double>(), 0) << ")\n";
  out << "  first release    "
      << (o["first_release_week"].is_null() ? std::string("none") : "week " + o["first_release_week"].dump()) << "\n";
  if (summary["ultimatums"].empty()) {
    out << "  ultimatum        none issued\n";
  } else {
    for (const auto& u : summary["ultimatums"]) {
      out << "  ultimatum        " << u["sender"].get<std::string>() << ", " << fixed(u["demand"].get<double>(), 0)
          << " (" << u["demand_kind"].get<std::string>() << ") by week " << u["deadline_week"].get<int>() << ": "
          << u["outcome"].get<std::string>() << " (share met " << fixed(u["share_met_at_end"].get<double>(), 2)
          << ")\n";
      // The benchmark beside the simulation: what the solved crisis game predicted at issue.
      const auto& p = u["prediction"];
      if (p.is_object() && p["p_comply"].is_number())
        out << "    game predicts  comply " << fixed(p["p_comply"].get<double>(), 2) << ", execute if defied "
            << fixed(p["p_execute"].get<double>(), 2) << " (" << p["kind"].get<std::string>() << ")\n";
    }
  }
  out << "  transit lost     " << fixed(o["transit_lost_teu"].get<double>(), 0) << " TEU\n";
  out << "  payoffs          ";
  bool first = true;
  for (const auto& a : summary["actors"]) {
    out << (first ? "" : ", ") << a["id"].get<std::string>() << " " << fixed(a["discounted_payoff"].get<double>(), 1);
    first = false;
  }
  out << "\n";
}

}  // namespace leverage::cli
