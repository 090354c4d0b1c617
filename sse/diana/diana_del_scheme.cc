#include "sse/diana/diana_del_scheme.h"

#include "sse/diana/diana_del_client.h"
#include "sse/diana/diana_del_server.h"

namespace sselab::sse::diana {

index::SchemeEntry DianaDelScheme() {
  index::SchemeEntry e;
  e.info.name = "diana-del";
  e.info.title = "Diana_del (Bost, Minaud, Ohrimenko, CCS 2017)";
  e.info.family = index::Family::kSse;
  e.info.capabilities = {.dynamic = true, .deletions = true, .response_hiding = true};
  e.info.leakage = {
      .setup = "N (number of pairs)",
      .search =
          "search pattern, access pattern (the entries of every addition and deletion "
          "of w), volume, and which deletion cancels which addition; not the ids",
      .update =
          "the number of pairs in the batch and whether they are added or removed; "
          "nothing links it to earlier searches",
      .result_ids = false,
      .forward_private = true,
      .backward_privacy = "Type-III"};
  e.info.paper = "bmo17";
  e.info.client_state = true;
  e.new_client = [](const index::ClientContext& ctx) -> Result<std::unique_ptr<index::Client>> {
    if (ctx.key == nullptr) return InternalError("diana-del needs a key");
    if (ctx.state == nullptr) return InternalError("diana-del needs a client-state store");
    return DianaDelClient::Create(*ctx.key, *ctx.state, ctx.channel);
  };
  e.new_server = [](const index::ServerContext& ctx) -> Result<std::unique_ptr<index::Server>> {
    return std::unique_ptr<index::Server>(new DianaDelServer(ctx.store));
  };
  e.view = [](const index::Params&) {
    return index::ViewFormat{.result_items = [](ByteView body) {
      return index::EqualSizeItems(body, "diana-del search reply");
    }};
  };
  return e;
}

}  // namespace sselab::sse::diana
