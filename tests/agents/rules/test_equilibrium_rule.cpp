// Decision rule `equilibrium` in scenarios/crisis_dock.json: the ensemble's frequencies against the solved
// crisis game's prediction (docs/GAMES.md, "The benchmark beside the simulation").
//
// The game the dock implies (derived in tests/agents/solvers/test_crisis_prediction.cpp): demand 10,
// audience cost 5, imposition 3 (resolved) and 8 (irresolute), concession 10, sanction 15, prior 0.4.
// Semi-separating: a resolved Brussels issues, an irresolute one with b = 1/3; Minsk complies with
// r* = 1/3; after defiance a resolved Brussels executes, an irresolute one backs down. Per replicate
// (Brussels resolved with probability 0.4, drawn independently per replicate):
//   P(issue) = 0.4 + 0.6 / 3 = 0.6;  P(comply | issued) = 1/3;
//   P(execute | defied) = P(resolved | issued) = 0.4 / 0.6 = 2/3.
// The 99% intervals: conditional on the n replicates that reach a stage, the count of those that take
// the next step is Binomial(n, p) under the prediction (independent replicates, each playing the
// equilibrium's mixed strategy with its own decision-noise stream), so the central 99% interval is
// [the 0.005 quantile, the 0.995 quantile] of Binomial(n, p), computed exactly below. A fixed seed makes
// each check deterministic; a rule that played anything else (r = 1/2, say, with n near 600) would fall
// outside.
#include <catch2/catch.hpp>
#include <cmath>

#include "engine/config/json_reader.hpp"
#include "engine/ensemble/ensemble.hpp"
#include "engine/ensemble/ensemble_stats.hpp"
#include "engine/model/scenario_loader.hpp"
#include "tests/support/lab.hpp"

using namespace leverage;

namespace {

nlohmann::json dock(double p_resolved) {
  nlohmann::json document = config::parse_json_file(test::source_path("scenarios/crisis_dock.json"));
  document["actors"][1]["types"]["p_resolved"] = p_resolved;
  document["actors"][1]["types"]["target_belief_resolved"] = p_resolved;
  return document;
}

// The central 99% interval of Binomial(n, p): the smallest k with P(K <= k) >= 0.005 and the smallest
// k with P(K <= k) >= 0.995.
std::pair<std::uint64_t, std::uint64_t> binomial99(std::uint64_t n, double p) {
  if (p <= 0.0) return {0, 0};
  if (p >= 1.0) return {n, n};
  std::uint64_t low = n, high = n;
  bool low_found = false;
  double cdf = 0;
  for (std::uint64_t k = 0; k <= n; ++k) {
    const double log_pmf = std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0) +
                           static_cast<double>(k) * std::log(p) + static_cast<double>(n - k) * std::log1p(-p);
    cdf += std::exp(log_pmf);
    if (!low_found && cdf >= 0.005) low = k, low_found = true;
    if (cdf >= 0.995) {
      high = k;
      break;
    }
  }
  return {low, high};
}

struct Counts {
  std::uint64_t replicates = 0, issued = 0, complied = 0, executed = 0, backed_down = 0, after_imposition = 0;
  double predicted_comply = std::nan(""), predicted_execute = std::nan("");
  nlohmann::ordered_json benchmark;  // stats.json's "benchmark" block for the same rows
};

Counts run(const nlohmann::json& document, std::uint64_t replicates) {
  const auto s = load_scenario_document(document, "crisis_dock.json");
  EnsembleOptions options;
  options.replicates = replicates;
  options.threads = 1;
  options.bands = false;
  const EnsembleResult result = run_ensemble(*s, options);
  const auto column = [&](const std::string& name) {
    for (std::size_t c = 0; c < result.schema.size(); ++c)
      if (result.schema.columns()[c].name == name) return c;
    FAIL("no column " << name);
    return std::size_t{0};
  };
  const std::size_t issued = column("ultimatums_issued"), outcome = column("u1_outcome");
  const std::size_t comply = column("u1_predicted_p_comply"), execute = column("u1_predicted_p_execute");
  Counts counts;
  counts.replicates = result.replicates;
  EnsembleStatistics statistics(result.schema);
  for (std::uint64_t r = 0; r < result.replicates; ++r) statistics.add_row(result.row(r));
  counts.benchmark = statistics.json()["benchmark"];
  for (std::uint64_t r = 0; r < result.replicates; ++r) {
    const double* row = result.row(r);
    if (row[issued] < 1) continue;
    ++counts.issued;
    counts.predicted_comply = row[comply];
    counts.predicted_execute = row[execute];
    const auto code = static_cast<OutcomeCode>(static_cast<int>(row[outcome]));
    counts.complied += code == OutcomeCode::complied_threat;
    counts.executed += code == OutcomeCode::executed_defied || code == OutcomeCode::complied_after_imposition;
    counts.after_imposition += code == OutcomeCode::complied_after_imposition;
    counts.backed_down += code == OutcomeCode::backed_down;
  }
  return counts;
}

bool within(std::uint64_t count, std::pair<std::uint64_t, std::uint64_t> interval) {
  return interval.first <= count && count <= interval.second;
}

}  // namespace

TEST_CASE("equilibrium rule: the dock's frequencies fall within the prediction's 99% intervals",
          "[rules][equilibrium]") {
  const Counts c = run(dock(0.4), 1000);
  INFO("issued " << c.issued << ", complied " << c.complied << ", executed " << c.executed << ", backed down "
                 << c.backed_down);
  CHECK(c.predicted_comply == Approx(1.0 / 3.0).margin(1e-12));
  CHECK(c.predicted_execute == Approx(2.0 / 3.0).margin(1e-12));
  CHECK(within(c.issued, binomial99(c.replicates, 0.6)));
  CHECK(within(c.complied, binomial99(c.issued, 1.0 / 3.0)));
  // Every defied ultimatum reaches the sender's decision (no extensions, no partial compliance).
  CHECK(c.executed + c.backed_down + c.complied == c.issued);
  CHECK(within(c.executed, binomial99(c.executed + c.backed_down, 2.0 / 3.0)));
  // stats.json's benchmark block reports the same: the predictions' means, and the counts above.
  CHECK(c.benchmark["predicted_p_comply_mean"].get<double>() == Approx(1.0 / 3.0).margin(1e-12));
  CHECK(c.benchmark["predicted_p_execute_mean"].get<double>() == Approx(2.0 / 3.0).margin(1e-12));
  CHECK(c.benchmark["observed_comply"]["count"] == c.complied);
  CHECK(c.benchmark["observed_comply"]["of"] == c.issued);
  CHECK(c.benchmark["observed_execute_after_defiance"]["count"] == c.executed);
  CHECK(c.benchmark["observed_execute_after_defiance"]["of"] == c.executed + c.backed_down);
  // With uncertainty imposition happens (expected 1000 x 0.6 x 2/3 x 2/3 = 267 times), and success after
  // imposition (none: after an imposition the game has no move left for Minsk, which holds) is below
  // success at the threat stage (1/3 of the issued).
  CHECK(c.executed > 0);
  const double after = static_cast<double>(c.after_imposition) / static_cast<double>(c.executed);
  const double threat_stage = static_cast<double>(c.complied) / static_cast<double>(c.issued);
  CHECK(after < threat_stage);
}

TEST_CASE("equilibrium rule: a degenerate resolve prior never imposes", "[rules][equilibrium]") {
  // Prior 1 (and Brussels always resolved): complete information, a credible threat (-3 > -5), Minsk
  // complies (-10 > -15), Brussels issues (10 > 0): every replicate issues and complies, none imposes.
  const Counts sure = run(dock(1.0), 200);
  CHECK(sure.issued == 200);
  CHECK(sure.complied == 200);
  CHECK(sure.executed == 0);
  // Prior 0 (never resolved): an irresolute Brussels would back down (-8 < -5), so Minsk would defy and
  // Brussels does not issue (-5 < 0): no ultimatum, no imposition.
  const Counts never = run(dock(0.0), 200);
  CHECK(never.issued == 0);
  CHECK(never.executed == 0);
}

TEST_CASE("logit at high rationality matches the prediction where the equilibrium is pure", "[rules][equilibrium]") {
  // Minsk as logit (rationality 20) against the equilibrium Brussels, prior 1: its belief stays 1 (the dock
  // has no signals), so defying is worth -15 delta^tau (at most 3 weeks to the deadline: about -14.6) and
  // complying -10, a gap of 4.6 utility: P(defy) = 1 / (1 + e^(20 * 4.6)), about e^-92. The prediction is
  // P(comply) = 1, whose 99% interval is [n, n]: every replicate complies. (Where the equilibrium mixes,
  // logit cannot match it: docs/GAMES.md, "Logit beside the equilibrium".)
  nlohmann::json document = dock(1.0);
  document["actors"][0]["rule"] = {{"name", "logit"}, {"params", {{"rationality", 20}}}};
  const Counts c = run(document, 100);
  CHECK(c.issued == 100);
  CHECK(within(c.complied, binomial99(c.issued, 1.0)));
  CHECK(c.executed == 0);
}

TEST_CASE("equilibrium rule: the dock's ensemble is the same on 1 and 2 threads", "[rules][equilibrium]") {
  // The prediction columns included: the predictor's per-thread memory must not make a thread's answer
  // depend on what that thread solved before.
  const auto s = load_scenario_document(dock(0.4), "crisis_dock.json");
  EnsembleOptions options;
  options.replicates = 64;
  options.chunk = 5;
  options.bands = false;
  options.threads = 1;
  const EnsembleResult one = run_ensemble(*s, options);
  options.threads = 2;
  const EnsembleResult two = run_ensemble(*s, options);
  REQUIRE(one.rows.size() == two.rows.size());
  bool same = true;
  for (std::size_t k = 0; k < one.rows.size(); ++k)
    same = same && (std::isnan(one.rows[k]) ? std::isnan(two.rows[k]) : one.rows[k] == two.rows[k]);
  CHECK(same);
}
