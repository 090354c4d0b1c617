#include "index/plaintext/plaintext_scheme.h"

#include "index/plaintext/plaintext_client.h"
#include "index/plaintext/plaintext_server.h"

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
  return e;
}

}  // namespace sselab::index::plaintext
