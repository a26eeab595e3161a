#include "lock_holder.hpp"

#include <unistd.h>

#include <random>

namespace ugc::state {

std::string this_host() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0) return "unknown";
  return name;
}

std::string new_holder_id() {
  std::random_device random;
  std::uniform_int_distribution<unsigned> digit(0, 15);
  std::string id(12, '0');
  for (char& c : id) c = "0123456789abcdef"[digit(random)];
  return id;
}

}  // namespace ugc::state
