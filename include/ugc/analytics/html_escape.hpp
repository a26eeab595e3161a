#pragma once
// Escaping for text placed in HTML and SVG. Captions, creator names, market
// and video keys come from campaign files, which are untrusted: everything the
// report shows that is not our own markup goes through one of these.
#include <string>
#include <string_view>

namespace ugc::analytics {

// Text content and double-quoted attribute values: & < > " ' become
// entities, so no user text can open a tag, end an attribute or start a
// script. Control characters other than tab and newline are dropped (they are
// not allowed in HTML text and mean nothing to a reader).
std::string html_escape(std::string_view text);

}  // namespace ugc::analytics
