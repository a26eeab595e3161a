#pragma once
// The media_type stage of the pipeline (pipeline.hpp): an API request with a
// body must label it with the type its route takes (BodyKind):
// `application/json` (or a `+json` type), or `multipart/form-data` for the
// direct uploads; anything else — `text/plain`, form data, no Content-Type —
// is `415 UNSUPPORTED_MEDIA_TYPE` before anything runs. Parameters
// (`; charset=utf-8`) and letter case do not matter. An empty body needs no type.
#include "ugc/sim/request_context.hpp"

namespace ugc::sim {

StageAnswer check_media_type(const RequestContext& request);

}  // namespace ugc::sim
