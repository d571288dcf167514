#pragma once

// Random numbers with no hidden state: every draw comes from an explicit `Rng&`, and every stream is a pure
// function of (master seed, sweep point, replicate, purpose, sub), so a result is reproducible from its key
// alone and changing how one purpose draws leaves every other stream's draws untouched (common random
// numbers; see STYLE.md, "Randomness and reproducibility").
//
//   Rng shocks = make_stream({.master_seed = seed, .point = point, .replicate = replicate,
//                             .purpose = leverage::fnv1a64("shocks"), .sub = week});
//   const double demand_shock = normal(shocks, 0.0, 0.1);
//
// The generator is xoshiro256** 1.0 (D. Blackman and S. Vigna, "Scrambled linear pseudorandom number
// generators", ACM TOMS 47(4), 2021; https://prng.di.unimi.it/): 32 bytes of state, copyable, fast to seed.
// Seeds and stream keys are mixed with SplitMix64 (G. Steele, D. Lea and C. Flood, "Fast splittable
// pseudorandom number generators", OOPSLA 2014; constants from Vigna's splitmix64.c).
//
// The samplers are our own, never std:: distributions (whose algorithms differ between standard libraries),
// so a seed gives the same integers on every platform. Samplers returning double also call std::log, exp,
// cos, sqrt or pow: sqrt is exactly rounded by IEEE 754, the others are not required to be, so two different
// libms may disagree in the last bit of a continuous draw (and, very rarely, a rejection step may then take
// another branch). Build with -ffp-contract=off so the compiler does not fuse multiply-adds differently on
// different targets. No sampler allocates; each documents how many raw 64-bit draws it consumes.

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>

namespace leverage::rng {

// ---------------------------------------------------------------------------------------------------------
// SplitMix64 and hashing.

// The SplitMix64 output function (Stafford's "Mix13" variant of the MurmurHash3 finalizer): a bijection on
// 64-bit words with full avalanche, so distinct inputs always give distinct outputs.
constexpr std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// SplitMix64's Weyl increment: 2^64 / golden ratio, rounded to odd.
inline constexpr std::uint64_t kSplitMixGamma = 0x9e3779b97f4a7c15ULL;

// One step of SplitMix64: advances `state` by the golden-ratio increment and returns mix64 of the new state.
// From state 0 the outputs are 0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4, 0x06c45d188009454f, ...
constexpr std::uint64_t splitmix64(std::uint64_t& state) {
  state += kSplitMixGamma;
  return mix64(state);
}

// Combines `value` into the running hash `seed`:
//
//   hash_combine(seed, value) = mix64(mix64(seed + 0x9e3779b97f4a7c15) ^ value)
//
// i.e. the first SplitMix64 output from state `seed`, XORed with `value`, mixed again. Because mix64 is a
// bijection, for a fixed `seed` distinct values give distinct results, and for a fixed `value` distinct seeds
// give distinct results: a chain of hash_combine calls maps two keys that differ in exactly one field to two
// different hashes, always (not just with high probability). The order matters: hash_combine(a, b) and
// hash_combine(b, a) differ in general. Not cryptographic.
constexpr std::uint64_t hash_combine(std::uint64_t seed, std::uint64_t value) {
  return mix64(mix64(seed + kSplitMixGamma) ^ value);
}

// ---------------------------------------------------------------------------------------------------------
// The generator.

// xoshiro256** 1.0. Meets std::uniform_random_bit_generator. Period 2^256 - 1; the all-zero state is the one
// state it must never hold (it would output zeros forever), and the seeding constructor cannot produce it.
class Rng {
 public:
  using result_type = std::uint64_t;

  // Fills the four state words with four consecutive SplitMix64 outputs from state `seed`, as the xoshiro
  // authors recommend. Never all zero: the four SplitMix64 states seed + k * gamma (k = 1..4) are distinct
  // because gamma is odd, mix64 is a bijection, so the four words are distinct and at most one is zero.
  constexpr explicit Rng(std::uint64_t seed) : state{} {
    std::uint64_t splitmix_state = seed;
    for (std::uint64_t& word : state) word = splitmix64(splitmix_state);
  }

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }

  constexpr result_type operator()() {
    const std::uint64_t result = rotl(state[1] * 5, 7) * 9;
    const std::uint64_t shifted = state[1] << 17;
    state[2] ^= state[0];
    state[3] ^= state[1];
    state[1] ^= state[2];
    state[0] ^= state[3];
    state[2] ^= shifted;
    state[3] = rotl(state[3], 45);
    return result;
  }

  friend constexpr bool operator==(const Rng&, const Rng&) = default;

  // Public so that a replay or a test can inspect (or set) the exact generator position. Setting it to all
  // zeros is a precondition violation.
  std::array<std::uint64_t, 4> state;

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
};

static_assert(sizeof(Rng) == 32, "an Rng is exactly its 256 bits of state");

// ---------------------------------------------------------------------------------------------------------
// Streams.

// The address of one stream. `purpose` names what the draws are for (the actors' types, the shocks, one
// actor's decision noise), typically a 64-bit hash of a name such as leverage::fnv1a64("shocks"); `sub`
// subdivides it (e.g. the week number, so week 7's draws do not depend on how many draws week 6 made).
struct StreamKey {
  std::uint64_t master_seed;
  std::uint64_t point;      // index of the sweep point
  std::uint64_t replicate;  // replicate index within the point
  std::uint64_t purpose;
  std::uint64_t sub = 0;
};

// The stream at `key`: a pure function of the key, nothing else. The fields are folded with hash_combine in
// the fixed order master_seed, point, replicate, purpose, sub, and the result seeds an Rng:
//
//   Rng(hash_combine(hash_combine(hash_combine(hash_combine(master_seed, point), replicate), purpose), sub))
//
// Two keys that differ in exactly one field always get different seeds (see hash_combine), hence different
// generator states. Cheap (5 + 4 mix64 calls), so making one stream per actor per week is fine.
constexpr Rng make_stream(const StreamKey& key) {
  std::uint64_t hash = key.master_seed;
  hash = hash_combine(hash, key.point);
  hash = hash_combine(hash, key.replicate);
  hash = hash_combine(hash, key.purpose);
  hash = hash_combine(hash, key.sub);
  return Rng(hash);
}

// ---------------------------------------------------------------------------------------------------------
// Continuous samplers.
//
// Note on evaluation order: C++ leaves the order of evaluating function arguments and the operands of most
// binary operators unspecified, so two draws are never written in one expression (f(draw(r), draw(r)) could
// draw in either order on different compilers). Every draw below is its own statement.

// Uniform on [0, 1): the top 53 bits of one draw, scaled by 2^-53, so every multiple of 2^-53 in [0, 1) is
// equally likely. 1 draw.
inline double uniform01(Rng& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

// Uniform on [lo, hi), computed as lo + (hi - lo) * uniform01 with no correction, so rounding can return hi
// itself: with probability of order 2^-53 for ordinary ranges, far more when hi - lo spans only a few units
// in the last place of lo (lo = 1, hi = 1 + 2^-52: every u >= 1/2 rounds to hi). 1 draw.
inline double uniform(Rng& rng, double lo, double hi) { return lo + (hi - lo) * uniform01(rng); }

// True with probability p; p <= 0 never, p >= 1 always. Always 1 draw, whatever p (also 0 or 1), so the draw
// count does not depend on the parameter.
inline bool bernoulli(Rng& rng, double p) { return uniform01(rng) < p; }

// Normal(mean, sd) by the Box-Muller transform (G. Box and M. Muller, Ann. Math. Stat. 29, 1958):
// z = sqrt(-2 ln u1) cos(2 pi u2). The second variate (the sine) is discarded rather than cached, so the
// generator is the whole state and every call is exactly 2 draws. u1 = 1 - uniform01 lies in (0, 1], so
// ln(u1) is finite (|z| <= sqrt(2 * 53 ln 2) = 8.57).
inline double normal(Rng& rng, double mean, double sd) {
  constexpr double kTwoPi = 6.283185307179586476925286766559;
  const double u1 = 1.0 - uniform01(rng);
  const double u2 = uniform01(rng);
  const double radius = std::sqrt(-2.0 * std::log(u1));
  return mean + sd * (radius * std::cos(kTwoPi * u2));
}

namespace detail {

// Gamma(shape, 1) for shape >= 1 by G. Marsaglia and W. Tsang, "A simple method for generating gamma
// variables", ACM TOMS 26(3), 2000: with d = shape - 1/3 and c = 1/sqrt(9d), propose d (1 + c x)^3 for a
// standard normal x and accept with the squeeze u < 1 - 0.0331 x^4 or the exact test
// ln u < x^2/2 + d (1 - v + ln v). Acceptance is above 95% for every shape >= 1. Each attempt: 3 draws
// (2 for the normal, 1 for u). The result is always > 0.
inline double marsaglia_tsang_gamma(Rng& rng, double shape) {
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    const double x = normal(rng, 0.0, 1.0);
    double v = 1.0 + c * x;
    if (v <= 0.0) continue;
    v = v * v * v;
    const double u = 1.0 - uniform01(rng);  // (0, 1], so ln u is finite
    const double x_squared = x * x;
    if (u < 1.0 - 0.0331 * x_squared * x_squared) return d * v;
    if (std::log(u) < 0.5 * x_squared + d * (1.0 - v + std::log(v))) return d * v;
  }
}

// ln of a Gamma(shape, 1) variate, shape > 0, for beta(): for shape < 1 the variate itself can underflow to
// 0 (Gamma(0.01) is below 1e-300 with probability ~0.001), its logarithm cannot. Same draws as gamma().
inline double log_standard_gamma(Rng& rng, double shape) {
  if (shape >= 1.0) return std::log(marsaglia_tsang_gamma(rng, shape));
  const double boosted = marsaglia_tsang_gamma(rng, shape + 1.0);
  const double u = 1.0 - uniform01(rng);
  return std::log(boosted) + std::log(u) / shape;
}

// ln(k!) for integral k >= 0 (given as a double so that a rejection sampler's far-off candidates need no
// integer conversion). Exact factorials below 10; above, Stirling's series for ln Gamma(x), x = k + 1,
//   (x - 1/2) ln x - x + ln(2 pi)/2 + 1/(12x) - 1/(360x^3) + 1/(1260x^5) - 1/(1680x^7),
// whose truncation error is below the next term, 1/(1188 x^9) < 4e-13 for x >= 11 (Abramowitz and Stegun
// 6.1.41). Our own instead of std::lgamma, which writes the global `signgam` in glibc (a data race between
// threads) and differs between libms.
inline double log_factorial(double k) {
  constexpr double kFactorials[10] = {1, 1, 2, 6, 24, 120, 720, 5040, 40320, 362880};
  if (k < 10.0) return std::log(kFactorials[static_cast<int>(k)]);
  constexpr double kHalfLogTwoPi = 0.91893853320467274178032973640562;
  const double x = k + 1.0;
  const double inverse = 1.0 / x;
  const double inverse_squared = inverse * inverse;
  const double series =
      inverse *
      (1.0 / 12.0 -
       inverse_squared * (1.0 / 360.0 - inverse_squared * (1.0 / 1260.0 - inverse_squared * (1.0 / 1680.0))));
  return (x - 0.5) * std::log(x) - x + kHalfLogTwoPi + series;
}

}  // namespace detail

// Gamma with the given shape k > 0 and scale theta (mean k theta, variance k theta^2). Marsaglia-Tsang for
// shape >= 1 (3 draws per attempt, > 95% acceptance); for shape < 1 their boost: Gamma(k) = Gamma(k + 1) *
// u^(1/k) (one more draw, u in (0, 1]), which can underflow to 0 for very small shapes. A shape that is not
// > 0 (or NaN) gives NaN and consumes no draws.
inline double gamma(Rng& rng, double shape, double scale) {
  if (!(shape > 0.0)) return std::numeric_limits<double>::quiet_NaN();
  if (shape >= 1.0) return scale * detail::marsaglia_tsang_gamma(rng, shape);
  const double boosted = detail::marsaglia_tsang_gamma(rng, shape + 1.0);
  const double u = 1.0 - uniform01(rng);
  return scale * (boosted * std::pow(u, 1.0 / shape));
}

// Beta(a, b), a, b > 0 (mean a / (a + b)), as X / (X + Y) for X ~ Gamma(a), Y ~ Gamma(b) drawn in that
// order. When a or b is below 1 the ratio is formed from the logarithms, 1 / (1 + exp(ln Y - ln X)), so
// gammas that underflow to 0 cannot give 0/0. Result in [0, 1]. A parameter that is not > 0 gives NaN and
// consumes no draws.
inline double beta(Rng& rng, double a, double b) {
  if (!(a > 0.0) || !(b > 0.0)) return std::numeric_limits<double>::quiet_NaN();
  if (a >= 1.0 && b >= 1.0) {
    const double x = detail::marsaglia_tsang_gamma(rng, a);
    const double y = detail::marsaglia_tsang_gamma(rng, b);
    return x / (x + y);
  }
  const double log_x = detail::log_standard_gamma(rng, a);
  const double log_y = detail::log_standard_gamma(rng, b);
  return 1.0 / (1.0 + std::exp(log_y - log_x));
}

// ---------------------------------------------------------------------------------------------------------
// Discrete samplers.

namespace detail {

// The hat of a transformed-rejection sampler (W. Hörmann 1993, both papers cited below). With U uniform on
// [-1/2, 1/2), us = 1/2 - |U| and V uniform on [0, 1), the candidate is k = floor(x) for
// x = (2a/us + b) U + shift, a strictly increasing map of U onto the real line whose density is
// 1 / (a/us^2 + b). The candidate is accepted iff V hat_scale / (a/us^2 + b) <= target(k), where target is
// the pmf up to a constant factor. The result is exact iff hat_scale / (a/us^2 + b) >= target(floor(x)) for
// every x (the hat covers the pmf), and the quick acceptance (us >= 0.07 and V <= quick_accept, skipping the
// logarithms) is exact iff target(k) (a/us^2 + b) / hat_scale >= quick_accept wherever us >= 0.07.
struct TransformedRejectionHat {
  double a;
  double b;
  double shift;
  double hat_scale;     // 1/alpha in PTRS, alpha in BTRS
  double quick_accept;  // v_r
};

// PTRS (W. Hörmann, "The transformed rejection method for generating Poisson random variables", Insurance:
// Mathematics and Economics 12, 1993) for mean >= 30, target(k) = exp(-mean) mean^k / k!. The paper's
// constants are b = 0.931 + 2.53 sqrt(mean), a = -0.059 + 0.02483 b, shift = mean + 0.43,
// 1/alpha = 1.1239 + 1.1328 / (b - 3.4), v_r = 0.9277 - 3.6224 / (b - 2). They are fitted, not bounds: an
// exhaustive check of every bin (mean from 30 to 2e6; 30 to 60 in steps of 0.0005) found the hat up to 0.44%
// below the pmf (mean 30.18, on a sliver of the bin near mean + 1.8 sqrt(mean)) and the quick acceptance up
// to 0.4% above the true acceptance ratio (mean 30.85): a bias of order 1e-6 in probability, invisible to any
// test but not exact. So 1/alpha is raised by 1% and v_r lowered by the factor 0.99/1.01; the same check then
// gives a hat at least 1/0.9945 times the pmf and a quick-acceptance margin of at least 0.0025 everywhere,
// for about 1% more rejections. The test "transformed-rejection hats cover the pmf" repeats it at selected
// means.
inline TransformedRejectionHat poisson_ptrs_hat(double mean) {
  const double b = 0.931 + 2.53 * std::sqrt(mean);
  return {.a = -0.059 + 0.02483 * b,
          .b = b,
          .shift = mean + 0.43,
          .hat_scale = 1.01 * (1.1239 + 1.1328 / (b - 3.4)),
          .quick_accept = (0.99 / 1.01) * (0.9277 - 3.6224 / (b - 2.0))};
}

// BTRS (W. Hörmann, "The generation of binomial random variables", J. Statist. Comput. Simul. 46, 1993) for
// p <= 1/2 and n p >= 30, target(k) = p(k) / p(m) with m = floor((n + 1) p) the mode. The paper's constants
// pass the same check unchanged (n p from 30 to 2e6, p from 1e-9 to 1/2, n < 2^32): the hat is at least
// 1/0.9952 times the pmf, the quick-acceptance margin at least 0.0047, and quick-accepted k stay at least 20
// away from 0 and n.
inline TransformedRejectionHat binomial_btrs_hat(double trials, double p) {
  const double sqrt_npq = std::sqrt(trials * p * (1.0 - p));
  const double b = 1.15 + 2.53 * sqrt_npq;
  return {.a = -0.0873 + 0.0248 * b + 0.01 * p,
          .b = b,
          .shift = trials * p + 0.5,
          .hat_scale = (2.83 + 5.1 / b) * sqrt_npq,
          .quick_accept = 0.92 - 4.2 / b};
}

}  // namespace detail

// Poisson(mean), exact in distribution (up to floating-point rounding of the probabilities).
//  - mean <= 0 (or NaN): 0, no draws.
//  - mean < 30: inversion by sequential search from 0 with the recurrence p(k) = p(k-1) mean / k; 1 draw,
//    about mean + 1 loop iterations.
//  - mean >= 30: PTRS transformed rejection (see detail::poisson_ptrs_hat), the acceptance test
//    ln(V hat_scale / (a/us^2 + b)) <= -mean + k ln(mean) - ln(k!) with detail::log_factorial. 2 draws per
//    attempt, about 1.1-1.2 attempts on average, O(1) time for any mean. (The paper's extra tail squeeze for
//    us < 0.013 is left out; it only saves a few logarithms in the far tails.)
// Results beyond 2^32 - 1 saturate, so means should stay well below 4e9.
inline std::uint32_t poisson(Rng& rng, double mean) {
  if (!(mean > 0.0)) return 0;
  if (mean < 30.0) {
    const double u = uniform01(rng);
    std::uint32_t k = 0;
    double probability = std::exp(-mean);  // >= e^-30 = 9.4e-14: no underflow
    double cumulative = probability;
    while (u >= cumulative) {
      ++k;
      probability *= mean / k;
      const double next = cumulative + probability;
      // The tail beyond here is below the rounding of the cumulative sum (u fell into the ~1e-16 of mass the
      // rounded sum lost); stopping avoids looping until the probability underflows.
      if (next == cumulative) break;
      cumulative = next;
    }
    return k;
  }
  const detail::TransformedRejectionHat hat = detail::poisson_ptrs_hat(mean);
  const double log_mean = std::log(mean);
  for (;;) {
    const double u = uniform01(rng) - 0.5;
    const double v = uniform01(rng);
    const double us = 0.5 - std::abs(u);
    // Kept as a double: for u = -1/2 this is -infinity, and far candidates may not fit any integer type.
    const double k = std::floor((2.0 * hat.a / us + hat.b) * u + hat.shift);
    if (us >= 0.07 && v <= hat.quick_accept) return static_cast<std::uint32_t>(std::fmin(k, 4294967295.0));
    if (k < 0.0) continue;
    const double log_hat = std::log(v * hat.hat_scale / (hat.a / (us * us) + hat.b));
    if (log_hat <= -mean + k * log_mean - detail::log_factorial(k)) {
      return static_cast<std::uint32_t>(std::fmin(k, 4294967295.0));
    }
  }
}

// Binomial(n, p), exact in distribution (up to floating-point rounding of the probabilities).
//  - n == 0 or p <= 0 (or NaN): 0; p >= 1: n; no draws.
//  - Otherwise p > 1/2 is reduced to n - Binomial(n, 1 - p), then with p <= 1/2:
//  - n p < 30: inversion by sequential search from 0 with p(k+1) = p(k) (n - k) / (k + 1) * p / (1 - p);
//    1 draw, about n p + 1 loop iterations.
//  - n p >= 30: BTRS transformed rejection (see detail::binomial_btrs_hat), the acceptance test
//    ln(V hat_scale / (a/us^2 + b)) <= ln(p(k) / p(m)) with detail::log_factorial. 2 draws per attempt,
//    about 1.15 attempts on average, O(1) time for any n.
inline std::uint32_t binomial(Rng& rng, std::uint32_t n, double p) {
  if (n == 0 || !(p > 0.0)) return 0;
  if (p >= 1.0) return n;
  if (p > 0.5) return n - binomial(rng, n, 1.0 - p);
  const double trials = static_cast<double>(n);
  const double q = 1.0 - p;
  const double odds = p / q;
  if (trials * p < 30.0) {
    const double u = uniform01(rng);
    std::uint32_t k = 0;
    // q^n >= e^-42 for n p < 30, p <= 1/2 (-ln(1 - p) <= 2 ln 2 p there): no underflow.
    double probability = std::exp(trials * std::log1p(-p));
    double cumulative = probability;
    while (u >= cumulative && k < n) {
      probability *= odds * static_cast<double>(n - k) / static_cast<double>(k + 1);
      ++k;
      const double next = cumulative + probability;
      if (next == cumulative) break;  // remaining tail below rounding; see poisson()
      cumulative = next;
    }
    return k;
  }
  const detail::TransformedRejectionHat hat = detail::binomial_btrs_hat(trials, p);
  const double mode = std::floor((trials + 1.0) * p);
  const double log_mode_terms = detail::log_factorial(mode) + detail::log_factorial(trials - mode);
  const double log_odds = std::log(odds);
  for (;;) {
    const double u = uniform01(rng) - 0.5;
    const double v = uniform01(rng);
    const double us = 0.5 - std::abs(u);
    const double k = std::floor((2.0 * hat.a / us + hat.b) * u + hat.shift);
    if (us >= 0.07 && v <= hat.quick_accept) return static_cast<std::uint32_t>(k);
    if (k < 0.0 || k > trials) continue;
    const double log_hat = std::log(v * hat.hat_scale / (hat.a / (us * us) + hat.b));
    const double log_ratio =
        log_mode_terms - detail::log_factorial(k) - detail::log_factorial(trials - k) + (k - mode) * log_odds;
    if (log_hat <= log_ratio) return static_cast<std::uint32_t>(k);
  }
}

// Index i in [0, n) with probability weights[i] / sum(weights); weights must be non-negative (not
// necessarily normalized), and a zero-weight index is never returned. If every weight is zero (or n == 0)
// the result is n - 1 (0 for n == 0). Always exactly 1 draw, so the draw count never depends on the
// weights. Two passes over the weights (sum, then search): O(n).
inline std::size_t categorical(Rng& rng, const double* weights, std::size_t n) {
  const double u = uniform01(rng);
  double total = 0.0;
  for (std::size_t i = 0; i < n; ++i) total += weights[i];
  if (n == 0) return 0;
  if (!(total > 0.0)) return n - 1;
  const double target = u * total;
  double cumulative = 0.0;
  std::size_t last_positive = n - 1;
  for (std::size_t i = 0; i < n; ++i) {
    if (!(weights[i] > 0.0)) continue;
    cumulative += weights[i];
    if (target < cumulative) return i;
    last_positive = i;
  }
  // u * total rounded up to total itself: the answer is the last category with positive weight.
  return last_positive;
}

inline std::size_t categorical(Rng& rng, std::span<const double> weights) {
  return categorical(rng, weights.data(), weights.size());
}

}  // namespace leverage::rng
