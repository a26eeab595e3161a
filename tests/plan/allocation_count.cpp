#include "allocation_count.hpp"

#include <atomic>
#include <cstdlib>
#include <new>

#if defined(__SANITIZE_ADDRESS__)
#define UGC_ALLOCATION_COUNT_OFF 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UGC_ALLOCATION_COUNT_OFF 1
#endif
#endif

namespace {

std::atomic<bool> g_allocation_counting{false};
std::atomic<std::size_t> g_allocation_calls{0};
std::atomic<std::size_t> g_allocation_bytes{0};

}  // namespace

#ifndef UGC_ALLOCATION_COUNT_OFF
// The replaceable global allocation functions; new[] and the nothrow forms
// call these in libstdc++.
void* operator new(std::size_t size) {
  if (g_allocation_counting.load(std::memory_order_relaxed)) {
    g_allocation_calls.fetch_add(1, std::memory_order_relaxed);
    g_allocation_bytes.fetch_add(size, std::memory_order_relaxed);
  }
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
#endif

namespace ugc::plan::testing {

bool allocation_counting_available() {
#ifdef UGC_ALLOCATION_COUNT_OFF
  return false;
#else
  return true;
#endif
}

AllocationCount count_allocations(const std::function<void()>& body) {
  const std::size_t calls = g_allocation_calls.load(), bytes = g_allocation_bytes.load();
  g_allocation_counting = true;
  body();
  g_allocation_counting = false;
  return {g_allocation_calls.load() - calls, g_allocation_bytes.load() - bytes};
}

}  // namespace ugc::plan::testing
