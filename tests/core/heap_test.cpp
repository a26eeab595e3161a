// The process heap (ugc/core/heap.hpp): in a build with UGC_MIMALLOC every
// allocation of the process, C and C++, comes from mimalloc (a link that let
// glibc's malloc win would silently lose the speed-up), and a whole-campaign
// command's work runs with large pages asked for.
#include <doctest/doctest.h>

#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>

#include "ugc/core/heap.hpp"

#if UGC_EXPECT_MIMALLOC
#include <mimalloc.h>
#endif

TEST_CASE("the heap is the one the build chose, for malloc and operator new alike") {
#if UGC_EXPECT_MIMALLOC
  CHECK(ugc::heap::name().rfind("mimalloc 2.", 0) == 0);
  void* block = std::malloc(64);
  const auto text = std::make_unique<std::string>(1000, 'x');
  CHECK(mi_is_in_heap_region(block));
  CHECK(mi_is_in_heap_region(text->data()));
  std::free(block);
#else
  CHECK(ugc::heap::name() == "glibc malloc");
#endif
}

TEST_CASE("run_with_large_pages runs the work on large pages and passes on what it throws") {
  int runs = 0;
  ugc::heap::run_with_large_pages([&] {
    ++runs;
    std::string big(8u << 20, 'y');  // what large pages back stays usable memory
    CHECK(big.back() == 'y');
#if UGC_EXPECT_MIMALLOC
    CHECK(mi_option_is_enabled(mi_option_large_os_pages));
#endif
  });
  CHECK(runs == 1);
  CHECK_THROWS_WITH_AS(ugc::heap::run_with_large_pages([] { throw std::runtime_error("campaign too odd"); }),
                       "campaign too odd", std::runtime_error);
#if UGC_EXPECT_MIMALLOC
  mi_option_set_enabled(mi_option_large_os_pages, false);  // the other tests keep the default
#endif
}
