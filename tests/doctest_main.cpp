// The doctest runner of every module. ctest runs one test case per process
// (`--test-case=NAME`, from doctest_discover_tests); a NAME that matches no
// case would pass having run nothing (a `;` in a name once split it in two and
// silently skipped 30 cases), so a run whose filters match nothing fails.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdio>
#include <string_view>

namespace {

bool g_run_matched_nothing = false;

struct EmptyRunGuard : doctest::IReporter {
  explicit EmptyRunGuard(const doctest::ContextOptions&) {}
  void report_query(const doctest::QueryData&) override {}
  void test_run_start() override {}
  void test_run_end(const doctest::TestRunStats& stats) override {
    g_run_matched_nothing = stats.numTestCasesPassingFilters == 0;
  }
  void test_case_start(const doctest::TestCaseData&) override {}
  void test_case_reenter(const doctest::TestCaseData&) override {}
  void test_case_end(const doctest::CurrentTestCaseStats&) override {}
  void test_case_exception(const doctest::TestCaseException&) override {}
  void subcase_start(const doctest::SubcaseSignature&) override {}
  void subcase_end() override {}
  void log_assert(const doctest::AssertData&) override {}
  void log_message(const doctest::MessageData&) override {}
  void test_case_skipped(const doctest::TestCaseData&) override {}
};

REGISTER_LISTENER("empty_run_guard", 1, EmptyRunGuard);

bool names_a_test_case(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg.rfind("--test-case=", 0) == 0 || arg.rfind("-tc=", 0) == 0) return true;
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  doctest::Context context(argc, argv);
  int result = context.run();
  if (context.shouldExit()) return result;
  if (g_run_matched_nothing && names_a_test_case(argc, argv)) {
    std::fprintf(stderr, "doctest: --test-case matched no test case (a ';' in a test name splits it for ctest)\n");
    return 1;
  }
  return result;
}
