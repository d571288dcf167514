// The counting allocator (alloc_counter.hpp): the twelve global forms of operator new and delete.
#include "bench/run/alloc_counter.hpp"

#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <new>

namespace {
std::atomic<std::uint64_t> g_new_calls{0};
std::atomic<std::uint64_t> g_new_bytes{0};
std::atomic<bool> g_in_loop{false};
}  // namespace

extern "C" __attribute__((noinline)) void allocation_in_loop(std::size_t size) {
  // Something the optimizer cannot drop, so a breakpoint here always hits.
  asm volatile("" : : "r"(size) : "memory");
}

namespace {

void count(std::size_t size) {
  g_new_calls.fetch_add(1, std::memory_order_relaxed);
  g_new_bytes.fetch_add(size, std::memory_order_relaxed);
  if (g_in_loop.load(std::memory_order_relaxed)) allocation_in_loop(size);
}

void* counted_alloc(std::size_t size) {
  count(size);
  void* p = std::malloc(size == 0 ? 1 : size);
  if (!p) throw std::bad_alloc();
  return p;
}

void* counted_alloc_aligned(std::size_t size, std::align_val_t align) {
  count(size);
  const std::size_t a = static_cast<std::size_t>(align);
  const std::size_t rounded = ((size == 0 ? 1 : size) + a - 1) / a * a;
  void* p = std::aligned_alloc(a, rounded);
  if (!p) throw std::bad_alloc();
  return p;
}

}  // namespace

namespace leverage::bench {

std::uint64_t new_calls() { return g_new_calls.load(); }
std::uint64_t new_bytes() { return g_new_bytes.load(); }

AllocationWindow::AllocationWindow() : calls_(new_calls()), bytes_(new_bytes()) { g_in_loop.store(true); }

void AllocationWindow::finish() {
  g_in_loop.store(false);
  calls_ = new_calls() - calls_;
  bytes_ = new_bytes() - bytes_;
}

}  // namespace leverage::bench

void* operator new(std::size_t size) { return counted_alloc(size); }
void* operator new[](std::size_t size) { return counted_alloc(size); }
void* operator new(std::size_t size, std::align_val_t align) { return counted_alloc_aligned(size, align); }
void* operator new[](std::size_t size, std::align_val_t align) { return counted_alloc_aligned(size, align); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  try { return counted_alloc(size); } catch (...) { return nullptr; }
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  try { return counted_alloc(size); } catch (...) { return nullptr; }
}
void* operator new(std::size_t size, std::align_val_t align, const std::nothrow_t&) noexcept {
  try { return counted_alloc_aligned(size, align); } catch (...) { return nullptr; }
}
void* operator new[](std::size_t size, std::align_val_t align, const std::nothrow_t&) noexcept {
  try { return counted_alloc_aligned(size, align); } catch (...) { return nullptr; }
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
