#include "ugc/sim/world_json.hpp"

#include <optional>
#include <sstream>

namespace nlohmann {
// nlohmann 3.11.2 has no std::optional support; null <-> nullopt.
template <class T>
struct adl_serializer<std::optional<T>> {
  static void to_json(json& j, const std::optional<T>& v) {
    if (v) j = *v; else j = nullptr;
  }
  static void from_json(const json& j, std::optional<T>& v) {
    if (j.is_null()) v.reset(); else v = j.get<T>();
  }
};
}  // namespace nlohmann

namespace ugc::sim {

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(BundleAccount, id, status, username, visible_name, biography,
                                                profile_picture_url, link_in_bio, niche_warming_instructions,
                                                advanced_warming_terms, configured_at, ext)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(VideoSlot, id, position, status, config, target_publish_start_date,
                                                target_publish_end_date, paid_addons, configured_at,
                                                published_at, ext)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Bundle, id, bundle_type, platform, country, status, title,
                                                external_ref, videos_quantity, edits_quantity, auto_finalize_videos,
                                                review_mode, wants_advanced_warming, advanced_warming_terms_count,
                                                wants_niche_warming, account_id, saved_account_id, created_at,
                                                published_at, unpublished_at, account, videos, ext)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SavedAccount, id, platform, username, visible_name, biography,
                                                profile_picture_url, country, link_in_bio, profile_url,
                                                tokmail_email, created_at, updated_at, status, banned, bundle_id, ext)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(WebhookEndpoint, id, url, signing_secret, created_at, updated_at,
                                                events, description, enabled, deliveries, ext)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Event, id, type, created_at, data, dispatched)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(LedgerEntry, id, type, description, created_at, amount,
                                                balance_after, breakdown, request_id, method, path, idempotency_key,
                                                bundle_ids)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(IdempotencyRecord, body_fingerprint, status, response_body,
                                                created_at)

static void to_json(Json& j, const Tenant& t) {
  j = Json{{"key_hash", t.key_hash}, {"email", t.email},           {"balance", t.balance},
           {"ledger", t.ledger},     {"bundles", t.bundles},       {"bundle_order", t.bundle_order},
           {"saved_accounts", t.saved_accounts}, {"webhooks", t.webhooks}, {"events", t.events},
           {"idempotency", t.idempotency}, {"revoked", t.revoked}, {"ext", t.ext}};
}

static void from_json(const Json& j, Tenant& t) {
  t.key_hash = j.at("key_hash").get<std::string>();
  t.email = j.value("email", "");
  t.balance = j.value("balance", int64_t{0});
  t.ledger = j.value("ledger", std::vector<LedgerEntry>{});
  t.bundles = j.value("bundles", std::map<std::string, Bundle>{});
  t.bundle_order = j.value("bundle_order", std::vector<std::string>{});
  t.saved_accounts = j.value("saved_accounts", std::map<std::string, SavedAccount>{});
  t.webhooks = j.value("webhooks", std::map<std::string, WebhookEndpoint>{});
  t.events = j.value("events", std::vector<Event>{});
  t.idempotency = j.value("idempotency", std::map<std::string, IdempotencyRecord>{});
  t.revoked = j.value("revoked", false);
  t.ext = j.value("ext", Json::object());
}

template <class Rng>
static std::string rng_state(const Rng& rng) {
  std::ostringstream out;
  out << rng;
  return out.str();
}

Json world_to_json(const World& world) {
  Json tenants = Json::object();
  for (const auto& [hash, t] : world.tenants) tenants[hash] = t;
  return Json{{"format", 1},
              {"starting_credits", world.starting_credits},
              {"clock_offset_seconds", world.clock_offset.count()},
              {"id_rng", rng_state(world.id_rng)},
              {"fault_rng", rng_state(world.fault_rng)},
              {"tenants", std::move(tenants)}};
}

Status world_from_json(World& world, const Json& doc) {
  try {
    if (doc.value("format", 0) != 1) return invalid_input("unsupported sim state format");
    world.starting_credits = doc.value("starting_credits", world.starting_credits);
    world.clock_offset = std::chrono::seconds(doc.value("clock_offset_seconds", int64_t{0}));
    std::istringstream(doc.at("id_rng").get<std::string>()) >> world.id_rng;
    std::istringstream(doc.at("fault_rng").get<std::string>()) >> world.fault_rng;
    world.tenants.clear();
    for (const auto& [hash, t] : doc.at("tenants").items()) world.tenants[hash] = t.get<Tenant>();
  } catch (const Json::exception& e) {
    return invalid_input(std::string("sim state is not a valid world document: ") + e.what());
  }
  return {};
}

}  // namespace ugc::sim
