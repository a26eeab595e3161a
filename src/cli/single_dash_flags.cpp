#include "ugc/cli/single_dash_flags.hpp"

#include <map>

namespace ugc::cli {
namespace {

// Every option name ("-o", "--out") of `app` and its subcommands -> whether it
// takes a value. A name that takes a value in any command counts as taking one.
void collect_option_names(const CLI::App& app, std::map<std::string, bool>& takes_value) {
  for (const CLI::Option* opt : app.get_options()) {
    const bool value = opt->get_items_expected_max() > 0;  // a flag expects 0 items
    for (const std::string& name : opt->get_lnames()) takes_value["--" + name] |= value;
    for (const std::string& name : opt->get_snames()) takes_value["-" + name] |= value;
  }
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    collect_option_names(*sub, takes_value);
}

// "-out=F" -> "out"; "" when the token is not a single-dash word.
std::string single_dash_name(const std::string& token) {
  if (token.size() < 3 || token[0] != '-' || token[1] == '-') return "";
  return token.substr(1, token.find('=') == std::string::npos ? std::string::npos : token.find('=') - 1);
}

// The option a token names, as written ("--out=F" -> "--out").
std::string option_name(const std::string& token) { return token.substr(0, token.find('=')); }

}  // namespace

std::vector<std::string> double_dash_long_flags(const CLI::App& app, const std::vector<std::string>& args) {
  std::map<std::string, bool> takes_value;
  collect_option_names(app, takes_value);
  std::vector<std::string> out;
  out.reserve(args.size());
  bool value_next = false, after_separator = false;
  for (const std::string& token : args) {
    if (value_next || after_separator) {
      out.push_back(token);
      value_next = false;
      continue;
    }
    if (token == "--") {
      after_separator = true;
      out.push_back(token);
      continue;
    }
    const std::string name = single_dash_name(token);
    std::string written = token;
    if (!name.empty() && takes_value.count("--" + name)) written = "-" + token;
    out.push_back(written);
    auto known = takes_value.find(option_name(written));
    value_next = known != takes_value.end() && known->second && written.find('=') == std::string::npos;
  }
  return out;
}

}  // namespace ugc::cli
