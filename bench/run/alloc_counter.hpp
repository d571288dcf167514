#pragma once
// Counting allocator of leverage_bench (alloc_counter.cpp): every global operator new in the binary
// (the engine's and the benchmark library's included) is counted. While a window is open (inside a
// replicate benchmark's timed loop) each allocation also calls allocation_in_loop(), a breakpoint target:
//   gdb -ex 'break allocation_in_loop' -ex run -ex bt --args build/bench/leverage_bench ...
#include <cstdint>

namespace leverage::bench {

std::uint64_t new_calls();  // operator new calls since the start
std::uint64_t new_bytes();  // bytes they asked for

// Allocations made between construction and finish(), with the breakpoint hook armed meanwhile.
class AllocationWindow {
 public:
  AllocationWindow();
  void finish();
  double calls() const { return static_cast<double>(calls_); }
  double bytes() const { return static_cast<double>(bytes_); }

 private:
  std::uint64_t calls_, bytes_;
};

}  // namespace leverage::bench
