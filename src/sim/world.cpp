#include "ugc/sim/world.hpp"

#include <cstdio>
#include <ctime>

namespace ugc::sim {

std::string iso8601(TimePoint t) {
  auto secs = std::chrono::time_point_cast<std::chrono::seconds>(t);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t - secs).count();
  std::time_t tt = Clock::to_time_t(secs);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}

VideoSlot* Bundle::slot(int position) {
  if (position < 1 || position > static_cast<int>(videos.size())) return nullptr;
  return &videos[static_cast<size_t>(position - 1)];
}

Bundle* Tenant::bundle(const std::string& id) {
  auto it = bundles.find(id);
  return it == bundles.end() ? nullptr : &it->second;
}

World::World(uint64_t seed) : seed(seed), id_rng(seed), fault_rng(seed ^ 0x9e3779b97f4a7c15ULL) {}

CivilDate World::today() const {
  return CivilDate(std::chrono::floor<std::chrono::days>(now()));
}

void World::set_clock(TimePoint to) {
  TimePoint from = now();
  clock_offset = std::chrono::duration_cast<std::chrono::seconds>(to - Clock::now());
  for (auto& listener : clock_listeners) listener(*this, from, now());
}

std::string World::random_hex(size_t n) {
  static const char* hex = "0123456789abcdef";
  std::string out;
  out.reserve(n);
  while (out.size() < n) {
    uint64_t v = id_rng();
    for (int i = 0; i < 16 && out.size() < n; ++i, v >>= 4) out.push_back(hex[v & 0xf]);
  }
  return out;
}

std::string World::new_uuid() {
  std::string h = random_hex(32);
  h[12] = '4';                                        // version 4
  h[16] = "89ab"[std::string("0123456789abcdef").find(h[16]) & 0x3];  // RFC 4122 variant
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" +
         h.substr(20, 12);
}

std::string World::new_request_id() { return "req_" + random_hex(24); }

double World::fault_draw() {
  return static_cast<double>(fault_rng() >> 11) * (1.0 / 9007199254740992.0);
}

Tenant& World::tenant_for_key_hash(const std::string& key_hash) {
  auto it = tenants.find(key_hash);
  if (it != tenants.end()) return it->second;
  Tenant& t = tenants[key_hash];
  t.key_hash = key_hash;
  t.email = "sim+" + key_hash.substr(0, 8) + "@ugc.local";
  t.balance = starting_credits;
  LedgerEntry grant;
  grant.id = new_uuid();
  grant.type = "credit";
  grant.amount = starting_credits;
  grant.balance_after = starting_credits;
  grant.description = "Starting balance (ugc sim)";
  grant.created_at = now_iso();
  t.ledger.push_back(std::move(grant));
  return t;
}

Event& World::emit(Tenant& tenant, std::string_view type, Json data) {
  Event e;
  e.id = new_uuid();
  e.type = std::string(type);
  e.created_at = now_iso();
  e.data = std::move(data);
  tenant.events.push_back(std::move(e));
  events_cv.notify_all();
  return tenant.events.back();
}

LedgerEntry& World::debit(Tenant& tenant, int64_t amount, std::string description, Json breakdown,
                          std::vector<std::string> bundle_ids) {
  tenant.balance -= amount;
  LedgerEntry e;
  e.id = new_uuid();
  e.type = "debit";
  e.amount = -amount;
  e.balance_after = tenant.balance;
  e.description = std::move(description);
  e.breakdown = std::move(breakdown);
  e.created_at = now_iso();
  e.request_id = current_request_id;
  e.method = current_method;
  e.path = current_path;
  e.idempotency_key = current_idempotency_key;
  e.bundle_ids = std::move(bundle_ids);
  tenant.ledger.push_back(std::move(e));
  return tenant.ledger.back();
}

}  // namespace ugc::sim
