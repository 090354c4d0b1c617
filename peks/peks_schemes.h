// Registry entries of the public-key schemes:
//   peks-bdop04  PEKS, Boneh-Di Crescenzo-Ostrovsky-Persiano EUROCRYPT 2004 (bdop04.h)
//   paeks-hl17   PAEKS, Huang-Li Information Sciences 2017 (hl17.h)
// Both keep (rid -> tag || id box) entries on the server (peks_messages.h); a search sends
// one trapdoor and the server tests every stored tag. The index's master key derives the
// receiver's scalars (and HL17's sender scalar); see peks_keys.h.
//
// Leakage (both): at rest, the number of pairs N only (tags are randomized, ids boxed);
// a search reveals the trapdoor (deterministic per keyword: search pattern), which stored
// entries match (access pattern) and their number; never a document id. An insert
// reveals one new entry and when it came. Not forward private: a trapdoor the server
// kept also tests tags inserted later. BDOP'04 falls to keyword guessing by anyone with
// the public key (keyword_guessing.h); HL'17 does not without the sender's key.
#ifndef SSELAB_PEKS_PEKS_SCHEMES_H_
#define SSELAB_PEKS_PEKS_SCHEMES_H_

#include "index/registry.h"

namespace sselab::peks {

index::SchemeEntry Bdop04Scheme();
index::SchemeEntry Hl17Scheme();
index::SchemeEntry PaeksDhScheme();

}  // namespace sselab::peks

#endif  // SSELAB_PEKS_PEKS_SCHEMES_H_
