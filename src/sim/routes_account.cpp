// The bundle account: GET and PUT /bundles/{id}/account (docs/tokportal-api.md §5.10).
#include "ugc/sim/routes.hpp"

#include <algorithm>
#include <regex>

#include "ugc/sim/fields.hpp"
#include "ugc/sim/publishing.hpp"
#include "ugc/sim/views.hpp"

namespace ugc::sim {
namespace {

Bundle& account_bundle(Call& c) {
  Bundle& b = owned_bundle(c.world, *c.tenant, c.param("id"));
  if (!b.creates_account())
    fail(404, "ACCOUNT_NOT_FOUND", "videos_only bundles run on a delivered account and have no account step",
         Json{{"bundle_id", b.id}});
  return b;
}

bool valid_username(const std::string& u) {
  return std::all_of(u.begin(), u.end(), [](char ch) {
    return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '.';
  });
}

bool valid_url(const std::string& u) {
  static const std::regex re(R"(^https?://[^\s/$.?#][^\s]*$)", std::regex::icase);
  return std::regex_match(u, re);
}

Reply configure(Call& c) {
  const Json& body = fields::object_body(c);
  fields::reject_unknown(body, {"username", "visible_name", "biography", "profile_picture_url", "link_in_bio",
                                "niche_warming_instructions", "advanced_warming_terms"});
  Bundle& b = account_bundle(c);
  require_open(b);
  if (b.status != "pending_setup")
    fail(409, "BUNDLE_INVALID_STATUS", "The account can be configured only while the bundle is pending_setup (unpublish first)",
         Json{{"current_status", b.status}});
  if (b.account.status != "pending" && b.account.status != "configured")
    fail(409, "ACCOUNT_INVALID_STATUS", "The account is " + b.account.status, Json{{"current_status", b.account.status}});

  const std::string username = fields::req_string(body, "username", 24, 1);
  if (!valid_username(username))
    fields::invalid("username", "username may contain only letters, digits, '_' and '.'");
  const std::string visible_name = fields::req_string(body, "visible_name", 30, 1);
  auto biography = fields::opt_string(body, "biography", 80);
  auto picture = fields::opt_string(body, "profile_picture_url", 2048, 1);
  auto link = fields::opt_string(body, "link_in_bio", 2048, 1);
  if (link && b.platform != "instagram") fields::invalid("link_in_bio", "link_in_bio is available on Instagram only");
  if (link && !valid_url(*link)) fields::invalid("link_in_bio", "link_in_bio must be a valid http(s) URL");
  auto niche = fields::opt_string(body, "niche_warming_instructions", 2000);
  if (niche && !b.wants_niche_warming)
    fields::invalid("niche_warming_instructions", "This bundle did not order niche warming");
  auto terms = fields::opt_string_array(body, "advanced_warming_terms");
  if (terms) {
    if (!b.wants_advanced_warming)
      fail(404, "WARMING_SESSION_NOT_FOUND", "This bundle did not order advanced warming");
    if (!b.account.advanced_warming_terms.empty())
      fail(409, "WARMING_TERMS_ALREADY_SET", "Warming targets are set once");
    if (static_cast<int>(terms->size()) != b.advanced_warming_terms_count)
      fail(400, "ADVANCED_WARMING_TERMS", "Give exactly the purchased number of warming terms",
           Json{{"purchased_terms_count", b.advanced_warming_terms_count}, {"terms_count", terms->size()}});
  }

  BundleAccount& a = b.account;
  a.username = username;
  a.visible_name = visible_name;
  a.biography = biography;
  a.profile_picture_url = picture;
  a.link_in_bio = link;
  if (niche) a.niche_warming_instructions = niche;
  if (terms) a.advanced_warming_terms = *terms;
  a.status = "configured";
  a.configured_at = c.world.now_iso();
  Json event = bundle_event_data(b);
  event["account_status"] = a.status;
  event["username"] = username;
  c.world.emit(*c.tenant, "account.configured", std::move(event));
  Json data = bundle_account_json(b);
  return Reply::data(data);
}

}  // namespace

void register_account_routes(Router& router, World&, ServerHooks&) {
  router.get("/bundles/{id}/account", [](Call& c) { return Reply::data(bundle_account_json(account_bundle(c))); });
  router.put("/bundles/{id}/account", configure);
}

}  // namespace ugc::sim
