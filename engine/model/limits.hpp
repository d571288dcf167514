#pragma once
#include <cstddef>

// Fixed capacities keep a replicate's WorldState a flat, copyable value (no heap, no pointers), so
// an ensemble copies it per replicate and the weekly step never allocates. The scenario loader
// rejects a scenario that exceeds one of them with an error naming the limit.
namespace leverage {

inline constexpr std::size_t kMaxActors = 8;        // capitals in one scenario
inline constexpr std::size_t kMaxMenu = 16;         // actions in one actor's menu
inline constexpr std::size_t kMaxUltimatums = 4;    // ultimatums issued in one run
inline constexpr std::size_t kMaxCrossings = 4;     // EU border crossings of the corridor
inline constexpr std::size_t kMaxNamedPrisoners = 16;
inline constexpr std::size_t kMaxEuMembers = 32;
inline constexpr std::size_t kMaxSummits = 8;

}  // namespace leverage
