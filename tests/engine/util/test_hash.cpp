#include <catch2/catch.hpp>
#include <string>

#include "engine/util/hash.hpp"

namespace leverage {
namespace {

// Expected digests are the published examples of FIPS 180-4 (NIST CSRC "Examples with intermediate values",
// SHA256.pdf and SHA2_Additional.pdf), not output of this program.
constexpr const char* digest_of_abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
constexpr const char* digest_of_empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
// The two-block example: a 448-bit (56-byte) message, whose padding no longer fits in the first block.
constexpr const char* message_448_bits = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
constexpr const char* digest_of_448_bits = "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
// The 896-bit example (used with SHA-512 in FIPS 180-2 and listed for SHA-256 in NIST's test vectors).
constexpr const char* message_896_bits =
    "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrst"
    "nopqrstu";
constexpr const char* digest_of_896_bits = "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1";
// One million repetitions of 'a'.
constexpr const char* digest_of_million_a =
    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";

TEST_CASE("sha256_hex matches the FIPS 180-4 examples", "[hash]") {
  CHECK(sha256_hex("abc") == digest_of_abc);
  CHECK(sha256_hex("") == digest_of_empty);
  CHECK(sha256_hex(message_448_bits) == digest_of_448_bits);
  CHECK(sha256_hex(message_896_bits) == digest_of_896_bits);
  CHECK(sha256_hex(std::string(1'000'000, 'a')) == digest_of_million_a);
}

TEST_CASE("Sha256 gives the same digest however the input is split", "[hash]") {
  SECTION("the million-'a' vector fed in uneven pieces that straddle block boundaries") {
    Sha256 hasher;
    const std::string piece(997, 'a');  // 997 is prime, so pieces end at every offset within a block
    std::size_t fed = 0;
    while (fed + piece.size() <= 1'000'000) {
      hasher.update(piece);
      fed += piece.size();
    }
    hasher.update(std::string(1'000'000 - fed, 'a'));
    CHECK(hasher.finish_hex() == digest_of_million_a);
  }
  SECTION("the 448-bit vector one byte at a time") {
    Sha256 hasher;
    for (const char character : std::string(message_448_bits)) hasher.update(std::string_view(&character, 1));
    CHECK(hasher.finish_hex() == digest_of_448_bits);
  }
  SECTION("finish resets the hasher for the next message") {
    Sha256 hasher;
    hasher.update("abc");
    CHECK(hasher.finish_hex() == digest_of_abc);
    CHECK(hasher.finish_hex() == digest_of_empty);
  }
}

TEST_CASE("Sha256 pads correctly around the 55/56/64-byte boundaries", "[hash]") {
  // Lengths 55 (padding fits in one block), 56 (it spills into a second) and 64 (a whole extra block) must
  // agree between one-shot and split hashing; the published vectors above pin the absolute values.
  for (const std::size_t length : {55u, 56u, 63u, 64u, 65u, 119u, 120u, 128u}) {
    const std::string message(length, 'x');
    Sha256 hasher;
    hasher.update(std::string_view(message).substr(0, length / 2));
    hasher.update(std::string_view(message).substr(length / 2));
    CHECK(hasher.finish_hex() == sha256_hex(message));
  }
  // Digests are always 64 lowercase hex digits.
  const std::string digest = sha256_hex("leverage");
  CHECK(digest.size() == 64);
  CHECK(digest.find_first_not_of("0123456789abcdef") == std::string::npos);
}

TEST_CASE("fnv1a64 matches the FNV reference values", "[hash]") {
  // The empty input hashes to the offset basis itself: no byte is mixed in.
  CHECK(fnv1a64("") == 14695981039346656037ULL);
  CHECK(fnv1a64("") == 0xcbf29ce484222325ULL);
  // From the FNV authors' test suite (Landon Curt Noll, test_fnv.c, FNV-1a 64-bit column):
  CHECK(fnv1a64("a") == 0xaf63dc4c8601ec8cULL);
  CHECK(fnv1a64("foobar") == 0x85944171f73967e8ULL);
}

TEST_CASE("fnv1a64 of one byte follows the definition by hand", "[hash]") {
  // hash = (offset_basis XOR byte) * prime mod 2^64, with byte 0x00: the XOR changes nothing, so the result
  // is offset_basis * prime mod 2^64, which unsigned 64-bit arithmetic computes exactly.
  constexpr std::uint64_t offset_basis = 14695981039346656037ULL;
  constexpr std::uint64_t prime = 1099511628211ULL;
  CHECK(fnv1a64(std::string_view("\0", 1)) == offset_basis * prime);
  // Bytes are mixed as unsigned values: 0xff must XOR as 255, not as a sign-extended -1.
  CHECK(fnv1a64("\xff") == (offset_basis ^ 0xffULL) * prime);
}

}  // namespace
}  // namespace leverage
