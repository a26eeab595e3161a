#pragma once
// A throwaway PostgreSQL server for one test process: initdb runs once per
// machine into a template directory (reused by later processes), each process
// copies it, starts a server that listens only on a unix socket in its own
// temp directory (fsync off), and stops it at exit. As root, the server runs
// as user `nobody` (PostgreSQL refuses root). Binaries come from
// `pg_config --bindir`, else /usr/lib/postgresql/*/bin.
#include <string>

namespace ugc::testing {

class PgServer {
 public:
  // The process's server, started at first use. Fails the calling test
  // (with the server log) when it cannot start.
  static PgServer& instance();

  bool running() const { return !error_.empty() ? false : !socket_dir_.empty(); }
  const std::string& error() const { return error_; }

  // A new, empty database; returns its URI (postgres:///NAME?host=SOCKET&user=ugc).
  std::string create_database();
  // The URI of database `name` on this server.
  std::string uri(const std::string& name) const;
  // Runs `sql` on database `name` as the superuser; "" or the error text.
  std::string execute(const std::string& name, const std::string& sql) const;
  // Restarts the server (pg_ctl restart, `mode` fast or immediate), as a
  // failover or an operator would; every session ends. Returns "" once it
  // accepts connections again, else what went wrong. Not to be called while
  // another thread of the test uses execute().
  std::string restart(const std::string& mode);
  // The database name of a URI this server gave ("postgres:///NAME?host=...").
  static std::string database_of(const std::string& uri);

  ~PgServer();
  PgServer(const PgServer&) = delete;
  PgServer& operator=(const PgServer&) = delete;

 private:
  PgServer();
  void start();

  std::string bin_dir_;
  std::string work_dir_;    // data/, the socket and the log
  std::string socket_dir_;  // empty until started
  std::string options_;     // the server's -o options
  std::string error_;
  int databases_ = 0;
};

}  // namespace ugc::testing
