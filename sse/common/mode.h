// The `mode` parameter of the static SSE schemes (Π_bas, Π_pack, Π_2lev) and what it
// changes in their declarations.
//
//   mode=revealing  the server decrypts result ids (as in the paper): it sees them.
//   mode=hiding     result ids stay encrypted under a key only the client holds.
// A scheme declares its leakage for the revealing mode; HidingAware() returns the entry
// hooks that declare result ids hidden (and response hiding) under mode=hiding, so the
// leakage lab's check fails if a hiding index ever hands the server a recurring id.
#ifndef SSELAB_SSE_COMMON_MODE_H_
#define SSELAB_SSE_COMMON_MODE_H_

#include "index/params.h"
#include "index/registry.h"
#include "index/scheme_info.h"

namespace sselab::sse {

index::ParamSpec ModeParam();
bool IsRevealing(const index::Params& params);

// Sets entry.leakage_for and entry.capabilities_for from entry.info (the revealing
// declaration): under mode=hiding, result_ids = false and response_hiding = true.
void DeclareModes(index::SchemeEntry& entry);

}  // namespace sselab::sse

#endif  // SSELAB_SSE_COMMON_MODE_H_
