#include "index/plaintext/plaintext_scheme.h"

#include "index/plaintext/plaintext_client.h"
#include "index/plaintext/plaintext_server.h"
#include "index/postings_codec.h"

namespace sselab::index::plaintext {

SchemeEntry PlaintextScheme() {
  SchemeEntry e;
  e.info.name = "plaintext";
  e.info.title = "Plaintext inverted index (baseline, no encryption)";
  e.info.family = Family::kPlaintext;
  e.info.capabilities = {.dynamic = true, .deletions = true};
  e.info.leakage = {.setup = "the whole inverted index",
                    .search = "the keyword and its result ids",
                    .update = "the keyword and document id",
                    .at_rest_frequency = true,
                    .plaintext = true};
  e.info.paper = "";
  e.info.needs_key = false;
  e.new_client = [](const ClientContext& ctx) -> Result<std::unique_ptr<Client>> {
    return std::unique_ptr<Client>(new PlaintextClient(ctx.channel));
  };
  e.new_server = [](const ServerContext& ctx) -> Result<std::unique_ptr<Server>> {
    return std::unique_ptr<Server>(new PlaintextServer(ctx.store));
  };
  e.view = [](const Params&) {
    return ViewFormat{// Keys start with varint len(w) | w: the keyword groups them.
                      .at_rest_group = [](std::string_view, ByteView key) -> Bytes {
                        ByteReader in(key, "plaintext key");
                        auto keyword = in.LengthPrefixed(kMaxKeywordBytes);
                        return keyword.ok() ? ToBytes(*keyword) : ToBytes(key);
                      },
                      // The reply is one packed postings list; each id is an item.
                      .result_items = [](ByteView body) -> Result<std::vector<Bytes>> {
                        ByteReader in(body, "plaintext search reply");
                        std::vector<DocId> ids;
                        SSELAB_RETURN_IF_ERROR(DecodePostings(in, ids));
                        SSELAB_RETURN_IF_ERROR(in.ExpectEnd());
                        std::vector<Bytes> items;
                        items.reserve(ids.size());
                        for (DocId id : ids) {
                          ByteWriter w(8);
                          w.U64(id);
                          items.push_back(w.Take());
                        }
                        return items;
                      }};
  };
  return e;
}

}  // namespace sselab::index::plaintext
