#include "sse/diana/diana_scheme.h"

#include "sse/diana/diana_client.h"
#include "sse/diana/diana_server.h"

namespace sselab::sse::diana {

index::SchemeEntry DianaScheme() {
  index::SchemeEntry e;
  e.info.name = "diana";
  e.info.title = "Diana (Bost, Minaud, Ohrimenko, CCS 2017)";
  e.info.family = index::Family::kSse;
  e.info.capabilities = {.dynamic = true};
  e.info.leakage = {
      .setup = "N (number of pairs)",
      .search = "search pattern, access pattern (the entries of w's updates), result ids, volume",
      .update = "the number of pairs in the batch; nothing links it to earlier searches",
      .forward_private = true};
  e.info.paper = "bmo17";
  e.info.client_state = true;
  e.new_client = [](const index::ClientContext& ctx) -> Result<std::unique_ptr<index::Client>> {
    if (ctx.key == nullptr) return InternalError("diana needs a key");
    if (ctx.state == nullptr) return InternalError("diana needs a client-state store");
    return DianaClient::Create(*ctx.key, *ctx.state, ctx.channel);
  };
  e.new_server = [](const index::ServerContext& ctx) -> Result<std::unique_ptr<index::Server>> {
    return std::unique_ptr<index::Server>(new DianaServer(ctx.store));
  };
  e.view = [](const index::Params&) {
    return index::ViewFormat{.result_items = [](ByteView body) {
      return index::EqualSizeItems(body, "diana search reply");
    }};
  };
  return e;
}

}  // namespace sselab::sse::diana
