#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <cmath>
#include <concepts>
#include <cstdint>
#include <functional>
#include <random>
#include <span>
#include <utility>
#include <vector>

#include "engine/rng/rng.hpp"

namespace leverage::rng {
namespace {

// Sample mean and (unbiased) variance, two-pass.
struct SampleMoments {
  double mean = 0.0;
  double variance = 0.0;
};

SampleMoments moments_of(const std::vector<double>& values) {
  double sum = 0.0;
  for (double value : values) sum += value;
  SampleMoments result;
  result.mean = sum / static_cast<double>(values.size());
  double squares = 0.0;
  for (double value : values) squares += (value - result.mean) * (value - result.mean);
  result.variance = squares / static_cast<double>(values.size() - 1);
  return result;
}

// Draws `count` values and checks mean and variance against the analytic ones, each within 5 standard
// errors. The standard error of the mean is sqrt(var / N); that of the sample variance is
// sqrt((mu4 - var^2) / N) = var sqrt((2 + excess_kurtosis) / N), with mu4 the fourth central moment.
void check_moments(const std::function<double()>& draw, double mean, double variance, double excess_kurtosis,
                   int count = 200000) {
  std::vector<double> values(static_cast<std::size_t>(count));
  for (double& value : values) value = draw();
  const SampleMoments sample = moments_of(values);
  const double mean_error = std::sqrt(variance / count);
  const double variance_error = variance * std::sqrt((2.0 + excess_kurtosis) / count);
  INFO("sample mean " << sample.mean << " vs " << mean << " (se " << mean_error << ")");
  INFO("sample variance " << sample.variance << " vs " << variance << " (se " << variance_error << ")");
  CHECK(std::abs(sample.mean - mean) < 5.0 * mean_error);
  CHECK(std::abs(sample.variance - variance) < 5.0 * variance_error);
}

// Pearson chi-square goodness of fit of `count` draws against the pmf `log_pmf` (computed independently of
// the sampler, with std::lgamma). Bins: every k whose expected count is at least 20, plus the two pooled
// tails. Passes when the statistic is below df + 6 sqrt(2 df), about 6 standard deviations of chi2(df)
// above its mean: a sampler with a wrong shape (a normal approximation, a wrong hat constant) fails by far
// more at these sample sizes, a correct one essentially never does.
void check_pmf(const std::function<std::uint32_t()>& draw, const std::function<double(int)>& log_pmf, int lo,
               int hi, int count = 400000) {
  // Narrow [lo, hi] to the bins with enough expected mass.
  while (count * std::exp(log_pmf(lo)) < 20.0) ++lo;
  while (count * std::exp(log_pmf(hi)) < 20.0) --hi;
  REQUIRE(lo < hi);
  std::vector<double> observed(static_cast<std::size_t>(hi - lo + 3), 0.0);  // [below lo, lo..hi, above hi]
  for (int i = 0; i < count; ++i) {
    const auto k = static_cast<std::int64_t>(draw());
    const std::size_t bin = k < lo ? 0 : k > hi ? observed.size() - 1 : static_cast<std::size_t>(k - lo + 1);
    observed[bin] += 1.0;
  }
  std::vector<double> expected(observed.size(), 0.0);
  double inside = 0.0;
  for (int k = lo; k <= hi; ++k) {
    expected[static_cast<std::size_t>(k - lo + 1)] = std::exp(log_pmf(k));
    inside += std::exp(log_pmf(k));
  }
  double below = 0.0;
  for (int k = 0; k < lo; ++k) below += std::exp(log_pmf(k));
  expected.front() = below;
  expected.back() = 1.0 - inside - below;
  double statistic = 0.0;
  int bins = 0;
  for (std::size_t i = 0; i < observed.size(); ++i) {
    const double expected_count = expected[i] * count;
    if (expected_count < 1e-9) {
      CHECK(observed[i] == 0.0);
      continue;
    }
    statistic += (observed[i] - expected_count) * (observed[i] - expected_count) / expected_count;
    ++bins;
  }
  const double df = bins - 1;
  INFO("chi-square " << statistic << " with " << df << " degrees of freedom");
  CHECK(statistic < df + 6.0 * std::sqrt(2.0 * df));
}

double poisson_log_pmf(double mean, int k) { return -mean + k * std::log(mean) - std::lgamma(k + 1.0); }

double binomial_log_pmf(int n, double p, int k) {
  if (k > n) return -1e300;
  return std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0) + k * std::log(p) +
         (n - k) * std::log1p(-p);
}

// For a transformed-rejection hat (see detail::TransformedRejectionHat) and the log of its target function,
// checks every bin k within `span` of `center`: the hat covers the target on the whole bin, and the quick
// acceptance is inside the acceptance region. On a bin the hat density 1 / (a/us^2 + b) is smallest at the
// bin end farther from U = 0, so the bin's largest ratio target(k) (a/us^2 + b) / hat_scale is at that end,
// and its smallest within us >= 0.07 at the point nearest U = 0. Bin ends are found by bisection on U.
void check_hat(const detail::TransformedRejectionHat& hat, const std::function<double(double)>& log_target,
               double center, double span, double k_max) {
  auto candidate = [&](double u) { return (2.0 * hat.a / (0.5 - std::abs(u)) + hat.b) * u + hat.shift; };
  auto u_at = [&](double x) {
    double lo = -0.5;
    double hi = 0.5;
    for (int i = 0; i < 100; ++i) {
      const double mid = 0.5 * (lo + hi);
      (candidate(mid) < x ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
  };
  double max_ratio = 0.0;
  double min_quick_margin = 1.0;
  double worst_k = -1.0;
  for (double k = std::max(0.0, std::floor(center - span)); k <= std::min(k_max, center + span); k += 1.0) {
    const double u_low = u_at(k);
    const double u_high = u_at(k + 1.0);
    const double target = std::exp(log_target(k));
    const double us_far = 0.5 - std::max(std::abs(u_low), std::abs(u_high));
    const double ratio = target * (hat.a / (us_far * us_far) + hat.b) / hat.hat_scale;
    if (ratio > max_ratio) {
      max_ratio = ratio;
      worst_k = k;
    }
    const double quick_low = std::max(u_low, -0.43);
    const double quick_high = std::min(u_high, 0.43);
    if (quick_low < quick_high) {
      REQUIRE(k >= 0.0);
      REQUIRE(k <= k_max);
      const double u_near =
          quick_low <= 0.0 && quick_high >= 0.0 ? 0.0 : std::min(std::abs(quick_low), std::abs(quick_high));
      const double us_near = 0.5 - u_near;
      const double quick_ratio = target * (hat.a / (us_near * us_near) + hat.b) / hat.hat_scale;
      min_quick_margin = std::min(min_quick_margin, quick_ratio - hat.quick_accept);
    }
  }
  INFO("largest target / hat " << max_ratio << " at k = " << worst_k << "; smallest quick-acceptance margin "
                               << min_quick_margin);
  CHECK(max_ratio <= 1.0);
  CHECK(min_quick_margin >= 0.0);
}

constexpr std::uint64_t kTestSeed = 20240611;

}  // namespace

TEST_CASE("splitmix64 matches the reference sequence from seed 0", "[rng]") {
  // Vigna's splitmix64.c from state 0; the published first outputs are 0xe220a8397b1dcdaf,
  // 0x6e789e6aa1b965f4, 0x06c45d188009454f. The first, step by step from the definition (64-bit wrapping
  // arithmetic, intermediates computed with Python integers masked to 64 bits):
  //   state = 0 + 0x9e3779b97f4a7c15                        = 0x9e3779b97f4a7c15
  //   z ^= z >> 30   (0x9e3779b97f4a7c15 >> 30 = 0x278dde6e5) = 0x9e3779bb07979af0
  //   z *= 0xbf58476d1ce4e5b9                              = 0x6f68261b57e7a770
  //   z ^= z >> 27                                         = 0x6f682616bae3641a
  //   z *= 0x94d049bb133111eb                              = 0xe220a838bf5c9dde
  //   z ^= z >> 31                                         = 0xe220a8397b1dcdaf
  std::uint64_t state = 0;
  CHECK(splitmix64(state) == 0xe220a8397b1dcdafULL);
  CHECK(state == 0x9e3779b97f4a7c15ULL);
  CHECK(splitmix64(state) == 0x6e789e6aa1b965f4ULL);
  CHECK(splitmix64(state) == 0x06c45d188009454fULL);
  CHECK(state == 3 * 0x9e3779b97f4a7c15ULL);
  // Usable at compile time.
  static_assert([] {
    std::uint64_t s = 0;
    return splitmix64(s);
  }() == 0xe220a8397b1dcdafULL);
}

TEST_CASE("hash_combine follows its documented formula and is order-sensitive", "[rng]") {
  // hash_combine(0, 0) = mix64(mix64(0 + gamma) ^ 0) = mix64(0xe220a8397b1dcdaf) (the first SplitMix64
  // output from 0, above), mixed once more: 0x48218226ff3cd4bf (evaluated from the formula in Python).
  CHECK(hash_combine(0, 0) == 0x48218226ff3cd4bfULL);
  CHECK(mix64(0xe220a8397b1dcdafULL) == 0x48218226ff3cd4bfULL);
  // Order matters (both values from the formula in Python): (1, 2) -> 0x081a5c1377856b73,
  // (2, 1) -> 0xf2826f98653e9e57.
  CHECK(hash_combine(1, 2) == 0x081a5c1377856b73ULL);
  CHECK(hash_combine(2, 1) == 0xf2826f98653e9e57ULL);
  // mix64 is a bijection; in particular 0 is a fixed point (every step maps 0 to 0).
  CHECK(mix64(0) == 0);
}

TEST_CASE("Rng seeds its state from four splitmix64 outputs", "[rng]") {
  // The first three are the published SplitMix64 values above; the fourth is the next output from the same
  // definition (Python): 0xf88bb8a8724c81ec.
  const Rng rng(0);
  CHECK(rng.state[0] == 0xe220a8397b1dcdafULL);
  CHECK(rng.state[1] == 0x6e789e6aa1b965f4ULL);
  CHECK(rng.state[2] == 0x06c45d188009454fULL);
  CHECK(rng.state[3] == 0xf88bb8a8724c81ecULL);
  STATIC_REQUIRE(std::uniform_random_bit_generator<Rng>);
  STATIC_REQUIRE(Rng::min() == 0);
  STATIC_REQUIRE(Rng::max() == 0xffffffffffffffffULL);
  STATIC_REQUIRE(sizeof(Rng) == 32);
}

TEST_CASE("xoshiro256** matches outputs derived by hand from state {1, 2, 3, 4}", "[rng]") {
  // Output = rotl(s1 * 5, 7) * 9, then the state update t = s1 << 17; s2 ^= s0; s3 ^= s1; s1 ^= s2;
  // s0 ^= s3; s2 ^= t; s3 = rotl(s3, 45).
  // 1: s = {1, 2, 3, 4}: rotl(10, 7) * 9 = 1280 * 9 = 11520.
  //    Update: t = 2^18; s2 = 3^1 = 2; s3 = 4^2 = 6; s1 = 2^2 = 0; s0 = 1^6 = 7; s2 = 2 ^ 2^18 = 262146;
  //    s3 = rotl(6, 45) = 6 * 2^45.  -> s = {7, 0, 262146, 6 * 2^45}
  // 2: rotl(0, 7) * 9 = 0.
  //    Update: t = 0; s2 = 262146 ^ 7 = 262149; s3 = 6 * 2^45 ^ 0; s1 = 0 ^ 262149 = 262149;
  //    s0 = 7 ^ 6 * 2^45; s3 = rotl(6 * 2^45, 45) = 6 * 2^26 (bits 46, 47 rotate to 91 - 64 = 27, 28).
  //    -> s = {7 + 6 * 2^45, 262149, 262149, 6 * 2^26}
  // 3: rotl(262149 * 5, 7) * 9 = 1310745 * 128 * 9 = 1509978240.
  //    Update: s2 = 262149 ^ (7 + 6 * 2^45) = 262146 + 6 * 2^45; s1 = 262149 ^ s2 = 7 + 6 * 2^45.
  // 4: s1 * 5 = 35 + 30 * 2^45; rotl by 7 (no bit wraps: 30 * 2^52 < 2^57) = 4480 + 30 * 2^52; times 9 =
  //    40320 + 270 * 2^52 (< 2^61, no wrap) = 40320 + 1215971899390033920 = 1215971899390074240.
  // These agree with the reference implementation's published outputs for this state.
  Rng rng(0);
  rng.state = {1, 2, 3, 4};
  CHECK(rng() == 11520u);
  CHECK(rng() == 0u);
  CHECK(rng() == 1509978240u);
  CHECK(rng() == 1215971899390074240u);
}

TEST_CASE("Rng copies continue the same sequence independently", "[rng]") {
  Rng original(kTestSeed);
  original();
  Rng copy = original;
  CHECK(copy == original);
  const std::uint64_t from_original = original();
  CHECK(copy != original);
  CHECK(copy() == from_original);
  CHECK(copy == original);
}

TEST_CASE("make_stream is a pure function of its key", "[rng]") {
  const StreamKey key{.master_seed = 7, .point = 3, .replicate = 11, .purpose = 0xabcdef, .sub = 5};
  Rng first = make_stream(key);
  Rng second = make_stream(key);
  for (int i = 0; i < 100; ++i) CHECK(first() == second());

  // The documented fold order.
  const std::uint64_t seed = hash_combine(hash_combine(hash_combine(hash_combine(7, 3), 11), 0xabcdef), 5);
  CHECK(make_stream(key) == Rng(seed));

  // sub defaults to 0.
  CHECK(make_stream({7, 3, 11, 0xabcdef}) == make_stream({7, 3, 11, 0xabcdef, 0}));

  // Golden values, from the documented definitions evaluated in Python: key {42, 0, 0, 0, 0} starts
  // 0xbe4f755b3ed3cc65, 0xa70239a2fa9db777, 0x8ff43b219492874c. A change here breaks every stored replay.
  Rng golden = make_stream({42, 0, 0, 0, 0});
  CHECK(golden() == 0xbe4f755b3ed3cc65ULL);
  CHECK(golden() == 0xa70239a2fa9db777ULL);
  CHECK(golden() == 0x8ff43b219492874cULL);
}

TEST_CASE("changing any one field of a stream key changes the stream", "[rng]") {
  const StreamKey base{.master_seed = 7, .point = 3, .replicate = 11, .purpose = 0xabcdef, .sub = 5};
  auto first_outputs = [](StreamKey key) {
    Rng rng = make_stream(key);
    std::array<std::uint64_t, 4> outputs{};
    for (std::uint64_t& output : outputs) output = rng();
    return outputs;
  };
  const auto base_outputs = first_outputs(base);
  std::vector<StreamKey> variants;
  for (std::uint64_t delta : {1ULL, 2ULL, 1ULL << 63}) {
    StreamKey key = base;
    key.master_seed ^= delta;
    variants.push_back(key);
    key = base;
    key.point ^= delta;
    variants.push_back(key);
    key = base;
    key.replicate ^= delta;
    variants.push_back(key);
    key = base;
    key.purpose ^= delta;
    variants.push_back(key);
    key = base;
    key.sub ^= delta;
    variants.push_back(key);
  }
  // Fields are positional: swapping point and replicate is a different stream.
  variants.push_back({.master_seed = 7, .point = 11, .replicate = 3, .purpose = 0xabcdef, .sub = 5});
  for (const StreamKey& key : variants) {
    const auto outputs = first_outputs(key);
    for (std::size_t i = 0; i < outputs.size(); ++i) CHECK(outputs[i] != base_outputs[i]);
  }
  // Consecutive weeks give distinct streams.
  std::vector<std::uint64_t> week_starts;
  for (std::uint64_t week = 0; week < 1000; ++week) {
    Rng rng = make_stream({1, 0, 0, 99, week});
    week_starts.push_back(rng());
  }
  std::sort(week_starts.begin(), week_starts.end());
  CHECK(std::adjacent_find(week_starts.begin(), week_starts.end()) == week_starts.end());
}

TEST_CASE("samplers consume a documented number of draws", "[rng]") {
  auto after_raw_draws = [](int draws) {
    Rng rng(kTestSeed);
    for (int i = 0; i < draws; ++i) rng();
    return rng;
  };
  Rng rng(kTestSeed);
  uniform01(rng);
  CHECK(rng == after_raw_draws(1));
  uniform(rng, -3.0, 8.0);
  CHECK(rng == after_raw_draws(2));
  bernoulli(rng, 0.0);
  bernoulli(rng, 1.0);
  bernoulli(rng, 0.4);
  CHECK(rng == after_raw_draws(5));
  normal(rng, 1.0, 2.0);
  CHECK(rng == after_raw_draws(7));
  poisson(rng, 4.5);  // inversion: 1
  CHECK(rng == after_raw_draws(8));
  binomial(rng, 40, 0.2);  // inversion: 1
  CHECK(rng == after_raw_draws(9));
  const double weights[] = {0.0, 0.0};
  categorical(rng, weights, 2);  // 1 even when all weights are zero
  CHECK(rng == after_raw_draws(10));
  // Degenerate parameters draw nothing.
  poisson(rng, 0.0);
  binomial(rng, 0, 0.5);
  binomial(rng, 10, 0.0);
  binomial(rng, 10, 1.0);
  gamma(rng, 0.0, 1.0);
  beta(rng, -1.0, 1.0);
  CHECK(rng == after_raw_draws(10));
}

TEST_CASE("sampler golden values", "[rng]") {
  // From the documented definitions evaluated in Python on the stream {42, 0, 0, 0, 0} (whose raw outputs
  // are the golden values above). uniform01 is exact arithmetic; normal calls log, cos and sqrt, so it is
  // compared within 1e-14 to allow for a different libm.
  Rng rng = make_stream({42, 0, 0, 0, 0});
  CHECK(uniform01(rng) == 0.7433999393241059);
  CHECK(uniform01(rng) == 0.6523777029893754);
  CHECK(uniform01(rng) == 0.5623204190238287);

  rng = make_stream({42, 0, 0, 0, 0});
  // z = sqrt(-2 ln(1 - 0.7433999393241059)) cos(2 pi 0.6523777029893754), etc.
  CHECK(normal(rng, 0.0, 1.0) == Approx(-0.9494420919343478).epsilon(1e-14));
  CHECK(normal(rng, 0.0, 1.0) == Approx(-0.9390682819142881).epsilon(1e-14));
  CHECK(normal(rng, 0.0, 1.0) == Approx(-0.6175941697996365).epsilon(1e-14));

  rng = make_stream({42, 0, 0, 0, 0});
  // Inversion for mean 4.5: the first u = 0.7434 lies between F(5) = 0.7029 and F(6) = 0.8311, so 6.
  const std::array<std::uint32_t, 12> expected = {6, 5, 5, 5, 5, 3, 7, 8, 2, 7, 3, 4};
  for (std::uint32_t value : expected) CHECK(poisson(rng, 4.5) == value);
}

TEST_CASE("uniform, bernoulli and normal moments", "[rng]") {
  Rng rng = make_stream({kTestSeed, 0, 0, 1});
  // Uniform[0, 1): mean 1/2, variance 1/12, excess kurtosis -6/5.
  check_moments([&] { return uniform01(rng); }, 0.5, 1.0 / 12.0, -1.2);
  // Uniform[-2, 6): mean 2, variance 8^2 / 12.
  check_moments([&] { return uniform(rng, -2.0, 6.0); }, 2.0, 64.0 / 12.0, -1.2);
  // Bernoulli(0.3): mean p, variance p q = 0.21, excess kurtosis (1 - 6pq) / (pq).
  check_moments([&] { return bernoulli(rng, 0.3) ? 1.0 : 0.0; }, 0.3, 0.21, (1.0 - 6.0 * 0.21) / 0.21);
  // Normal(3, 2): mean 3, variance 4, excess kurtosis 0.
  check_moments([&] { return normal(rng, 3.0, 2.0); }, 3.0, 4.0, 0.0);

  for (int i = 0; i < 100000; ++i) {
    const double u = uniform01(rng);
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
  }
  CHECK_FALSE(bernoulli(rng, -0.5));
  CHECK(bernoulli(rng, 1.5));
}

TEST_CASE("gamma and beta moments", "[rng]") {
  Rng rng = make_stream({kTestSeed, 0, 0, 2});
  // Gamma(shape k, scale theta): mean k theta, variance k theta^2, excess kurtosis 6 / k.
  for (const std::pair<double, double>& parameters :
       {std::pair{2.5, 3.0}, std::pair{1.0, 1.0}, std::pair{0.3, 2.0}, std::pair{40.0, 0.5}}) {
    const double shape = parameters.first;
    const double scale = parameters.second;
    INFO("gamma shape " << shape << " scale " << scale);
    check_moments([&] { return gamma(rng, shape, scale); }, shape * scale, shape * scale * scale,
                  6.0 / shape);
  }
  // Beta(a, b): mean a / (a + b), variance ab / ((a + b)^2 (a + b + 1)), excess kurtosis
  // 6 [(a - b)^2 (a + b + 1) - ab (a + b + 2)] / [ab (a + b + 2)(a + b + 3)]. E.g. Beta(2, 5): mean 2/7,
  // variance 10 / (49 * 8); Beta(1/2, 1/2): mean 1/2, variance 1/8, excess kurtosis -3/2.
  for (const std::pair<double, double>& parameters :
       {std::pair{2.0, 5.0}, std::pair{0.5, 0.5}, std::pair{0.3, 2.0}, std::pair{4.0, 0.7}}) {
    const double a = parameters.first;
    const double b = parameters.second;
    INFO("beta a " << a << " b " << b);
    const double s = a + b;
    const double variance = a * b / (s * s * (s + 1.0));
    const double excess =
        6.0 * ((a - b) * (a - b) * (s + 1.0) - a * b * (s + 2.0)) / (a * b * (s + 2.0) * (s + 3.0));
    check_moments([&] { return beta(rng, a, b); }, a / s, variance, excess);
  }
  // Tiny shapes: gammas underflow, beta still lands in [0, 1] (never 0/0).
  for (int i = 0; i < 10000; ++i) {
    const double x = beta(rng, 0.01, 0.02);
    REQUIRE(x >= 0.0);
    REQUIRE(x <= 1.0);
    REQUIRE(gamma(rng, 0.01, 1.0) >= 0.0);
  }
  CHECK(std::isnan(gamma(rng, 0.0, 1.0)));
  CHECK(std::isnan(gamma(rng, -1.0, 1.0)));
  CHECK(std::isnan(beta(rng, 1.0, 0.0)));
}

TEST_CASE("poisson moments and edge cases", "[rng]") {
  Rng rng = make_stream({kTestSeed, 0, 0, 3});
  // Poisson(mean): mean = variance = mean, excess kurtosis 1 / mean. 29.99 and 30 straddle the switch from
  // inversion to PTRS; 1e6 is far into PTRS.
  for (double mean : {0.5, 12.0, 29.99, 30.0, 80.0, 1e6}) {
    INFO("poisson mean " << mean);
    check_moments([&] { return static_cast<double>(poisson(rng, mean)); }, mean, mean, 1.0 / mean);
  }
  CHECK(poisson(rng, 0.0) == 0u);
  CHECK(poisson(rng, -3.0) == 0u);
  CHECK(poisson(rng, std::nan("")) == 0u);
  // The largest u, 1 - 2^-53, must not make the inversion loop run on once the cumulative sum stops
  // growing. A state whose next output is all ones: rotl(s1 * 5, 7) * 9 = 2^64 - 1 needs
  // s1 = rotr((2^64 - 1) * 9^-1, 7) * 5^-1 (mod 2^64) = 0x4fc71c71c71c71c7 (inverses mod 2^64, in Python).
  Rng top(0);
  top.state = {0, 0x4fc71c71c71c71c7ULL, 0, 0};
  const Rng top_start = top;
  REQUIRE(top() == 0xffffffffffffffffULL);
  for (double mean : {0.01, 0.5, 12.0, 29.99}) {
    top = top_start;
    const std::uint32_t k = poisson(top, mean);
    INFO("mean " << mean << " gave " << k);
    CHECK(k > mean);
    CHECK(k < 10 * mean + 60);
  }
  top = top_start;
  CHECK(binomial(top, 60, 0.4) <= 60u);
}

TEST_CASE("poisson matches the exact pmf", "[rng]") {
  Rng rng = make_stream({kTestSeed, 0, 0, 4});
  for (double mean : {12.0, 30.0, 80.0, 1000.0}) {
    INFO("poisson mean " << mean);
    check_pmf([&] { return poisson(rng, mean); }, [&](int k) { return poisson_log_pmf(mean, k); }, 0,
              static_cast<int>(mean * 3 + 50));
  }
}

TEST_CASE("log_factorial agrees with lgamma", "[rng]") {
  // ln(k!) = lgamma(k + 1); exact factorials below 10, Stirling's series (error < 4e-13) above.
  for (int k = 0; k <= 2000; ++k) {
    INFO("k = " << k);
    CHECK(detail::log_factorial(k) == Approx(std::lgamma(k + 1.0)).epsilon(1e-14).margin(1e-12));
  }
  for (double k : {1e5, 123456789.0, 4e9, 1e15}) {
    CHECK(detail::log_factorial(k) == Approx(std::lgamma(k + 1.0)).epsilon(1e-14));
  }
  CHECK(detail::log_factorial(0) == 0.0);
  CHECK(detail::log_factorial(1) == 0.0);
}

TEST_CASE("transformed-rejection hats cover the pmf", "[rng]") {
  // Exactness of PTRS and BTRS rests on the hat covering the pmf (moments and chi-square tests cannot see a
  // bias of 1e-6); see detail::poisson_ptrs_hat. Means near 30.18 and 30.85 are where the published PTRS
  // constants fall short; each bin within 12 standard deviations is checked (beyond, the pmf is < e^-70).
  for (double mean : {30.0, 30.18, 30.85, 31.7, 45.0, 80.0, 1000.0, 1e5}) {
    INFO("poisson mean " << mean);
    check_hat(
        detail::poisson_ptrs_hat(mean),
        [&](double k) { return -mean + k * std::log(mean) - std::lgamma(k + 1.0); }, mean,
        12.0 * std::sqrt(mean) + 20.0, 1e300);
  }
  struct Case {
    double n;
    double p;
  };
  for (const Case& c : {Case{60, 0.5}, Case{100, 0.3}, Case{3000, 0.01}, Case{1000, 0.3}, Case{1e6, 0.4},
                        Case{4e9, 0.25}, Case{3e9, 1e-8}}) {
    INFO("binomial n " << c.n << " p " << c.p);
    const double mode = std::floor((c.n + 1.0) * c.p);
    auto log_pmf = [&](double k) {
      return -std::lgamma(k + 1.0) - std::lgamma(c.n - k + 1.0) + k * std::log(c.p) +
             (c.n - k) * std::log1p(-c.p);
    };
    const double log_pmf_mode = log_pmf(mode);
    check_hat(
        detail::binomial_btrs_hat(c.n, c.p), [&](double k) { return log_pmf(k) - log_pmf_mode; }, c.n * c.p,
        12.0 * std::sqrt(c.n * c.p * (1.0 - c.p)) + 20.0, c.n);
  }
}

TEST_CASE("binomial moments and edge cases", "[rng]") {
  Rng rng = make_stream({kTestSeed, 0, 0, 5});
  // Binomial(n, p): mean np, variance np(1-p), excess kurtosis (1 - 6pq) / (npq). Cases: inversion
  // (n p < 30), the p > 1/2 reflection on both paths, BTRS, and a huge n with tiny p (inversion).
  struct Case {
    std::uint32_t n;
    double p;
  };
  for (const Case& c : {Case{20, 0.3}, Case{50, 0.9}, Case{1000, 0.3}, Case{1000, 0.8}, Case{60, 0.5},
                        Case{1000000000, 1e-8}, Case{4000000000u, 0.25}}) {
    INFO("binomial n " << c.n << " p " << c.p);
    const double npq = c.n * c.p * (1.0 - c.p);
    check_moments([&] { return static_cast<double>(binomial(rng, c.n, c.p)); }, c.n * c.p, npq,
                  (1.0 - 6.0 * c.p * (1.0 - c.p)) / npq);
  }
  CHECK(binomial(rng, 0, 0.5) == 0u);
  CHECK(binomial(rng, 17, 0.0) == 0u);
  CHECK(binomial(rng, 17, -1.0) == 0u);
  CHECK(binomial(rng, 17, 1.0) == 17u);
  CHECK(binomial(rng, 17, 2.0) == 17u);
  for (int i = 0; i < 100000; ++i) REQUIRE(binomial(rng, 5, 0.999) <= 5u);
}

TEST_CASE("binomial matches the exact pmf", "[rng]") {
  Rng rng = make_stream({kTestSeed, 0, 0, 6});
  struct Case {
    int n;
    double p;
  };
  for (const Case& c : {Case{40, 0.4}, Case{1000, 0.3}, Case{200, 0.75}, Case{100, 0.5}}) {
    INFO("binomial n " << c.n << " p " << c.p);
    check_pmf([&] { return binomial(rng, static_cast<std::uint32_t>(c.n), c.p); },
              [&](int k) { return binomial_log_pmf(c.n, c.p, k); }, 0, c.n);
  }
}

TEST_CASE("categorical frequencies follow the weights", "[rng]") {
  Rng rng = make_stream({kTestSeed, 0, 0, 7});
  // Weights {1, 0, 3, 6} (sum 10): probabilities 0.1, 0, 0.3, 0.6. Each frequency is within 5 standard
  // errors sqrt(p (1 - p) / N) of p, and the zero-weight index never appears.
  const std::array<double, 4> weights = {1.0, 0.0, 3.0, 6.0};
  const std::array<double, 4> probabilities = {0.1, 0.0, 0.3, 0.6};
  constexpr int kDraws = 200000;
  std::array<int, 4> counts{};
  for (int i = 0; i < kDraws; ++i) ++counts[categorical(rng, weights.data(), weights.size())];
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const double p = probabilities[i];
    const double frequency = static_cast<double>(counts[i]) / kDraws;
    INFO("index " << i << " frequency " << frequency << " vs " << p);
    CHECK(std::abs(frequency - p) <= 5.0 * std::sqrt(p * (1.0 - p) / kDraws));
  }
  CHECK(counts[1] == 0);

  // The span overload agrees with the pointer one on the same stream position.
  Rng a(3);
  Rng b(3);
  for (int i = 0; i < 1000; ++i) {
    CHECK(categorical(a, std::span<const double>(weights)) == categorical(b, weights.data(), weights.size()));
  }

  // All weights zero: the last index; a single positive weight: always that index.
  const std::array<double, 3> zeros = {0.0, 0.0, 0.0};
  CHECK(categorical(rng, zeros.data(), zeros.size()) == 2u);
  const std::array<double, 4> only_first = {2.5, 0.0, 0.0, 0.0};
  for (int i = 0; i < 1000; ++i) REQUIRE(categorical(rng, only_first.data(), only_first.size()) == 0u);
  CHECK(categorical(rng, nullptr, 0) == 0u);
}

}  // namespace leverage::rng
