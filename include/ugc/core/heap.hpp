#pragma once
// The process heap. The ugc binary links mimalloc (CMake option UGC_MIMALLOC,
// on unless sanitizers are; docs/design.md "Plan at scale"): `ugc plan` on a
// large campaign makes millions of small allocations, and glibc malloc plus
// 4 KiB page faults were half of its time.
#include <functional>
#include <string>

namespace ugc::heap {

// Runs `work` with the memory it allocates backed by transparent huge pages
// (madvise; small pages when the kernel has them off), rethrowing what it
// throws. For commands that load a whole campaign and exit: they touch tens to
// hundreds of MB once, and 4 KiB page faults cost a third of their time. Not
// for long-running or many-threaded commands: large pages are committed
// eagerly. With mimalloc `work` runs on a new thread: mimalloc keeps a heap per
// thread, and the calling one already holds start-up's small pages.
void run_with_large_pages(const std::function<void()>& work);

// "mimalloc 2.0.9" or "glibc malloc": the heap this binary was linked with.
std::string name();

}  // namespace ugc::heap
