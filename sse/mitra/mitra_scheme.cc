#include "sse/mitra/mitra_scheme.h"

#include "sse/mitra/mitra_client.h"
#include "sse/mitra/mitra_server.h"

namespace sselab::sse::mitra {

index::SchemeEntry MitraScheme() {
  index::SchemeEntry e;
  e.info.name = "mitra";
  e.info.title = "Mitra (Chamani, Papadopoulos, Papamanthou, Jalili, CCS 2018)";
  e.info.family = index::Family::kSse;
  e.info.capabilities = {.dynamic = true, .deletions = true, .response_hiding = true};
  e.info.leakage = {
      .setup = "N (number of pairs)",
      .search =
          "search pattern, access pattern (the entries of every update of w, additions "
          "and deletions alike: their number and when each was made; with no deletions that number "
          "is the volume)",
      .update =
          "the number of pairs in the batch; nothing links it to earlier searches, nor "
          "tells an addition from a deletion",
      .result_ids = false,
      .forward_private = true,
      .backward_privacy = "Type-II"};
  e.info.paper = "cppj18";
  e.info.client_state = true;
  e.new_client = [](const index::ClientContext& ctx) -> Result<std::unique_ptr<index::Client>> {
    if (ctx.key == nullptr) return InternalError("mitra needs a key");
    if (ctx.state == nullptr) return InternalError("mitra needs a client-state store");
    return MitraClient::Create(*ctx.key, *ctx.state, ctx.channel);
  };
  e.new_server = [](const index::ServerContext& ctx) -> Result<std::unique_ptr<index::Server>> {
    return std::unique_ptr<index::Server>(new MitraServer(ctx.store));
  };
  e.view = [](const index::Params&) {
    return index::ViewFormat{.result_items = [](ByteView body) {
      return index::EqualSizeItems(body, "mitra search reply");
    }};
  };
  return e;
}

}  // namespace sselab::sse::mitra
