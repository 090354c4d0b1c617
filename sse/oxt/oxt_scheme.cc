#include "sse/oxt/oxt_scheme.h"

#include <cstdlib>
#include <string>

#include "sse/oxt/oxt_client.h"
#include "sse/oxt/oxt_server.h"

namespace sselab::sse::oxt {
namespace {

constexpr std::string_view kXSetParam = "xset";
constexpr std::string_view kFpParam = "xset_fp";

// A false-positive rate: a decimal number in [1e-15, 0.5].
Result<double> ParseFp(std::string_view v) {
  const std::string text(v);
  char* end = nullptr;
  const double fp = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || !(fp >= 1e-15 && fp <= 0.5)) {
    return InvalidArgumentError("xset_fp must be a number in [1e-15, 0.5], got '" + text + "'");
  }
  return fp;
}

XSetOptions XSetOf(const index::Params& params) {
  if (params.Get(kXSetParam) != "bloom") return {};
  return {.bloom_fp = ParseFp(params.Get(kFpParam)).value()};  // checked by Params
}

}  // namespace

index::SchemeEntry OxtScheme() {
  index::SchemeEntry e;
  e.info.name = "oxt";
  e.info.title = "OXT (Cash et al., CRYPTO 2013)";
  e.info.family = index::Family::kSse;
  e.info.capabilities = {.conjunctive = true, .response_hiding = true};
  e.info.leakage = {
      .setup = "N (number of pairs, the TSet's entries and the XSet's xtags)",
      .search =
          "a keyword alone: search pattern, access pattern (its TSet entries), volume; "
          "ids stay encrypted",
      .update = "-",
      .result_ids = false,
      .conjunction =
          "the s-term's search pattern and entry count |DB(s)| (its TSet entries); the "
          "number of x-terms; which s-term entries match every x-term (the result pattern, "
          "so the result's size); for each s-term entry, which x-terms' XSet tests pass "
          "until the first that fails, and the xtags tested, which repeat across queries "
          "that share an x-term and a document (the conditional intersection pattern); "
          "not the x-terms' own result sizes"};
  e.info.paper = "cjjkrs13";
  e.info.client_state = true;  // |DB(w)| per keyword, to choose the s-term
  e.info.params = {
      {.name = std::string(kXSetParam),
       .default_value = "table",
       .choices = {"table", "bloom"},
       .help = "where the server tests XSet membership: table (the RocksDB table, exact, "
               "about 1 us a test) or bloom (a Bloom filter of it in memory, filled at the "
               "server's first conjunction; a false positive at rate xset_fp per test adds a "
               "wrong result)"},
      {.name = std::string(kFpParam),
       .default_value = "1e-9",
       .help = "false-positive rate of the Bloom filter (xset=bloom), in [1e-15, 0.5]; "
               "about 1.9 log2(1/rate) bits of memory per pair",
       .check = [](std::string_view v) -> Status {
         auto fp = ParseFp(v);
         return fp.ok() ? OkStatus() : Status(fp.error());
       }}};
  e.leakage_for = [base = e.info.leakage](const index::Params& params) {
    index::LeakageProfile l = base;
    if (params.Get(kXSetParam) == "bloom") {
      l.conjunction +=
          "; with xset=bloom the XSet tests read no stored entry (the filter is "
          "in memory) but the server computes the same xtags";
    }
    return l;
  };
  e.new_client = [](const index::ClientContext& ctx) -> Result<std::unique_ptr<index::Client>> {
    if (ctx.key == nullptr) return InternalError("oxt needs a key");
    if (ctx.state == nullptr) return InternalError("oxt needs a client-state store");
    return OxtClient::Create(*ctx.key, ctx.channel, *ctx.state);
  };
  e.new_server = [](const index::ServerContext& ctx) -> Result<std::unique_ptr<index::Server>> {
    return std::unique_ptr<index::Server>(new OxtServer(ctx.store, XSetOf(ctx.params)));
  };
  e.view = [](const index::Params&) {
    // varint k | k × 16-byte e: encrypted ids.
    return index::ViewFormat{.result_items = [](ByteView body) {
      return index::EqualSizeItems(body, "oxt search reply");
    }};
  };
  return e;
}

}  // namespace sselab::sse::oxt
