// Mutation test: thousands of corrupted copies of a valid replay file. Each must be refused with a
// ReplayError naming the file in one line, or, when the mutation happens to be harmless, decode and
// verify. No crash, no other exception, and no huge allocation: this file replaces the global
// operator new to record the largest single request made while the mutants are read.
#include <atomic>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <new>
#include <random>
#include <typeinfo>
#include <string>

#include "engine/replay/replay_file.hpp"
#include "engine/util/hash.hpp"
#include "tests/engine/replay/replay_test_support.hpp"
#include "tests/support/lab.hpp"

namespace {
std::atomic<bool> watching{false};
std::atomic<std::size_t> largest_allocation{0};
}  // namespace

// Replacing operator new is the standard's own hook ([new.delete.single]); the other forms
// (array, nothrow, sized delete) forward to these by default in libstdc++.
void* operator new(std::size_t size) {
  if (watching.load(std::memory_order_relaxed)) {
    std::size_t seen = largest_allocation.load(std::memory_order_relaxed);
    while (size > seen && !largest_allocation.compare_exchange_weak(seen, size)) {
    }
  }
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

using namespace leverage;
using namespace leverage::replay;

namespace {

// Splits a file into its header (magic and three lines) and payload.
std::pair<std::string, std::string> split(const std::string& bytes) {
  std::size_t pos = 0;
  for (int line = 0; line < 4; ++line) pos = bytes.find('\n', pos) + 1;
  return {bytes.substr(0, pos), bytes.substr(pos)};
}

// A correct header for `payload`: the parser and the semantic check then see the mutation.
std::string rewrap(const std::string& payload) {
  return std::string(kMagic) + "format 1\nlength " + std::to_string(payload.size()) + "\nsha256 " +
         sha256_hex(payload) + "\n" + payload;
}

}  // namespace

TEST_CASE("mutated replay files are refused cleanly, never crash and never allocate hugely") {
  const auto lab = test::lab();
  const test::RecordedRun run = test::record_run(*lab, ReplicateKey{11, 0, 0}, 8);
  const std::string valid = encode_replay(run.replay, "m.lvr");
  const auto [header, payload] = split(valid);
  REQUIRE(rewrap(payload) == valid);

  std::mt19937_64 random(20241124);  // the test's own fixed seed
  const auto uniform = [&random](std::size_t n) { return static_cast<std::size_t>(random() % n); };
  const std::vector<std::string> large_numbers = {"99999999999", "18446744073709551615", "18446744073709551616",
                                                  "4294967296",  "-1",                   "2147483648",
                                                  "1e308",       "nan",                  "inf"};
  std::vector<std::string> mutants;
  // Truncation at every length of the header and at lengths spread over the payload, as is and
  // with the header rewritten to match (so the archive reader meets a payload cut short).
  for (std::size_t length = 0; length < header.size(); ++length) mutants.push_back(valid.substr(0, length));
  for (int k = 0; k < 400; ++k) {
    const std::size_t length = uniform(payload.size());
    mutants.push_back(valid.substr(0, header.size() + length));
    mutants.push_back(rewrap(payload.substr(0, length)));
  }
  // Random byte flips and inserted or substituted large numbers, half with the checksum recomputed.
  for (int k = 0; k < 3000; ++k) {
    std::string mutated = payload;
    if (k % 3 == 0) {
      for (std::size_t flips = 1 + uniform(3); flips > 0; --flips)
        mutated[uniform(mutated.size())] = static_cast<char>(random() & 0xff);
    } else {
      // Replace the whitespace-separated token at a random place by a large number, or insert one.
      const std::string& number = large_numbers[uniform(large_numbers.size())];
      std::size_t start = uniform(mutated.size());
      while (start > 0 && mutated[start - 1] != ' ' && mutated[start - 1] != '\n') --start;
      std::size_t end = start;
      while (end < mutated.size() && mutated[end] != ' ' && mutated[end] != '\n') ++end;
      if (k % 3 == 1) {
        mutated.replace(start, end - start, number);
      } else {
        mutated.insert(start, number + " ");
      }
    }
    mutants.push_back(k % 2 == 0 ? rewrap(mutated) : header + mutated);
  }
  REQUIRE(mutants.size() > 3000);

  std::size_t refused = 0, accepted = 0;
  largest_allocation = 0;
  watching = true;
  for (const std::string& mutant : mutants) {
    try {
      const ReplayData data = decode_replay(mutant, "m.lvr");
      verify_replay(data, "m.lvr");
      ++accepted;
    } catch (const ReplayError& e) {
      const std::string message = e.what();
      // One line, naming the file, saying something after it.
      if (message.rfind("m.lvr: ", 0) != 0 || message.find('\n') != std::string::npos || message.size() <= 7) {
        watching = false;
        FAIL("unclear message: " << message);
      }
      ++refused;
    } catch (const std::exception& e) {
      watching = false;
      FAIL("a mutant raised " << typeid(e).name() << ": " << e.what());
    }
  }
  watching = false;
  INFO(refused << " refused, " << accepted << " accepted, largest allocation " << largest_allocation.load());
  CHECK(refused + accepted == mutants.size());
  CHECK(refused > mutants.size() / 2);
  // The largest thing a reader may hold is the scenario text, capped at kMaxScenarioBytes (plus a
  // string's terminating byte); an unchecked count of 99999999999 would have asked for ~100 GB.
  CHECK(largest_allocation.load() <= kMaxScenarioBytes + 1);
}
