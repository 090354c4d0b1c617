// Verifies BLS12-381 test-vector files against this implementation; the library side of
// `sselab crypto check-vectors FILE...`.
//
// Accepted formats (JSON):
//  * RFC 9380 hash-to-curve vectors: {"ciphersuite", "dst", "vectors": [{"msg",
//    "P": {"x", "y"}}]} for BLS12381G1_XMD:SHA-256_SSWU_RO_ and
//    BLS12381G2_XMD:SHA-256_SSWU_RO_ (G2 coordinates "c0,c1"; "u" checked when present).
//  * Pairing vectors: {"pairing": [{"P": hex G1 compressed, "Q": hex G2 compressed,
//    "e": hex GT (576 bytes)}]}, optionally with "g1_mul"/"g2_mul" ([{"k": hex scalar,
//    "P": hex compressed k * generator}]) and "hash_to_fr" ([{"msg", "dst", "s"}]).
#ifndef SSELAB_CRYPTO_PAIRING_VECTOR_CHECK_H_
#define SSELAB_CRYPTO_PAIRING_VECTOR_CHECK_H_

#include <string>
#include <vector>

#include "base/result.h"

namespace sselab::crypto::pairing {

struct VectorCheckReport {
  size_t passed = 0;
  size_t failed = 0;
  // One line per failed vector: "<file>: <section> #<index>: <reason>".
  std::vector<std::string> failures;
};

// Checks every vector in the JSON text `json`; `name` labels failures. Errors
// (kInvalidArgument): not JSON, or a file in none of the formats above. A malformed
// individual vector counts as failed, not as an error.
Result<VectorCheckReport> CheckVectorsJson(const std::string& json, const std::string& name);

// Reads `path` and runs CheckVectorsJson. Errors: kNotFound / kIoError when unreadable.
Result<VectorCheckReport> CheckVectorFile(const std::string& path);

}  // namespace sselab::crypto::pairing

#endif  // SSELAB_CRYPTO_PAIRING_VECTOR_CHECK_H_
