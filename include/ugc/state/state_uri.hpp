#pragma once
// Where the state lives: an SQLite file path (the embedded default) or a
// PostgreSQL connection URI (postgres://... or postgresql://..., the shared
// state of a team). Credentials come from the URI's environment (PGPASSWORD,
// ~/.pgpass, PGSERVICE); a password written into the URI is used but never
// shown: every message names the state by redact_state_uri().
#include <string>
#include <string_view>

namespace ugc::state {

bool is_postgres_uri(std::string_view location);

// `location` without any password: the userinfo's ":password" and a
// `password=` query parameter are dropped. A file path comes back unchanged.
std::string redact_state_uri(std::string_view location);

}  // namespace ugc::state
