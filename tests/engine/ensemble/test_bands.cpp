// Bands: the quantile sketch's rank error stays within its guarantee, checked against exact
// quantiles on 10,000 values and on a 10,000-replicate ensemble.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <sstream>

#include "engine/ensemble/ensemble.hpp"
#include "engine/ensemble/quantile_sketch.hpp"
#include "engine/rng/rng.hpp"
#include "tests/support/lab.hpp"

using namespace leverage;

namespace {

// True when `answer` can be the p-quantile of `sorted` within `bound` ranks: some rank it holds
// (between the count of smaller values + 1 and the count of values <= it) lies within bound of p n.
bool within_rank_error(const std::vector<double>& sorted, double answer, double p, double bound) {
  const double below = static_cast<double>(std::lower_bound(sorted.begin(), sorted.end(), answer) - sorted.begin());
  const double through = static_cast<double>(std::upper_bound(sorted.begin(), sorted.end(), answer) - sorted.begin());
  const double target = p * static_cast<double>(sorted.size());
  return below + 1 <= target + bound + 1 && through >= target - bound - 1;
}

}  // namespace

TEST_CASE("the quantile sketch meets its rank-error guarantee on 10,000 values") {
  QuantileSketch sketch(256);
  std::vector<double> values;
  rng::Rng random(7);
  for (int k = 0; k < 10000; ++k) {
    // Normal values rounded to a grid, so there are many ties too.
    const double v = std::round(rng::normal(random, 100, 15) * 4) / 4;
    values.push_back(v);
    sketch.add(v);
  }
  std::sort(values.begin(), values.end());
  // 10,000 values fill floor(10000 / 256) = 39 buffers. Carrying 39 buffers up the ladder is a
  // binary counter: floor(39 / 2^(h+1)) compactions at level h: 19, 9, 4, 2, 1, each moving ranks by
  // at most 2^h: 19 + 18 + 16 + 16 + 16 = 85 items, 0.85% of the values.
  CHECK(sketch.rank_error_bound() == 85);
  CHECK(sketch.count() == 10000);
  for (double p : {0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99}) {
    INFO("p = " << p << ", sketch " << sketch.quantile(p));
    CHECK(within_rank_error(values, sketch.quantile(p), p, 85));
  }
  // Fewer values than one buffer: exact (type 1: the ceil(p n)-th smallest).
  QuantileSketch small(256);
  for (double v : {5.0, 1.0, 4.0, 2.0, 3.0}) small.add(v);
  CHECK(small.rank_error_bound() == 0);
  CHECK(small.quantile(0.5) == 3.0);   // ceil(2.5) = 3rd smallest
  CHECK(small.quantile(0.05) == 1.0);  // ceil(0.25) = 1st
  CHECK(small.quantile(0.95) == 5.0);  // ceil(4.75) = 5th
}

TEST_CASE("ensemble bands on 10,000 replicates are within the stated rank error of the exact quantiles") {
  auto document = test::lab_json();
  document["weeks"] = 6;
  const auto s = test::load(document);
  EnsembleOptions options;
  options.replicates = 10000;
  options.master_seed = 3;
  const EnsembleResult result = run_ensemble(*s, options);
  REQUIRE(result.bands);
  const double bound = result.bands->max_rank_error() * 10000;
  CHECK(bound <= 85);  // the same ladder as above, per (week, variable)
  // Exact per-week prisoner stocks of every replicate, from the same streams.
  std::vector<std::vector<double>> stock(7);
  for (std::uint64_t r = 0; r < 10000; ++r) {
    RunRecord record;
    run_replicate(*s, ReplicateKey{3, 0, r}, 6, &record);
    stock[0].push_back(record.initial.prisoners);
    for (int w = 1; w <= 6; ++w) stock[w].push_back(record.weeks[w - 1].prisoners);
  }
  const std::string csv = result.bands->csv();
  std::istringstream lines(csv);
  std::string line;
  std::getline(lines, line);  // header
  int checked = 0;
  while (std::getline(lines, line)) {
    std::istringstream fields(line);
    std::string week, variable, n, q;
    std::getline(fields, week, ',');
    std::getline(fields, variable, ',');
    std::getline(fields, n, ',');
    if (variable != "prisoners_persons") continue;
    auto& values = stock[std::stoi(week)];
    std::sort(values.begin(), values.end());
    for (double p : {0.05, 0.25, 0.5, 0.75, 0.95}) {
      std::getline(fields, q, ',');
      INFO("week " << week << ", p " << p << ": " << q);
      CHECK(within_rank_error(values, std::stod(q), p, bound));
      ++checked;
    }
  }
  CHECK(checked == 7 * 5);
}
