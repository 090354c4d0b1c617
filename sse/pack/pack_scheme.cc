#include "sse/pack/pack_scheme.h"
#include "sse/common/mode.h"

#include "sse/pack/pack_client.h"
#include "sse/pack/pack_server.h"

namespace sselab::sse::pack {

Result<Options> ParseOptions(const index::Params& params) {
  Options o;
  o.revealing = IsRevealing(params);
  SSELAB_ASSIGN_OR_RETURN(int64_t b, params.GetInt(kBlockIdsParam, 1, kMaxBlockIds));
  o.block_ids = static_cast<size_t>(b);
  return o;
}

index::SchemeEntry PackScheme() {
  index::SchemeEntry e;
  e.info.name = "pipack";
  e.info.title = "Π_pack (Cash et al., NDSS 2014)";
  e.info.family = index::Family::kSse;
  e.info.capabilities = {};
  e.info.leakage = {.setup = "number of blocks Σ⌈|DB(w)|/B⌉ (uniform entries)",
                    .search =
                        "search pattern, access pattern, volume in blocks; ids (and exact "
                        "volume) if mode=revealing",
                    .update = "-"};
  e.info.paper = "cjjkrs14";
  e.info.params = {
      ModeParam(),
      {.name = std::string(kBlockIdsParam),
       .default_value = std::to_string(kDefaultBlockIds),
       .choices = {},
       .help = "ids per dictionary entry (the paper's B), 1.." + std::to_string(kMaxBlockIds)}};
  e.new_client = [](const index::ClientContext& ctx) -> Result<std::unique_ptr<index::Client>> {
    if (ctx.key == nullptr) return InternalError("pipack needs a key");
    SSELAB_ASSIGN_OR_RETURN(Options o, ParseOptions(ctx.params));
    return PackClient::Create(*ctx.key, o, ctx.channel);
  };
  e.new_server = [](const index::ServerContext& ctx) -> Result<std::unique_ptr<index::Server>> {
    SSELAB_ASSIGN_OR_RETURN(Options o, ParseOptions(ctx.params));
    return std::unique_ptr<index::Server>(new PackServer(ctx.store, o));
  };
  e.view = [](const index::Params&) {
    // Both modes reply varint n | n equal-size items: ids (revealing) or ciphertexts.
    return index::ViewFormat{.result_items = [](ByteView body) {
      return index::EqualSizeItems(body, "pipack search reply");
    }};
  };
  DeclareModes(e);
  return e;
}

}  // namespace sselab::sse::pack
