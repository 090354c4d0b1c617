// The blind index: a minimal-exposure token index of truncated keyed hashes.
//
// Construction (papers/blind-index.md): each keyword is split into field and word
// (index/field.h; field "" outside any field). tag = HMAC-SHA256(K_f, word) under the
// field's key K_f; the server sees only the token L_f | id_f | the first L_f bits of tag
// (L_f = `bits`, or the field's entry in `field_bits`; blind_messages.h). Each (w, id)
// pair is an entry token || rid -> AEAD_{K_aead}(real | tag | id; AD = token) with a
// random 16-byte rid, so postings are decoupled from documents and from each other. The
// client drops entries whose full tag differs: collisions of short tokens cost
// bandwidth, never correctness. Deployed relatives: CipherSweet blind indexes, AWS
// Database Encryption SDK beacons.
//
// Leakage: at rest, the number of entries per bucket (padded with `pad`), N, and which
// buckets share a token length and field id; search: the token (search pattern up to
// collisions), the bucket's entries (access pattern) and their number (volume); never
// the result ids. Updates reveal the token; removes, and inserts with padding, also
// search the bucket. Not forward private.
#ifndef SSELAB_INDEX_BLIND_BLIND_SCHEME_H_
#define SSELAB_INDEX_BLIND_BLIND_SCHEME_H_

#include "index/registry.h"

namespace sselab::index::blind {

SchemeEntry BlindScheme();

}  // namespace sselab::index::blind

#endif  // SSELAB_INDEX_BLIND_BLIND_SCHEME_H_
