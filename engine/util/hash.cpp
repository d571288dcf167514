#include "engine/util/hash.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

namespace leverage {
namespace {

// FIPS 180-4 section 4.2.2: the first 32 bits of the fractional parts of the cube roots of the first 64
// primes.
constexpr std::array<std::uint32_t, 64> round_constants = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

// FIPS 180-4 section 5.3.3: the first 32 bits of the fractional parts of the square roots of the first 8
// primes.
constexpr std::array<std::uint32_t, 8> initial_hash_value = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

// The logical functions of FIPS 180-4 section 4.1.2, named as there.
constexpr std::uint32_t choose(std::uint32_t x, std::uint32_t y, std::uint32_t z) {
  return (x & y) ^ (~x & z);
}
constexpr std::uint32_t majority(std::uint32_t x, std::uint32_t y, std::uint32_t z) {
  return (x & y) ^ (x & z) ^ (y & z);
}
constexpr std::uint32_t big_sigma0(std::uint32_t x) {
  return std::rotr(x, 2) ^ std::rotr(x, 13) ^ std::rotr(x, 22);
}
constexpr std::uint32_t big_sigma1(std::uint32_t x) {
  return std::rotr(x, 6) ^ std::rotr(x, 11) ^ std::rotr(x, 25);
}
constexpr std::uint32_t small_sigma0(std::uint32_t x) {
  return std::rotr(x, 7) ^ std::rotr(x, 18) ^ (x >> 3);
}
constexpr std::uint32_t small_sigma1(std::uint32_t x) {
  return std::rotr(x, 17) ^ std::rotr(x, 19) ^ (x >> 10);
}

// SHA-256 reads its input as big-endian words regardless of the host's byte order.
std::uint32_t load_big_endian32(const std::uint8_t* bytes) {
  return (std::uint32_t{bytes[0]} << 24) | (std::uint32_t{bytes[1]} << 16) | (std::uint32_t{bytes[2]} << 8) |
         std::uint32_t{bytes[3]};
}

}  // namespace

Sha256::Sha256() : chaining_state_(initial_hash_value), partial_block_{} {}

void Sha256::compress_block(const std::uint8_t* block) {
  // Message schedule, FIPS 180-4 section 6.2.2 step 1.
  std::array<std::uint32_t, 64> schedule;
  for (std::size_t t = 0; t < 16; ++t) schedule[t] = load_big_endian32(block + 4 * t);
  for (std::size_t t = 16; t < 64; ++t) {
    schedule[t] =
        small_sigma1(schedule[t - 2]) + schedule[t - 7] + small_sigma0(schedule[t - 15]) + schedule[t - 16];
  }

  // Steps 2-4: 64 rounds over the working variables a..h, then add into the chaining state.
  std::uint32_t a = chaining_state_[0], b = chaining_state_[1], c = chaining_state_[2],
                d = chaining_state_[3];
  std::uint32_t e = chaining_state_[4], f = chaining_state_[5], g = chaining_state_[6],
                h = chaining_state_[7];
  for (std::size_t t = 0; t < 64; ++t) {
    const std::uint32_t temp1 = h + big_sigma1(e) + choose(e, f, g) + round_constants[t] + schedule[t];
    const std::uint32_t temp2 = big_sigma0(a) + majority(a, b, c);
    h = g;
    g = f;
    f = e;
    e = d + temp1;
    d = c;
    c = b;
    b = a;
    a = temp1 + temp2;
  }
  chaining_state_[0] += a;
  chaining_state_[1] += b;
  chaining_state_[2] += c;
  chaining_state_[3] += d;
  chaining_state_[4] += e;
  chaining_state_[5] += f;
  chaining_state_[6] += g;
  chaining_state_[7] += h;
}

void Sha256::update(std::string_view data) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(data.data());
  std::size_t remaining = data.size();
  message_size_bytes_ += remaining;

  if (partial_block_size_ > 0) {
    const std::size_t taken = std::min(remaining, block_size_bytes - partial_block_size_);
    std::memcpy(partial_block_.data() + partial_block_size_, bytes, taken);
    partial_block_size_ += taken;
    bytes += taken;
    remaining -= taken;
    if (partial_block_size_ < block_size_bytes) return;
    compress_block(partial_block_.data());
    partial_block_size_ = 0;
  }
  // Whole blocks are compressed straight from the caller's buffer, without a copy.
  for (; remaining >= block_size_bytes; bytes += block_size_bytes, remaining -= block_size_bytes) {
    compress_block(bytes);
  }
  std::memcpy(partial_block_.data(), bytes, remaining);
  partial_block_size_ = remaining;
}

Sha256::Digest Sha256::finish() {
  // Padding, FIPS 180-4 section 5.1.1: a single 1 bit, zeros up to 56 bytes mod 64, then the message length
  // in bits as a 64-bit big-endian integer.
  const std::uint64_t message_size_bits = message_size_bytes_ * 8;
  partial_block_[partial_block_size_++] = 0x80;
  if (partial_block_size_ > block_size_bytes - 8) {
    std::memset(partial_block_.data() + partial_block_size_, 0, block_size_bytes - partial_block_size_);
    compress_block(partial_block_.data());
    partial_block_size_ = 0;
  }
  std::memset(partial_block_.data() + partial_block_size_, 0, block_size_bytes - 8 - partial_block_size_);
  for (std::size_t i = 0; i < 8; ++i) {
    partial_block_[block_size_bytes - 1 - i] = static_cast<std::uint8_t>(message_size_bits >> (8 * i));
  }
  compress_block(partial_block_.data());

  Digest digest;
  for (std::size_t word = 0; word < 8; ++word) {
    for (std::size_t byte = 0; byte < 4; ++byte) {
      digest[4 * word + byte] = static_cast<std::uint8_t>(chaining_state_[word] >> (24 - 8 * byte));
    }
  }
  *this = Sha256();
  return digest;
}

std::string Sha256::finish_hex() {
  static constexpr char hex_digits[] = "0123456789abcdef";
  const Digest digest = finish();
  std::string hex;
  hex.reserve(2 * digest.size());
  for (const std::uint8_t byte : digest) {
    hex.push_back(hex_digits[byte >> 4]);
    hex.push_back(hex_digits[byte & 0x0f]);
  }
  return hex;
}

std::string sha256_hex(std::string_view data) {
  Sha256 hasher;
  hasher.update(data);
  return hasher.finish_hex();
}

std::uint64_t fnv1a64(std::string_view data) {
  constexpr std::uint64_t offset_basis = 14695981039346656037ULL;
  constexpr std::uint64_t prime = 1099511628211ULL;
  std::uint64_t hash = offset_basis;
  for (const char character : data) {
    hash ^= static_cast<std::uint8_t>(character);
    hash *= prime;
  }
  return hash;
}

}  // namespace leverage
