#pragma once
// Drops the TCP connection a request arrived on, without answering it: the
// fault `--drop-rate` ("the server did the work, the client never heard").
// cpp-httplib 0.11 does not expose the socket to handlers, so the socket is
// found by its (local port, remote port) pair among the process's descriptors
// and shut down; httplib's later write fails and it closes the descriptor.
// The client sees an empty reply / connection reset - a network error.
#include <httplib.h>

namespace ugc::sim {

// Returns false when the socket could not be found (nothing was dropped).
bool drop_connection(const httplib::Request& req);

}  // namespace ugc::sim
