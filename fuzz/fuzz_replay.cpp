// libFuzzer target for the replay reader (docs/REPLAY.md, "Fuzzing"). Any input must either decode
// (and then verify or be refused) or be refused with a ReplayError; anything else escapes and the
// fuzzer reports it, as do AddressSanitizer's findings and allocations over -malloc_limit_mb.
//
// Each input is tried twice: as a whole file, and as a payload behind a correct header (its own
// header stripped when it has one). Random mutations almost never keep the SHA-256 right, so without
// the second form the fuzzer would rarely get past the checksum into the archive parser and the
// semantic checks.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/replay/replay_file.hpp"
#include "engine/util/hash.hpp"

namespace {

void try_replay(std::string_view bytes) {
  try {
    const leverage::replay::ReplayData replay = leverage::replay::decode_replay(bytes, "fuzz.lvr");
    leverage::replay::verify_replay(replay, "fuzz.lvr");
  } catch (const leverage::ReplayError&) {
    // A clean refusal is the expected answer to almost every input.
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try_replay(bytes);
  std::string_view payload = bytes;
  if (payload.substr(0, 8) == leverage::replay::kMagic) {
    for (int line = 0; line < 4 && !payload.empty(); ++line) {
      const std::size_t end = payload.find('\n');
      payload = end == std::string_view::npos ? std::string_view() : payload.substr(end + 1);
    }
  }
  const std::string rewrapped = std::string(leverage::replay::kMagic) + "format 1\nlength " +
                                std::to_string(payload.size()) + "\nsha256 " + leverage::sha256_hex(payload) + "\n" +
                                std::string(payload);
  try_replay(rewrapped);
  return 0;
}
