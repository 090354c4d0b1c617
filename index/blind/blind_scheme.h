// The blind index: a minimal-exposure token index of truncated keyed hashes.
//
// Construction (papers/blind-index.md): tag = HMAC-SHA256(K_field, w) with K_field =
// DeriveSubkey(K, "blind/field/<name>") ("blind/field/" for the unfielded index); the
// server sees only token = the first L bits of tag (L = param `bits`). Each (w, id) pair
// is an entry token || rid -> AEAD_{K_aead}(real | tag | id; AD = token) with a random
// 16-byte rid, so postings are decoupled from documents and from each other. The client
// drops entries whose full tag differs: collisions of short tokens cost bandwidth, never
// correctness. Deployed relatives: CipherSweet blind indexes, AWS Database Encryption SDK
// beacons.
//
// Leakage: at rest, the number of entries per bucket (padded with pad=pow2) and N;
// search: the token (search pattern up to collisions), the bucket's entries (access
// pattern) and their number (volume); never the result ids. Updates reveal the token;
// removes, and inserts with padding, also search the bucket. Not forward private.
// Deviations: per-field indexes (`fields` corpora) are not implemented yet; `pad` offers
// none and pow2 only.
#ifndef SSELAB_INDEX_BLIND_BLIND_SCHEME_H_
#define SSELAB_INDEX_BLIND_BLIND_SCHEME_H_

#include "index/registry.h"

namespace sselab::index::blind {

SchemeEntry BlindScheme();

}  // namespace sselab::index::blind

#endif  // SSELAB_INDEX_BLIND_BLIND_SCHEME_H_
