#include "sse/twolev/twolev_scheme.h"
#include "sse/common/mode.h"

#include "sse/twolev/twolev_client.h"
#include "sse/twolev/twolev_server.h"

namespace sselab::sse::twolev {

Result<Options> ParseOptions(const index::Params& params) {
  Options o;
  o.revealing = IsRevealing(params);
  SSELAB_ASSIGN_OR_RETURN(int64_t b, params.GetInt(kDictIdsParam, 1, kMaxDictIds));
  SSELAB_ASSIGN_OR_RETURN(int64_t big_b, params.GetInt(kBlockIdsParam, 1, kMaxBlockIds));
  o.dict_ids = static_cast<size_t>(b);
  o.block_ids = static_cast<size_t>(big_b);
  return o;
}

index::SchemeEntry TwolevScheme() {
  index::SchemeEntry e;
  e.info.name = "twolev";
  e.info.title = "Π_2lev (Cash et al., NDSS 2014)";
  e.info.family = index::Family::kSse;
  e.info.capabilities = {};
  e.info.leakage = {.setup = "|W| (dictionary entries) and |A| (array blocks)",
                    .search =
                        "search pattern, access pattern (list shape and block count), "
                        "volume in blocks; ids (and exact volume) if mode=revealing",
                    .update = "-"};
  e.info.paper = "cjjkrs14";
  e.info.params = {ModeParam(),
                   {.name = std::string(kDictIdsParam),
                    .default_value = std::to_string(kDefaultDictIds),
                    .choices = {},
                    .help = "ids or pointers per dictionary entry (the paper's b = b'; lists "
                            "up to this long are small), 1.." +
                            std::to_string(kMaxDictIds)},
                   {.name = std::string(kBlockIdsParam),
                    .default_value = std::to_string(kDefaultBlockIds),
                    .choices = {},
                    .help = "ids or pointers per array block (the paper's B = B'; lists up to "
                            "dict_ids × block_ids are medium, up to dict_ids × block_ids² "
                            "large), 1.." +
                            std::to_string(kMaxBlockIds)}};
  e.new_client = [](const index::ClientContext& ctx) -> Result<std::unique_ptr<index::Client>> {
    if (ctx.key == nullptr) return InternalError("twolev needs a key");
    SSELAB_ASSIGN_OR_RETURN(Options o, ParseOptions(ctx.params));
    return TwolevClient::Create(*ctx.key, o, ctx.channel);
  };
  e.new_server = [](const index::ServerContext& ctx) -> Result<std::unique_ptr<index::Server>> {
    SSELAB_ASSIGN_OR_RETURN(Options o, ParseOptions(ctx.params));
    return std::unique_ptr<index::Server>(new TwolevServer(ctx.store, o));
  };
  e.view = [](const index::Params& params) {
    bool revealing = IsRevealing(params);
    return index::ViewFormat{.result_items = [revealing](ByteView body) {
      // Revealing: varint n | ids. Hiding: u8 source | varint m | m sealed blocks.
      if (revealing || body.empty()) return index::EqualSizeItems(body, "twolev search reply");
      return index::EqualSizeItems(body.subspan(1), "twolev search reply");
    }};
  };
  DeclareModes(e);
  return e;
}

}  // namespace sselab::sse::twolev
