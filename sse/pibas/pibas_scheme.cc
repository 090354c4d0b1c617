#include "sse/pibas/pibas_scheme.h"
#include "sse/common/mode.h"

#include "sse/pibas/pibas_client.h"
#include "sse/pibas/pibas_server.h"

namespace sselab::sse::pibas {
index::SchemeEntry PibasScheme() {
  index::SchemeEntry e;
  e.info.name = "pibas";
  e.info.title = "Π_bas (Cash et al., NDSS 2014)";
  e.info.family = index::Family::kSse;
  e.info.capabilities = {};
  e.info.leakage = {.setup = "N (number of pairs)",
                    .search = "search pattern, access pattern, volume; ids if mode=revealing",
                    .update = "-"};
  e.info.paper = "cjjkrs14";
  e.info.params = {ModeParam()};
  e.new_client = [](const index::ClientContext& ctx) -> Result<std::unique_ptr<index::Client>> {
    if (ctx.key == nullptr) return InternalError("pibas needs a key");
    return PibasClient::Create(*ctx.key, IsRevealing(ctx.params), ctx.channel);
  };
  e.new_server = [](const index::ServerContext& ctx) -> Result<std::unique_ptr<index::Server>> {
    return std::unique_ptr<index::Server>(new PibasServer(ctx.store, IsRevealing(ctx.params)));
  };
  e.view = [](const index::Params&) {
    // Both modes reply varint n | n equal-size items: ids (revealing) or ciphertexts.
    return index::ViewFormat{.result_items = [](ByteView body) {
      return index::EqualSizeItems(body, "pibas search reply");
    }};
  };
  DeclareModes(e);
  return e;
}

}  // namespace sselab::sse::pibas
