#include "sse/common/mode.h"

namespace sselab::sse {

index::ParamSpec ModeParam() {
  return {.name = "mode",
          .default_value = "revealing",
          .choices = {"revealing", "hiding"},
          .help =
              "revealing: the server decrypts result ids (as in the paper); "
              "hiding: only the client can"};
}

bool IsRevealing(const index::Params& params) { return params.Get("mode") == "revealing"; }

void DeclareModes(index::SchemeEntry& entry) {
  entry.leakage_for = [revealing = entry.info.leakage](const index::Params& params) {
    index::LeakageProfile l = revealing;
    if (!IsRevealing(params)) l.result_ids = false;
    return l;
  };
  entry.capabilities_for = [revealing = entry.info.capabilities](const index::Params& params) {
    index::Capabilities c = revealing;
    if (!IsRevealing(params)) c.response_hiding = true;
    return c;
  };
}

}  // namespace sselab::sse
