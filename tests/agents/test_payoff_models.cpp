// The two payoff models against hand computations.
#include <catch2/catch.hpp>
#include <cmath>

#include "tests/support/lab.hpp"

using namespace leverage;
using Catch::Matchers::WithinAbs;

namespace {
std::shared_ptr<const PayoffModel> model(const nlohmann::json& payoff) {
  auto document = test::lab_json();
  document["actors"][0]["payoff"] = payoff;
  return test::load(document)->actors[0].payoff;
}
}  // namespace

TEST_CASE("weighted indicators: the weekly utility is the weighted sum of the terms") {
  const auto m = model({{"model", "weighted"}, {"params", {{"weights", {{"revenue", 2}, {"prisoners", -0.5}}}, {"discount", 0.9}}}});
  TermVector terms{};
  at(terms, Term::revenue) = 3;
  at(terms, Term::prisoners) = 10;
  at(terms, Term::migration) = 7;  // weight 0
  // 2 * 3 - 0.5 * 10 = 1; the reference plays no part.
  CHECK_THAT(m->weekly_utility(terms, TermVector{}), WithinAbs(1.0, 1e-15));
  CHECK(m->discount() == 0.9);
}

TEST_CASE("weighted indicators: terms weighed 0 are skipped without changing a bit") {
  const auto m = model({{"model", "weighted"}, {"params", {{"weights", {{"revenue", 0.1}, {"migration", 0.2}}}}}});
  TermVector terms{};
  for (std::size_t k = 0; k < kTermCount; ++k) terms[k] = -1e300;  // every unweighed term large and negative
  at(terms, Term::revenue) = 0.3;
  at(terms, Term::migration) = 0.7;
  // The weighed terms in term order (revenue before migration), as the full 19-term sum adds them:
  // 0 + 0.1 * 0.3, then + 0.2 * 0.7; the 17 products 0 * -1e300 = -0 add nothing.
  double expected = 0;
  expected += 0.1 * 0.3;
  expected += 0.2 * 0.7;
  CHECK(m->weekly_utility(terms, TermVector{}) == expected);
  // Weighed terms that are 0 give +0, not -0 (the full sum from +0 adds only -0 products: +0).
  at(terms, Term::revenue) = 0;
  at(terms, Term::migration) = 0;
  const double zero = m->weekly_utility(terms, TermVector{});
  CHECK(zero == 0.0);
  CHECK_FALSE(std::signbit(zero));
}

TEST_CASE("reference-dependent utility: losses loom 2.25 times larger than gains") {
  const auto linear = model({{"model", "reference_dependent"}, {"params", {{"weights", {{"revenue", 1}, {"prisoners", -1}}}}}});
  TermVector reference{}, terms{};
  at(reference, Term::revenue) = 10;
  at(reference, Term::prisoners) = 100;
  // Revenue 8 against 10: a loss of 2 -> -2.25 * 2 = -4.5. Prisoners 97 against 100 with weight -1:
  // w * (x - r) = +3, a gain -> +3. Total -1.5.
  at(terms, Term::revenue) = 8;
  at(terms, Term::prisoners) = 97;
  CHECK_THAT(linear->weekly_utility(terms, reference), WithinAbs(-4.5 + 3.0, 1e-12));
  // With curvature 0.88 (Tversky and Kahneman 1992): -2.25 * 2^0.88 + 3^0.88.
  const auto curved = model({{"model", "reference_dependent"},
                             {"params", {{"weights", {{"revenue", 1}, {"prisoners", -1}}}, {"curvature", 0.88}}}});
  CHECK_THAT(curved->weekly_utility(terms, reference),
             WithinAbs(-2.25 * std::pow(2.0, 0.88) + std::pow(3.0, 0.88), 1e-12));
}

TEST_CASE("the reference point is the state the week before an ultimatum is issued") {
  auto document = test::lab_json();
  document["actors"][0]["payoff"] = {{"model", "reference_dependent"}, {"params", {{"weights", {{"revenue", 1}}}}}};
  const auto s = test::load(document);
  WorldState w = initial_state(*s, {});
  w = test::step_expected(*s, w, test::with(*s, {{"minsk", "evade"}}));
  const TermVector before_issue = w.actors[0].terms;
  w = test::step_expected(*s, w, test::with(*s, {{"brussels", "ultimatum"}}));
  CHECK(w.actors[0].reference == before_issue);
}
