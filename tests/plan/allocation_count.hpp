#pragma once
// Counts the heap allocations (operator new) of a piece of work, so a test can
// say "10x the input costs about 10x the allocations" without timing anything.
// The plan test runner replaces the global operator new for this
// (allocation_count.cpp); under AddressSanitizer, which owns operator new,
// nothing is counted and available() is false.
#include <cstddef>
#include <functional>

namespace ugc::plan::testing {

struct AllocationCount {
  std::size_t allocations = 0;
  std::size_t bytes = 0;
};

bool allocation_counting_available();

// The allocations the whole process makes while `body` runs.
AllocationCount count_allocations(const std::function<void()>& body);

}  // namespace ugc::plan::testing
