// ugc webhooks register|list|test|delete|deliveries: the TokPortal webhook
// endpoints of the API key, managed through the API (docs/tokportal-api.md §9.1).
//
// register writes the one-time signing secret to the file named by
// --secret-out and nowhere else (not stdout, not logs, not the state). The file
// is created (0600, exclusively) BEFORE the endpoint, so an existing file or an
// unwritable place stops the command while nothing exists on the server. If
// the endpoint is created but the secret cannot be written, or the create
// fails with an unknown outcome, the endpoint is deleted again: no endpoint is
// left whose secret nobody has.
#include <cstdio>
#include <iostream>
#include <memory>
#include <set>

#include "ugc/api/client.hpp"
#include "ugc/api/webhook_deliveries.hpp"
#include "ugc/api/webhooks.hpp"
#include "ugc/cli/command.hpp"
#include "ugc/cli/online_state.hpp"
#include "ugc/cli/secret_file.hpp"
#include "ugc/core/json.hpp"
#include "ugc/core/log.hpp"

namespace ugc::cli {
// A named namespace: the unity build puts this file next to other commands
// whose file-scope helpers (print_json, run_list, ...) have the same names.
namespace webhook_endpoints {
namespace {

struct EndpointFlags {
  std::string format = "text";
  std::string api_url, api_key_file;
  std::string url;                  // register
  std::vector<std::string> events;  // register
  std::string secret_out;           // register
  std::string description;          // register
  std::string id;                   // test, delete, deliveries
  bool failed_only = false;         // deliveries
  std::string event_type;           // deliveries
  std::string retry_id;             // deliveries --retry
  bool retry_failed = false;        // deliveries --retry-failed
  bool json() const { return format == "json"; }
};

void print_json(const OrderedJson& doc) { std::cout << doc.dump(2) << "\n"; }

std::string joined(const std::vector<std::string>& items, const char* sep = ", ") {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : sep) + s;
  return out;
}

std::string or_dash(const std::string& s) { return s.empty() ? "-" : s; }

Result<std::shared_ptr<api::Client>> make_endpoint_client(const EndpointFlags& flags,
                                                          const std::shared_ptr<Clock>& clock) {
  return online_client(flags.api_url, flags.api_key_file, clock);
}

// --- register ----------------------------------------------------------------

// Without --events: every type the catalog says TokPortal emits today.
Result<std::vector<std::string>> events_to_subscribe(api::Client& client, const EndpointFlags& flags) {
  if (!flags.events.empty()) return flags.events;
  auto catalog = api::list_webhook_event_types(client);
  if (!catalog) return catalog.error().with_context("reading the event catalog (or pass --events)");
  std::vector<std::string> emitted;
  for (const auto& t : *catalog)
    if (t.emitted && t.type != "webhook.test") emitted.push_back(t.type);
  if (emitted.empty()) return invalid_input("the event catalog marks no event as emitted: pass --events");
  return emitted;
}

std::set<std::string> endpoint_ids_for(const std::vector<api::WebhookEndpoint>& endpoints, const std::string& url) {
  std::set<std::string> ids;
  for (const auto& e : endpoints)
    if (e.url == url) ids.insert(e.id);
  return ids;
}

// DELETE /webhooks/{id}, where "already gone" is success: a retried delete
// whose first attempt ran answers 404.
Status delete_endpoint(api::Client& client, const std::string& id) {
  auto deleted = api::delete_webhook(client, id);
  if (!deleted && deleted.error().kind() == ErrorKind::not_found) return {};
  return deleted;
}

// After a create whose outcome is unknown (the connection died after sending):
// deletes endpoints for `url` that were not there before. Returns what it did.
std::string remove_orphans(api::Client& client, const std::string& url, const std::set<std::string>& before) {
  auto now = api::list_webhooks(client);
  if (!now) return "could not check whether it was created (" + now.error().message() +
                   "); run `ugc webhooks list` and delete an endpoint for " + url + " you did not make";
  int removed = 0;
  for (const auto& id : endpoint_ids_for(*now, url)) {
    if (before.count(id)) continue;
    if (!delete_endpoint(client, id)) return "endpoint " + id + " was created but could not be deleted: delete it";
    ++removed;
  }
  return removed ? "the endpoint it created was deleted again (its secret was never received)"
                 : "no endpoint was created";
}

void print_registered(const EndpointFlags& flags, const api::WebhookEndpoint& e, const std::string& secret_file) {
  if (flags.json()) {
    print_json(OrderedJson{{"id", e.id}, {"url", e.url}, {"events", e.events}, {"enabled", e.enabled},
                           {"secret_file", secret_file}});
    return;
  }
  std::printf("Registered webhook endpoint %s\n", e.id.c_str());
  std::printf("  url:     %s\n", e.url.c_str());
  std::printf("  events:  %s\n", joined(e.events).c_str());
  std::printf("  secret:  written to %s (mode 0600); TokPortal shows it only once\n", secret_file.c_str());
}

Result<int> run_register(const EndpointFlags& flags, const std::shared_ptr<Clock>& clock) {
  auto client = make_endpoint_client(flags, clock);
  if (!client) return client.error();
  auto secret_file = SecretFile::create(flags.secret_out);  // before anything exists on the server
  if (!secret_file) return secret_file.error().with_context("--secret-out");
  auto events = events_to_subscribe(**client, flags);
  if (!events) return events.error();
  auto existing = api::list_webhooks(**client);
  if (!existing) return existing.error();
  const auto before = endpoint_ids_for(*existing, flags.url);
  if (!before.empty())
    std::fprintf(stderr, "note: %zu endpoint(s) already deliver to %s; a receiver there gets each event once per "
                         "endpoint\n", before.size(), flags.url.c_str());

  api::CreateWebhookRequest request{flags.url, *events, std::nullopt};
  if (!flags.description.empty()) request.description = flags.description;
  auto created = api::create_webhook(**client, request);
  if (!created) {
    // A refused create (4xx) made nothing; any other failure may have.
    if (created.error().kind() == ErrorKind::invalid_input) return created.error();
    return created.error().with_context("creating the endpoint failed; " + remove_orphans(**client, flags.url, before));
  }
  if (auto written = secret_file->write(created->signing_secret); !written) {
    auto removed = delete_endpoint(**client, created->endpoint.id);
    return written.error().with_context(removed ? "the endpoint was deleted again, nothing is left"
                                                : "endpoint " + created->endpoint.id +
                                                      " has a lost secret and could not be deleted: delete it");
  }
  print_registered(flags, created->endpoint, flags.secret_out);
  return kExitOk;
}

// --- list, test, delete ------------------------------------------------------

OrderedJson endpoint_json(const api::WebhookEndpoint& e) {
  return OrderedJson{{"id", e.id},
                     {"url", e.url},
                     {"events", e.events},
                     {"description", e.description ? OrderedJson(*e.description) : OrderedJson(nullptr)},
                     {"enabled", e.enabled},
                     {"created_at", e.created_at}};
}

Result<int> run_list(const EndpointFlags& flags, const std::shared_ptr<Clock>& clock) {
  auto client = make_endpoint_client(flags, clock);
  if (!client) return client.error();
  auto endpoints = api::list_webhooks(**client);
  if (!endpoints) return endpoints.error();
  if (flags.json()) {
    OrderedJson items = OrderedJson::array();
    for (const auto& e : *endpoints) items.push_back(endpoint_json(e));
    print_json(OrderedJson{{"webhooks", items}});
    return kExitOk;
  }
  if (endpoints->empty()) std::printf("no webhook endpoints\n");
  for (const auto& e : *endpoints)
    std::printf("%-36s %-8s %s\n  events: %s\n", e.id.c_str(), e.enabled ? "enabled" : "disabled", e.url.c_str(),
                joined(e.events).c_str());
  return kExitOk;
}

Result<int> run_test(const EndpointFlags& flags, const std::shared_ptr<Clock>& clock) {
  auto client = make_endpoint_client(flags, clock);
  if (!client) return client.error();
  auto sent = api::test_webhook(**client, flags.id);
  if (!sent) return sent.error();
  if (flags.json()) {
    print_json(OrderedJson{{"webhook_id", flags.id}, {"event_id", sent->event_id},
                           {"delivery_id", sent->delivery_id}, {"status", sent->status}});
    return kExitOk;
  }
  std::printf("Sent webhook.test event %s to %s (delivery %s, %s).\n", sent->event_id.c_str(), flags.id.c_str(),
              or_dash(sent->delivery_id).c_str(), or_dash(sent->status).c_str());
  std::printf("See how it went: ugc webhooks deliveries %s\n", flags.id.c_str());
  return kExitOk;
}

Result<int> run_delete(const EndpointFlags& flags, const std::shared_ptr<Clock>& clock) {
  auto client = make_endpoint_client(flags, clock);
  if (!client) return client.error();
  if (auto deleted = api::delete_webhook(**client, flags.id); !deleted) return deleted.error();
  if (flags.json())
    print_json(OrderedJson{{"deleted", flags.id}});
  else
    std::printf("Deleted webhook endpoint %s.\n", flags.id.c_str());
  return kExitOk;
}

// --- deliveries ----------------------------------------------------------------

OrderedJson delivery_json(const api::WebhookDelivery& d) {
  return OrderedJson{{"id", d.id},
                     {"event_id", d.event_id},
                     {"event_type", d.event_type},
                     {"status", d.status},
                     {"success", d.success},
                     {"attempts", d.attempts},
                     {"response_status_code",
                      d.response_status_code ? OrderedJson(*d.response_status_code) : OrderedJson(nullptr)},
                     {"error", d.error.empty() ? OrderedJson(nullptr) : OrderedJson(d.error)},
                     {"created_at", d.created_at},
                     {"last_attempt_at", d.last_attempt_at}};
}

void print_delivery_table(const std::vector<api::WebhookDelivery>& deliveries) {
  if (deliveries.empty()) {
    std::printf("no deliveries\n");
    return;
  }
  std::printf("%-36s %-28s %-9s %8s %4s  %s\n", "DELIVERY", "EVENT TYPE", "STATUS", "ATTEMPTS", "HTTP", "EVENT ID");
  for (const auto& d : deliveries) {
    const std::string http = d.response_status_code ? std::to_string(*d.response_status_code) : "-";
    std::printf("%-36s %-28s %-9s %8lld %4s  %s\n", d.id.c_str(), d.event_type.c_str(), or_dash(d.status).c_str(),
                static_cast<long long>(d.attempts), http.c_str(), d.event_id.c_str());
    if (!d.error.empty()) std::printf("  error: %s\n", d.error.c_str());
  }
}

Result<std::vector<api::WebhookDelivery>> listed_deliveries(api::Client& client, const EndpointFlags& flags) {
  api::DeliveryFilter filter;
  if (flags.failed_only || flags.retry_failed) filter.success = false;
  filter.event_type = flags.event_type;
  auto all = api::list_webhook_deliveries(client, flags.id, filter);
  if (!all) return all.error();
  // success=false also holds deliveries still being retried: keep the given-up ones.
  if (flags.failed_only || flags.retry_failed) std::erase_if(*all, [](const auto& d) { return !d.failed(); });
  return all;
}

struct RetryOutcome {
  std::vector<api::WebhookDelivery> retried;
  std::vector<std::pair<std::string, Error>> failures;  // delivery id, why
};

RetryOutcome retry_each(api::Client& client, const std::string& endpoint_id, const std::vector<std::string>& ids) {
  RetryOutcome out;
  for (const auto& id : ids) {
    auto r = api::retry_webhook_delivery(client, endpoint_id, id);
    if (r)
      out.retried.push_back(std::move(*r));
    else
      out.failures.emplace_back(id, r.error());
  }
  return out;
}

int report_deliveries(const EndpointFlags& flags, const std::vector<api::WebhookDelivery>& listed,
                      const RetryOutcome& retries, bool retrying) {
  if (flags.json()) {
    OrderedJson doc{{"webhook_id", flags.id}, {"deliveries", OrderedJson::array()}};
    for (const auto& d : listed) doc["deliveries"].push_back(delivery_json(d));
    if (retrying) {
      doc["retried"] = OrderedJson::array();
      for (const auto& d : retries.retried) doc["retried"].push_back(delivery_json(d));
      doc["retry_errors"] = OrderedJson::array();
      for (const auto& [id, e] : retries.failures)
        doc["retry_errors"].push_back(OrderedJson{{"id", id}, {"error", log::redact(e.message())}});
    }
    print_json(doc);
  } else {
    if (!(retrying && listed.empty())) print_delivery_table(listed);
    for (const auto& d : retries.retried)
      std::printf("Retrying delivery %s (%s %s): %s after %lld attempt(s).\n", d.id.c_str(), d.event_type.c_str(),
                  d.event_id.c_str(), or_dash(d.status).c_str(), static_cast<long long>(d.attempts));
    if (retrying && retries.retried.empty() && retries.failures.empty()) std::printf("nothing to retry\n");
  }
  for (const auto& [id, e] : retries.failures)
    std::fprintf(stderr, "error: retrying delivery %s: %s\n", id.c_str(), log::redact(e.message()).c_str());
  return retries.failures.empty() ? kExitOk : kExitError;
}

Result<int> run_deliveries(const EndpointFlags& flags, const std::shared_ptr<Clock>& clock) {
  auto client = make_endpoint_client(flags, clock);
  if (!client) return client.error();
  std::vector<api::WebhookDelivery> listed;
  std::vector<std::string> to_retry;
  if (!flags.retry_id.empty()) {
    to_retry.push_back(flags.retry_id);
  } else {
    auto all = listed_deliveries(**client, flags);
    if (!all) return all.error();
    listed = std::move(*all);
    if (flags.retry_failed)
      for (const auto& d : listed) to_retry.push_back(d.id);
  }
  const bool retrying = !flags.retry_id.empty() || flags.retry_failed;
  return report_deliveries(flags, listed, retry_each(**client, flags.id, to_retry), retrying);
}

// --- flags -----------------------------------------------------------------------

void add_common_flags(CLI::App* app, EndpointFlags& flags) {
  app->add_option("--format", flags.format, "Output: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  app->add_option("--api-url", flags.api_url, "API base URL (default: TOKPORTAL_BASE_URL or the TokPortal API)");
  app->add_option("--api-key-file", flags.api_key_file, "File holding the API key (default: TOKPORTAL_API_KEY)");
}

constexpr const char* kExitHelp = "Exit codes: 0 done; 1 error (bad input, API error, a retry that failed).";

CLI::App* add_register(CLI::App& webhooks, EndpointFlags& flags) {
  CLI::App* sub = webhooks.add_subcommand("register", "Create a webhook endpoint; its signing secret goes to a file");
  sub->add_option("URL", flags.url, "HTTPS URL TokPortal delivers events to")->required();
  sub->add_option("--secret-out", flags.secret_out,
                  "New file for the one-time signing secret (mode 0600; an existing file is never overwritten)")
      ->required();
  sub->add_option("--events", flags.events,
                  "Event types, comma-separated (default: every type the catalog marks as emitted)")
      ->delimiter(',');
  sub->add_option("--description", flags.description, "Description shown in TokPortal (at most 500 characters)");
  sub->footer(
      "The secret is written only to --secret-out: never printed, logged or stored in the state. The file is "
      "created before the endpoint; if the endpoint cannot be created, or the secret cannot be written, no "
      "endpoint is left behind.\n" +
      std::string(kExitHelp));
  return sub;
}

CLI::App* add_deliveries(CLI::App& webhooks, EndpointFlags& flags) {
  CLI::App* sub = webhooks.add_subcommand("deliveries", "Show an endpoint's deliveries (newest first) and retry them");
  sub->add_option("ID", flags.id, "Webhook endpoint id")->required();
  sub->add_flag("--failed", flags.failed_only, "Only deliveries TokPortal gave up on");
  sub->add_option("--event-type", flags.event_type, "Only deliveries of this event type");
  auto* retry = sub->add_option("--retry", flags.retry_id, "Send this delivery again (by delivery id)");
  auto* retry_failed = sub->add_flag("--retry-failed", flags.retry_failed, "Send every failed delivery again");
  retry->excludes(retry_failed);
  sub->footer(kExitHelp);
  return sub;
}

}  // namespace
}  // namespace webhook_endpoints

CommandRun define_webhook_endpoint_commands(CLI::App& webhooks, std::shared_ptr<Clock> clock) {
  using namespace webhook_endpoints;
  auto flags = std::make_shared<EndpointFlags>();
  CLI::App* reg = add_register(webhooks, *flags);
  CLI::App* list = webhooks.add_subcommand("list", "List the webhook endpoints of the API key");
  CLI::App* test = webhooks.add_subcommand("test", "Send a webhook.test event to one endpoint");
  test->add_option("ID", flags->id, "Webhook endpoint id")->required();
  CLI::App* del = webhooks.add_subcommand("delete", "Delete a webhook endpoint (its secret stops being used)");
  del->add_option("ID", flags->id, "Webhook endpoint id")->required();
  CLI::App* deliveries = add_deliveries(webhooks, *flags);
  for (CLI::App* sub : {reg, list, test, del, deliveries}) add_common_flags(sub, *flags);
  for (CLI::App* sub : {list, test, del}) sub->footer(kExitHelp);

  return [=]() -> Result<int> {
    if (reg->parsed()) return run_register(*flags, clock);
    if (list->parsed()) return run_list(*flags, clock);
    if (test->parsed()) return run_test(*flags, clock);
    if (del->parsed()) return run_delete(*flags, clock);
    if (deliveries->parsed()) return run_deliveries(*flags, clock);
    return invalid_input("ugc webhooks: name a subcommand (see ugc webhooks --help)");
  };
}

}  // namespace ugc::cli
