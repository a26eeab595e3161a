// ugc: parse the command line, dispatch to one command, turn errors into exit codes.
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <exception>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ugc/cli/build_info.hpp"
#include "ugc/cli/command.hpp"
#include "ugc/cli/single_dash_flags.hpp"
#include "ugc/cli/state_option.hpp"
#include "ugc/cli/terminal.hpp"
#include "ugc/core/heap.hpp"
#include "ugc/core/log.hpp"

namespace {

struct GlobalFlags {
  bool verbose = false;
  std::string log_level = "warn";
  std::string log_format = "text";
  bool no_color = false;
};

int report(const ugc::Error& error) {
  if (ugc::log::format() == ugc::log::Format::json) {
    ugc::log::print_stderr("error", error.message(), {{"kind", ugc::to_string(error.kind())}});
  } else {
    auto p = ugc::cli::palette_for(stderr);
    ugc::log::print_stderr("error", p.red() + "error:" + p.reset() + " " + error.message() + "\n");
  }
  return ugc::cli::exit_code_for(error.kind());
}

// A throw that got past a command is a bug (every module returns errors as
// values), but the user still gets one error line and exit 1, not an abort.
int report_exception(const char* what) {
  return report(ugc::Error(ugc::ErrorKind::fatal, std::string("internal error (please report it): ") + what));
}

// Every command's help ends with the exit codes: its own footer when it has
// one that lists them, the common table otherwise.
void add_exit_codes_footer(CLI::App& app) {
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    const std::string footer = sub->get_footer();
    if (footer.find("Exit codes") == std::string::npos)
      sub->footer(footer.empty() ? ugc::cli::exit_codes_help() : footer + "\n" + ugc::cli::exit_codes_help());
    add_exit_codes_footer(*sub);
  }
}

// The command line as CLI11 should read it (single_dash_flags.hpp), as an argv.
struct Arguments {
  std::vector<std::string> words;
  std::vector<char*> argv;
  Arguments(const CLI::App& app, int argc, char** argv_in)
      : words(ugc::cli::double_dash_long_flags(app, std::vector<std::string>(argv_in + 1, argv_in + argc))) {
    argv.push_back(argv_in[0]);
    for (std::string& w : words) argv.push_back(w.data());
  }
};

int run(int argc, char** argv) {
  CLI::App app{"ugc: distribute approved creator videos across markets through the TokPortal API"};
  app.require_subcommand(1);
  app.set_version_flag("--version", ugc::cli::version_line(), "Print the version and the git commit ugc was built from");
  // Global flags are accepted before or after the command (subcommands inherit
  // fallthrough), and the exit codes close every help.
  app.fallthrough();
  app.footer(ugc::cli::exit_codes_help());
  GlobalFlags flags;
  app.add_flag("-v,--verbose", flags.verbose, "Log at debug level");
  app.add_option("--log-level", flags.log_level, "trace|debug|info|warn|error|off")
      ->envname("UGC_LOG_LEVEL")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));
  app.add_option("--log-format", flags.log_format, "Log records as text or json lines")
      ->envname("UGC_LOG_FORMAT")
      ->check(CLI::IsMember({"text", "json"}));
  app.add_flag("--no-color", flags.no_color, "No ANSI colours (also off when not a TTY or NO_COLOR is set)");

  auto clock = ugc::make_system_clock();  // the one real clock of this run
  struct Command {
    ugc::cli::CommandRun run;
    ugc::cli::HeapUse heap;
  };
  std::map<CLI::App*, Command> commands;
  for (const auto& spec : ugc::cli::command_table()) {
    CLI::App* sub = app.add_subcommand(spec.name, spec.summary);
    commands[sub] = Command{spec.define(*sub, clock), spec.heap};
  }
  add_exit_codes_footer(app);

  Arguments args(app, argc, argv);
  try {
    app.parse(static_cast<int>(args.argv.size()), args.argv.data());
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const ugc::cli::StateChoiceError& e) {
    (void)ugc::log::configure("warn", flags.log_format == "json" ? ugc::log::Format::json : ugc::log::Format::text);
    return report(e.error());
  } catch (const CLI::ParseError& e) {
    // The flags parsed before the error still choose the format of its line.
    if (flags.log_format != "json") {
      app.exit(e);
      return ugc::cli::kExitError;
    }
    (void)ugc::log::configure("warn", ugc::log::Format::json);
    return report(ugc::Error(ugc::ErrorKind::invalid_input, e.what()));
  }

  if (flags.no_color) ugc::cli::disable_color();
  auto format = flags.log_format == "json" ? ugc::log::Format::json : ugc::log::Format::text;
  if (auto s = ugc::log::configure(flags.verbose ? "debug" : flags.log_level, format); !s)
    return report(s.error());

  for (CLI::App* sub : app.get_subcommands()) {
    const Command& command = commands.at(sub);
    std::optional<ugc::Result<int>> result;
    auto run_command = [&] { result = command.run(); };
    if (command.heap == ugc::cli::HeapUse::whole_campaign) ugc::heap::run_with_large_pages(run_command);
    else run_command();
    return *result ? **result : report(result->error());
  }
  return ugc::cli::kExitError;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    return report_exception(e.what());
  } catch (...) {
    return report_exception("unknown exception");
  }
}
