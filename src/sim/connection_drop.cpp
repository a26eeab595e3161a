#include "ugc/sim/connection_drop.hpp"

#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

namespace ugc::sim {
namespace {

int port_of(const sockaddr_storage& ss) {
  if (ss.ss_family == AF_INET) return ntohs(reinterpret_cast<const sockaddr_in&>(ss).sin_port);
  if (ss.ss_family == AF_INET6) return ntohs(reinterpret_cast<const sockaddr_in6&>(ss).sin6_port);
  return -1;
}

bool is_request_socket(int fd, const httplib::Request& req) {
  struct stat st {};
  if (fstat(fd, &st) != 0 || !S_ISSOCK(st.st_mode)) return false;
  sockaddr_storage local{}, peer{};
  socklen_t ll = sizeof local, pl = sizeof peer;
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &ll) != 0) return false;
  if (getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &pl) != 0) return false;
  return port_of(local) == req.local_port && port_of(peer) == req.remote_port;
}

}  // namespace

bool drop_connection(const httplib::Request& req) {
  DIR* dir = opendir("/proc/self/fd");
  if (!dir) return false;
  bool dropped = false;
  while (dirent* ent = readdir(dir)) {
    if (ent->d_name[0] == '.') continue;
    int fd = std::atoi(ent->d_name);
    if (fd == dirfd(dir) || !is_request_socket(fd, req)) continue;
    // RST instead of FIN so the client cannot mistake it for a clean close.
    linger lg{1, 0};
    setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
    shutdown(fd, SHUT_RDWR);
    dropped = true;
    break;
  }
  closedir(dir);
  return dropped;
}

}  // namespace ugc::sim
