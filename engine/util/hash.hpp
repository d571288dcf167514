#pragma once

// Content hashes for provenance: SHA-256 names the exact bytes of a scenario, plan or output file in a run
// manifest (so a result can be traced to its inputs); FNV-1a is a fast, stable, non-cryptographic hash for
// keys and seeds derived from names. Both are pure functions of the bytes, identical on every platform.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace leverage {

// SHA-256 (FIPS 180-4) of `data`, as 64 lowercase hexadecimal digits.
std::string sha256_hex(std::string_view data);

// 64-bit FNV-1a (offset basis 14695981039346656037, prime 1099511628211), as specified by Fowler, Noll and
// Vo (IETF draft-eastlake-fnv). Not collision resistant: never use it where an adversary picks the input.
std::uint64_t fnv1a64(std::string_view data);

// Incremental SHA-256, for data that arrives in pieces (a streamed output file) and should not be held in
// memory whole. Feeding the same bytes in any split gives the same digest as sha256_hex.
class Sha256 {
 public:
  static constexpr std::size_t digest_size_bytes = 32;
  using Digest = std::array<std::uint8_t, digest_size_bytes>;

  Sha256();

  void update(std::string_view data);

  // Pads, finishes and returns the digest. The object is reset afterwards, ready to hash a new message.
  Digest finish();
  std::string finish_hex();

 private:
  static constexpr std::size_t block_size_bytes = 64;

  void compress_block(const std::uint8_t* block);

  std::array<std::uint32_t, 8> chaining_state_;
  std::array<std::uint8_t, block_size_bytes> partial_block_;
  std::size_t partial_block_size_ = 0;
  std::uint64_t message_size_bytes_ = 0;
};

}  // namespace leverage
