// The revolving door (DOMAIN.md): a regime paid per release can release and re-arrest, so gross
// releases, re-arrests and the net change in the stock are different outcomes. With a per-release
// reward and a gross demand a payoff-maximizing Minsk releases and re-arrests, and the demand is
// met on paper while the stock grows; a net-stock demand prevents that: it is judged on the stock
// at the deadline, and a release is paid only where it takes the stock to a new low.
#include <algorithm>
#include <catch2/catch.hpp>

#include "tests/support/lab.hpp"

using namespace leverage;

namespace {

// Minsk is a near-best-responding logit player that values revenue (1 per MEUR) and control (0.01
// per prisoner per week, so a prisoner held for good is worth 0.01 * 0.995 / 0.005 = 1.99); it can
// release 100 at a time and repress. Brussels demands 600 within 30 weeks and pays 3 MEUR per
// release counted by the demand (gross releases, or new lows of the stock for a net demand), with
// its deadline in week 21.
WorldState play(const std::string& demand_kind, double* lowest_stock) {
  auto document = test::lab_json();
  document["weeks"] = 30;
  auto& minsk = document["actors"][0];
  minsk["rule"] = {{"name", "logit"}, {"params", {{"rationality", 50}}}};
  minsk["payoff"]["params"]["weights"] = {{"revenue", 1}, {"prisoners", 0.01}, {"action_cost", -1}};
  minsk["actions"] = nlohmann::json::array({{{"id", "hold"}, {"kind", "hold"}},
                                            {{"id", "amnesty_large"}, {"kind", "amnesty"}, {"count", 100}},
                                            {{"id", "repress"}, {"kind", "repress"}, {"level", 1}, {"cost_meur", 0.5}}});
  auto& ultimatum = document["actors"][2]["actions"][1]["ultimatum"];
  ultimatum["demand"] = {{"kind", demand_kind}, {"count", 600}};
  ultimatum["deadline_weeks"] = 20;
  ultimatum["reward"] = {{"kind", "per_release"}, {"meur_per_release", 3}};
  const auto s = test::load(document);
  const ForcedActions forced = test::force(*s, {{1, {{"brussels", "ultimatum"}}}});
  RunRecord record;
  const WorldState end = run_replicate(*s, ReplicateKey{5, 0, 0}, 30, &record, &forced);
  *lowest_stock = 1000;
  for (const auto& week : record.weeks) *lowest_stock = std::min(*lowest_stock, week.prisoners);
  return end;
}

}  // namespace

TEST_CASE("per-release rewards with a gross demand open the revolving door; a net demand shuts it") {
  double gross_low = 0, net_low = 0;
  const WorldState gross = play("gross", &gross_low);
  const WorldState net = play("net", &net_low);
  const UltimatumState& g = gross.ultimatums[0];
  const UltimatumState& n = net.ultimatums[0];
  INFO("gross demand: released " << gross.gross_releases << ", re-arrested " << gross.rearrests_total << ", stock "
                                 << gross.prisoners << ", paid " << g.reward_paid_meur);
  INFO("net demand: released " << net.gross_releases << ", re-arrested " << net.rearrests_total << ", stock "
                               << net.prisoners << ", paid " << n.reward_paid_meur);
  // Gross: each release earns 3 MEUR against 1.99 of lost control, and repressing wins the control
  // back (re-arrests are not subtracted from a gross count), so Minsk releases until the demand of
  // 600 is met, paid 600 * 3 = 1800, and re-arrests along the way: the stock ends above where it began.
  CHECK(g.stage == UltimatumStage::complied_threat);
  CHECK(g.reward_paid_meur == 1800);
  CHECK(gross.rearrests_total >= 50);
  CHECK(gross.prisoners > 1000);
  // Net: the same cycling never meets the demand (the stock at the deadline is above the stock at
  // issue), and rewards were paid only for real new lows: at most 3 MEUR per prisoner of the
  // deepest cut the stock ever reached, less than the gross run paid.
  CHECK(n.stage != UltimatumStage::complied_threat);
  CHECK(n.share_met_at_deadline < 1);
  CHECK(n.rewarded_units <= n.stock_at_issue - net_low + 1e-9);
  CHECK(n.reward_paid_meur < g.reward_paid_meur);
}
