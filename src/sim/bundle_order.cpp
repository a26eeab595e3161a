#include "ugc/sim/bundle_order.hpp"

#include <algorithm>
#include <set>

#include "ugc/sim/countries.hpp"
#include "ugc/sim/fields.hpp"
#include "ugc/sim/views.hpp"

namespace ugc::sim {
namespace {

constexpr int kMaxSlots = 500;

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

[[noreturn]] void warming_terms_error(const std::string& message, Json details = Json::object()) {
  fail(400, "ADVANCED_WARMING_TERMS", message, std::move(details));
}

bool valid_terms_count(int64_t n) { return n >= 3 && n <= 30 && n % 3 == 0; }

WarmingOrder parse_warming(const Json& body) {
  WarmingOrder w;
  if (fields::opt_bool(body, "wants_deep_warming").value_or(false))
    fail(400, "DEEP_WARMING_DEPRECATED", "Deep warming is discontinued; use advanced niche warming");
  w.advanced = fields::opt_bool(body, "wants_advanced_warming").value_or(false);
  auto terms = fields::opt_string_array(body, "advanced_warming_terms");
  const Json* count_json = body.contains("advanced_warming_terms_count") && !body["advanced_warming_terms_count"].is_null()
                               ? &body["advanced_warming_terms_count"] : nullptr;
  if (!w.advanced && (terms || count_json))
    fields::invalid(terms ? "advanced_warming_terms" : "advanced_warming_terms_count",
                    "Advanced warming fields require wants_advanced_warming: true");
  if (w.advanced) {
    if (terms.has_value() == (count_json != nullptr))
      warming_terms_error("Give exactly one of advanced_warming_terms or advanced_warming_terms_count");
    if (terms) {
      std::set<std::string> seen;
      for (const auto& raw : *terms) {
        std::string t = trim(raw);
        if (t.size() < 2 || t.size() > 50) warming_terms_error("Each warming term must be 2-50 characters", {{"term", raw}});
        if (seen.insert(lower(t)).second) w.terms.push_back(t);
      }
      if (!valid_terms_count(static_cast<int64_t>(w.terms.size())))
        warming_terms_error("Warming terms (after removing duplicates) must number 3-30, a multiple of 3",
                            {{"terms_count", w.terms.size()}});
      w.terms_count = static_cast<int>(w.terms.size());
    } else {
      if (!count_json->is_number_integer() || !valid_terms_count(count_json->get<int64_t>()))
        warming_terms_error("advanced_warming_terms_count must be 3-30, a multiple of 3");
      w.terms_count = count_json->get<int>();
    }
  }
  w.niche = fields::opt_bool(body, "wants_niche_warming").value_or(false);
  w.niche_instructions = fields::opt_string(body, "niche_warming_instructions", 2000);
  if (w.niche && w.advanced)
    fail(400, "WARMING_CONFLICT", "Review-based niche warming cannot be combined with advanced niche warming");
  if (w.niche && (!w.niche_instructions || w.niche_instructions->empty()))
    fields::invalid("niche_warming_instructions", "wants_niche_warming requires niche_warming_instructions");
  if (!w.niche && w.niche_instructions)
    fields::invalid("niche_warming_instructions", "niche_warming_instructions requires wants_niche_warming: true");
  return w;
}

std::string parse_platform(const Json& value, const std::string& field) {
  if (!value.is_string()) fields::invalid(field, field + " must be a string");
  const std::string p = value.get<std::string>();
  if (p == "youtube")
    fail(400, "YOUTUBE_DELAYED", "YouTube bundles cannot be ordered through the API yet", Json{{"platform", p}});
  if (p != "tiktok" && p != "instagram") fields::invalid(field, field + " must be one of: tiktok, instagram");
  return p;
}

std::string parse_country(const Json& body) {
  const std::string raw = fields::req_string(body, "country", 64);
  if (auto c = canonical_country(raw)) return *c;
  fail(400, "COUNTRY_NOT_ENABLED",
       is_videos_only_country(raw) ? "Country " + raw + " is open only for videos_only bundles"
                                   : "Country " + raw + " is not open for new accounts; see GET /countries",
       Json{{"country", raw}});
}

const char* const kWarmingFields[] = {"wants_advanced_warming", "advanced_warming_terms", "advanced_warming_terms_count",
                                      "wants_niche_warming",    "niche_warming_instructions", "wants_deep_warming",
                                      "wants_moderation",       "moderation_notice"};

}  // namespace

price::BundleCost BundleOrder::cost() const {
  return price::bundle_cost(bundle_type != "videos_only", videos, edits, warming.terms_count, warming.niche);
}

std::vector<BundleOrder> BulkOrder::bundles() const {
  std::vector<BundleOrder> out;
  for (const auto& platform : platforms)
    for (int i = 0; i < accounts_count; ++i) {
      BundleOrder o;
      const bool uploads = i < upload_accounts_count;
      o.bundle_type = uploads ? "account_and_videos" : "account_only";
      o.platform = platform;
      o.country = country;
      o.videos = uploads ? videos_per_account : 0;
      o.external_ref = external_ref;
      o.auto_finalize_videos = auto_finalize_videos;
      o.warming = warming;
      out.push_back(std::move(o));
    }
  return out;
}

BundleOrder parse_bundle_order(World& world, Tenant& tenant, const Json& body) {
  fields::reject_unknown(body, {"bundle_type", "platform", "country", "account_id", "videos_quantity", "edits_quantity",
                                "title", "external_ref", "auto_finalize_videos", kWarmingFields[0], kWarmingFields[1],
                                kWarmingFields[2], kWarmingFields[3], kWarmingFields[4], kWarmingFields[5],
                                kWarmingFields[6], kWarmingFields[7]});
  BundleOrder o;
  auto type = fields::opt_enum(body, "bundle_type", {"account_only", "account_and_videos", "videos_only"});
  if (!type) fields::invalid("bundle_type", "bundle_type is required");
  o.bundle_type = *type;
  o.platform = body.contains("platform") && !body["platform"].is_null() ? parse_platform(body["platform"], "platform")
                                                                         : "tiktok";
  o.account_id = fields::opt_string(body, "account_id", 64);
  if (o.bundle_type == "videos_only") {
    if (!o.account_id) fields::invalid("account_id", "account_id is required for videos_only bundles");
    auto it = tenant.saved_accounts.find(*o.account_id);
    if (it == tenant.saved_accounts.end()) {
      for (const auto& [h, other] : world.tenants)
        if (&other != &tenant && other.saved_accounts.count(*o.account_id))
          fail(403, "SAVED_ACCOUNT_NOT_OWNED", "This account belongs to another user", Json{{"account_id", *o.account_id}});
      fail(404, "SAVED_ACCOUNT_NOT_FOUND", "Delivered account not found", Json{{"account_id", *o.account_id}});
    }
    if (it->second.banned)
      fail(409, "MANAGED_ACCOUNT_TASK_BLOCKED", "The account is banned; no task can run on it",
           Json{{"account_id", *o.account_id}, {"reason", "banned"}});
    o.platform = it->second.platform;  // taken from the account
    auto c = canonical_country(it->second.country);
    o.country = c ? *c : it->second.country;
  } else {
    if (o.account_id)
      fail(400, "ACCOUNT_ID_NOT_ALLOWED", "account_id is only allowed on videos_only bundles",
           Json{{"bundle_type", o.bundle_type}});
    o.country = parse_country(body);
  }
  auto videos = fields::opt_int(body, "videos_quantity", 0, kMaxSlots);
  if (o.bundle_type == "account_only") {
    if (videos && *videos != 0) fields::invalid("videos_quantity", "account_only bundles have no video slots");
  } else {
    if (!videos || *videos < 1)
      fields::invalid("videos_quantity", "videos_quantity (1-500) is required for " + o.bundle_type);
    o.videos = static_cast<int>(*videos);
  }
  o.edits = static_cast<int>(fields::opt_int(body, "edits_quantity", 0, kMaxSlots).value_or(0));
  if (o.edits > o.videos) fields::invalid("edits_quantity", "edits_quantity cannot exceed videos_quantity");
  o.title = fields::opt_string(body, "title", 200);
  o.external_ref = fields::opt_string(body, "external_ref", 200);
  o.auto_finalize_videos = fields::opt_bool(body, "auto_finalize_videos").value_or(true);
  o.warming = parse_warming(body);
  return o;
}

BulkOrder parse_bulk_order(const Json& body) {
  fields::reject_unknown(body, {"platforms", "country", "accounts_count", "upload_accounts_count", "videos_per_account",
                                "external_ref", "auto_finalize_videos", kWarmingFields[0], kWarmingFields[1],
                                kWarmingFields[2], kWarmingFields[3], kWarmingFields[4], kWarmingFields[5],
                                kWarmingFields[6], kWarmingFields[7]});
  BulkOrder o;
  if (!body.contains("platforms") || !body["platforms"].is_array() || body["platforms"].empty())
    fields::invalid("platforms", "platforms must be a non-empty array of tiktok/instagram");
  for (const auto& p : body["platforms"]) {
    std::string platform = parse_platform(p, "platforms");
    if (std::find(o.platforms.begin(), o.platforms.end(), platform) != o.platforms.end())
      fields::invalid("platforms", "platforms lists " + platform + " twice");
    o.platforms.push_back(platform);
  }
  o.country = parse_country(body);
  o.accounts_count = static_cast<int>(fields::req_int(body, "accounts_count", 1, 100));
  o.upload_accounts_count = static_cast<int>(fields::opt_int(body, "upload_accounts_count", 0, 100).value_or(0));
  if (o.upload_accounts_count > o.accounts_count)
    fields::invalid("upload_accounts_count", "upload_accounts_count cannot exceed accounts_count");
  o.videos_per_account = static_cast<int>(fields::opt_int(body, "videos_per_account", 0, kMaxSlots).value_or(0));
  if (o.upload_accounts_count > 0 && o.videos_per_account == 0)
    fields::invalid("videos_per_account", "videos_per_account must be at least 1 when upload_accounts_count > 0");
  o.external_ref = fields::opt_string(body, "external_ref", 200);
  o.auto_finalize_videos = fields::opt_bool(body, "auto_finalize_videos").value_or(true);
  o.warming = parse_warming(body);
  return o;
}

void check_external_ref_free(const Tenant& tenant, const std::optional<std::string>& ref) {
  if (!ref) return;
  for (const auto& id : tenant.bundle_order) {
    const Bundle& b = tenant.bundles.at(id);
    if (b.creates_account() && b.external_ref == ref && b.status != "cancelled")
      fail(409, "DUPLICATE_ACCOUNT_BUNDLE", "A bundle with this external_ref already exists",
           Json{{"existing_bundle_id", b.id}, {"external_ref", *ref}});
  }
}

Bundle& create_bundle(World& world, Tenant& tenant, const BundleOrder& o) {
  Bundle b;
  b.id = world.new_uuid();
  b.bundle_type = o.bundle_type;
  b.platform = o.platform;
  b.country = o.country;
  b.title = o.title;
  b.external_ref = o.external_ref;
  b.videos_quantity = o.videos;
  b.edits_quantity = o.edits;
  b.auto_finalize_videos = o.auto_finalize_videos;
  b.wants_advanced_warming = o.warming.advanced;
  b.advanced_warming_terms_count = o.warming.terms_count;
  b.wants_niche_warming = o.warming.niche;
  b.account_id = o.account_id;
  if (o.account_id) b.saved_account_id = o.account_id;
  b.created_at = world.now_iso();
  if (b.creates_account()) {
    b.account.id = world.new_uuid();
    b.account.advanced_warming_terms = o.warming.terms;
    b.account.niche_warming_instructions = o.warming.niche_instructions;
  }
  for (int i = 1; i <= o.videos; ++i) {
    VideoSlot v;
    v.id = world.new_uuid();
    v.position = i;
    b.videos.push_back(std::move(v));
  }
  const std::string id = b.id;
  tenant.bundle_order.push_back(id);
  Bundle& stored = tenant.bundles[id] = std::move(b);
  world.emit(tenant, "bundle.created", bundle_event_data(stored));
  return stored;
}

}  // namespace ugc::sim
