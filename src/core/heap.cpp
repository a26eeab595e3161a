#include "ugc/core/heap.hpp"

#ifdef UGC_WITH_MIMALLOC
#include <mimalloc.h>

#include <exception>
#include <thread>
#endif

namespace ugc::heap {

#ifdef UGC_WITH_MIMALLOC

void run_with_large_pages(const std::function<void()>& work) {
  mi_option_enable(mi_option_large_os_pages);
  // Else a new thread's first segment is committed lazily, on small pages.
  mi_option_set(mi_option_eager_commit_delay, 0);
  std::exception_ptr thrown;
  std::thread worker([&] {
    try {
      work();
    } catch (...) {
      thrown = std::current_exception();
    }
  });
  worker.join();
  if (thrown) std::rethrow_exception(thrown);
}

std::string name() {
  const int v = mi_version();  // 209 for 2.0.9
  return "mimalloc " + std::to_string(v / 100) + "." + std::to_string(v % 100 / 10) + "." + std::to_string(v % 10);
}

#else

void run_with_large_pages(const std::function<void()>& work) { work(); }

std::string name() { return "glibc malloc"; }

#endif

}  // namespace ugc::heap
