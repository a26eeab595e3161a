// /__sim/... control endpoints: the simulated clock, the credits ledger, the
// request log and the fault knobs. Outside /api/ext, no auth: tests and demos
// use them to drive time and to prove what was charged.
#include "ugc/sim/routes.hpp"

#include "ugc/sim/fields.hpp"
#include "ugc/sim/fault_injection.hpp"

namespace ugc::sim {
namespace {

Json clock_json(const World& w) {
  return Json{{"now", w.now_iso()}, {"today", w.today().str()}, {"offset_seconds", w.clock_offset.count()}};
}

Json faults_json(const Faults& f) {
  return Json{{"fail_rate", f.fail_rate},
              {"extra_429_rate", f.extra_429_rate},
              {"drop_rate", f.drop_rate},
              {"latency_ms", f.latency_ms}};
}

Json ledger_entry_json(const std::string& tenant, const LedgerEntry& e) {
  return Json{{"tenant", tenant.substr(0, 12)},
              {"id", e.id},
              {"type", e.type},
              {"amount", e.amount},
              {"balance_after", e.balance_after},
              {"description", e.description},
              {"breakdown", e.breakdown},
              {"created_at", e.created_at},
              {"request_id", e.request_id},
              {"method", e.method},
              {"path", e.path},
              {"idempotency_key", e.idempotency_key ? Json(*e.idempotency_key) : Json(nullptr)},
              {"bundle_ids", e.bundle_ids}};
}

double rate(const Json& body, const char* name, double current) {
  if (!body.contains(name)) return current;
  const Json& v = body[name];
  if (!v.is_number() || v.get<double>() < 0 || v.get<double>() > 1)
    fields::invalid(name, std::string(name) + " must be a number between 0 and 1");
  return v.get<double>();
}

}  // namespace

void register_control_routes(Router& router, World& world, ServerHooks&, Faults& faults) {
  (void)world;
  router.control("GET", "/__sim/clock", [](Call& c) { return Reply::data(clock_json(c.world)); });
  // {"advance_days": N} | {"advance_seconds": N} | {"date": "YYYY-MM-DD"}
  router.control("POST", "/__sim/clock", [](Call& c) {
    const Json& body = fields::object_body(c);
    fields::reject_unknown(body, {"advance_days", "advance_seconds", "date"});
    World& w = c.world;
    if (auto days = fields::opt_int(body, "advance_days", 0, 3650)) {
      w.set_clock(w.now() + std::chrono::hours(24 * *days));
    } else if (auto secs = fields::opt_int(body, "advance_seconds", 0, 3650LL * 86400)) {
      w.set_clock(w.now() + std::chrono::seconds(*secs));
    } else if (auto date = fields::opt_string(body, "date")) {
      auto day = CivilDate::parse(*date);
      if (!day) fields::invalid("date", "date must be YYYY-MM-DD");
      auto now = w.now();
      auto tod = now - std::chrono::floor<std::chrono::days>(now);
      if (day->sys_days() + tod < now)
        fail(400, "VALIDATION_ERROR", "The simulated clock never goes backwards", Json{{"today", w.today().str()}});
      w.set_clock(day->sys_days() + tod);
    } else {
      fail(400, "VALIDATION_ERROR", "Give advance_days, advance_seconds or date");
    }
    return Reply::data(clock_json(w));
  });
  router.control("GET", "/__sim/ledger", [](Call& c) {
    Json entries = Json::array();
    for (const auto& [hash, t] : c.world.tenants)
      for (const auto& e : t.ledger) entries.push_back(ledger_entry_json(hash, e));
    Json balances = Json::object();
    for (const auto& [hash, t] : c.world.tenants) balances[hash.substr(0, 12)] = t.balance;
    Reply r = Reply::data(entries);
    r.body["balances"] = balances;
    return r;
  });
  router.control("GET", "/__sim/requests", [](Call& c) {
    Json out = Json::array();
    for (const auto& r : c.world.requests)
      out.push_back(Json{{"request_id", r.request_id},
                         {"method", r.method},
                         {"path", r.path},
                         {"status", r.status},
                         {"idempotency_key", r.idempotency_key ? Json(*r.idempotency_key) : Json(nullptr)},
                         {"replayed", r.replayed},
                         {"dropped", r.dropped},
                         {"created_at", r.created_at},
                         {"elapsed_ms", r.elapsed_ms}});
    return Reply::data(out);
  });
  router.control("GET", "/__sim/faults", [&faults](Call&) { return Reply::data(faults_json(faults)); });
  router.control("POST", "/__sim/faults", [&faults](Call& c) {
    const Json& body = fields::object_body(c);
    fields::reject_unknown(body, {"fail_rate", "extra_429_rate", "drop_rate", "latency_ms"});
    Faults next = faults;
    next.fail_rate = rate(body, "fail_rate", next.fail_rate);
    next.extra_429_rate = rate(body, "extra_429_rate", next.extra_429_rate);
    next.drop_rate = rate(body, "drop_rate", next.drop_rate);
    if (auto ms = fields::opt_int(body, "latency_ms", 0, 60000)) next.latency_ms = static_cast<int>(*ms);
    faults = next;
    return Reply::data(faults_json(faults));
  });
}

}  // namespace ugc::sim
