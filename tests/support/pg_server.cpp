#include "support/pg_server.hpp"

#include <glob.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "support/child_process.hpp"

namespace ugc::testing {

namespace {

namespace fs = std::filesystem;

std::string pg_trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// run_process does not search PATH: the absolute path of a system tool.
std::string pg_system_tool(const std::string& name) {
  for (const char* dir : {"/usr/bin/", "/bin/", "/usr/sbin/", "/sbin/", "/usr/local/bin/"})
    if (::access((dir + name).c_str(), X_OK) == 0) return dir + name;
  return name;
}

std::string pg_find_bin_dir() {
  RunResult config = run_process({pg_system_tool("pg_config"), "--bindir"});
  std::string dir = pg_trimmed(config.out);
  if (config.exit_code == 0 && fs::exists(dir + "/initdb")) return dir;
  glob_t found{};
  std::string best;
  if (::glob("/usr/lib/postgresql/*/bin/initdb", 0, nullptr, &found) == 0 && found.gl_pathc > 0)
    best = fs::path(found.gl_pathv[found.gl_pathc - 1]).parent_path().string();
  ::globfree(&found);
  return best;
}

// As root, a command runs as `nobody` (PostgreSQL refuses to run as root).
std::vector<std::string> pg_as_server_user(std::vector<std::string> args) {
  if (::geteuid() != 0) return args;
  args.insert(args.begin(), {pg_system_tool("setpriv"), "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"});
  return args;
}

void pg_give_to_server_user(const std::string& path) {
  if (::geteuid() != 0) return;
  const passwd* nobody = ::getpwnam("nobody");
  if (!nobody) return;
  std::error_code ec;
  for (const auto& entry : fs::recursive_directory_iterator(path, ec))
    (void)::lchown(entry.path().c_str(), nobody->pw_uid, nobody->pw_gid);
  (void)::chown(path.c_str(), nobody->pw_uid, nobody->pw_gid);
}

std::string pg_read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The template cluster, made once per machine and bin dir (initdb is the slow part).
std::string pg_template_dir(const std::string& bin_dir, std::string& error) {
  const std::string tmp = fs::temp_directory_path().string();
  std::string version = fs::path(bin_dir).parent_path().filename().string();
  const std::string dir = tmp + "/ugc-pg-template-" + version + "-" + std::to_string(::geteuid());
  if (fs::exists(dir + "/PG_VERSION")) return dir;
  std::string scratch = tmp + "/ugc-pg-initdb-XXXXXX";
  if (!::mkdtemp(scratch.data())) {
    error = "cannot create a directory for initdb";
    return "";
  }
  pg_give_to_server_user(scratch);
  RunResult init = run_process(pg_as_server_user({bin_dir + "/initdb", "-D", scratch + "/data", "-U", "ugc",
                                                  "--auth=trust", "-N", "-E", "UTF8", "--locale=C"}));
  if (init.exit_code != 0) {
    error = "initdb failed (exit " + std::to_string(init.exit_code) + "): " + init.out + init.err;
    fs::remove_all(scratch);
    return "";
  }
  // Another test process may have won the race: keep its template.
  std::error_code ec;
  fs::rename(scratch + "/data", dir, ec);
  fs::remove_all(scratch, ec);
  return fs::exists(dir + "/PG_VERSION") ? dir : "";
}

}  // namespace

PgServer& PgServer::instance() {
  static PgServer server;
  return server;
}

PgServer::PgServer() { start(); }

void PgServer::start() {
  bin_dir_ = pg_find_bin_dir();
  if (bin_dir_.empty()) {
    error_ = "no PostgreSQL server binaries (pg_config --bindir, /usr/lib/postgresql/*/bin): run scripts/setup.sh";
    return;
  }
  const std::string templ = pg_template_dir(bin_dir_, error_);
  if (templ.empty()) return;
  std::string work = (fs::temp_directory_path() / "ugc-pg-XXXXXX").string();
  if (!::mkdtemp(work.data())) {
    error_ = "cannot create the server's directory";
    return;
  }
  work_dir_ = work;
  std::error_code ec;
  fs::copy(templ, work_dir_ + "/data", fs::copy_options::recursive, ec);
  if (ec) {
    error_ = "cannot copy the template cluster: " + ec.message();
    return;
  }
  fs::permissions(work_dir_ + "/data", fs::perms::owner_all, ec);
  pg_give_to_server_user(work_dir_);
  options_ = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c listen_addresses='' "
                              "-c unix_socket_directories='" + work_dir_ + "' -c max_connections=60";
  RunResult started = run_process(pg_as_server_user(
      {bin_dir_ + "/pg_ctl", "-D", work_dir_ + "/data", "-l", work_dir_ + "/server.log", "-o", options_, "-w", "start"}));
  if (started.exit_code != 0) {
    error_ = "the PostgreSQL test server did not start (exit " + std::to_string(started.exit_code) + "): " +
             started.out + started.err + "\nserver log:\n" + pg_read_file(work_dir_ + "/server.log");
    return;
  }
  socket_dir_ = work_dir_;
}

PgServer::~PgServer() {
  if (!socket_dir_.empty())
    run_process(pg_as_server_user({bin_dir_ + "/pg_ctl", "-D", work_dir_ + "/data", "-m", "immediate", "-w", "stop"}));
  std::error_code ec;
  if (!work_dir_.empty()) fs::remove_all(work_dir_, ec);
}

std::string PgServer::uri(const std::string& name) const {
  return "postgres:///" + name + "?host=" + socket_dir_ + "&user=ugc";
}

std::string PgServer::restart(const std::string& mode) {
  if (!running()) return "the server is not running";
  RunResult r = run_process(pg_as_server_user({bin_dir_ + "/pg_ctl", "-D", work_dir_ + "/data", "-l",
                                               work_dir_ + "/server.log", "-o", options_, "-m", mode, "-w", "restart"}));
  if (r.exit_code == 0) return "";
  return "pg_ctl restart -m " + mode + " failed (exit " + std::to_string(r.exit_code) + "): " + r.out + r.err +
         "\nserver log:\n" + pg_read_file(work_dir_ + "/server.log");
}

std::string PgServer::database_of(const std::string& uri) {
  const auto start = uri.find(":///") + 4;
  return uri.substr(start, uri.find('?') - start);
}

std::string PgServer::execute(const std::string& name, const std::string& sql) const {
  PGconn* conn = PQconnectdb(uri(name).c_str());
  std::string failure;
  if (PQstatus(conn) != CONNECTION_OK) {
    failure = PQerrorMessage(conn);
  } else {
    PGresult* r = PQexec(conn, sql.c_str());
    const ExecStatusType status = PQresultStatus(r);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) failure = PQresultErrorMessage(r);
    PQclear(r);
  }
  PQfinish(conn);
  return failure;
}

std::string PgServer::create_database() {
  const std::string name = "t" + std::to_string(++databases_);
  if (!running()) return "";
  if (std::string failed = execute("postgres", "CREATE DATABASE " + name); !failed.empty()) return "";
  return uri(name);
}

}  // namespace ugc::testing
