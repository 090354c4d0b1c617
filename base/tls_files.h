// TlsFiles: the certificate, key and CA files of one party of a mutual TLS connection.
//
// sselab authenticates both ends of every hop: `sselab serve` and its clients (net/), and
// the server and the Redis Cluster that holds its store (storage/redis_cluster_store.h).
// Each party presents a certificate issued by a CA the other trusts (`sselab pki` makes
// one; any PKI's PEM files work), and keeps its private key readable by itself alone.
#ifndef SSELAB_BASE_TLS_FILES_H_
#define SSELAB_BASE_TLS_FILES_H_

#include <filesystem>
#include <string_view>

#include "base/result.h"

namespace sselab {

struct TlsFiles {
  std::filesystem::path cert;  // PEM: this party's certificate (and any intermediates)
  std::filesystem::path key;   // PEM: its private key; mode 0600 (no group or other bits)
  std::filesystem::path ca;    // PEM: the CA certificate(s) the peer must chain to
  int refresh_seconds = 60;    // net/: how often the files are checked for a replacement
};

// Checks the three files before any connection is tried, so that a mistake is named by the
// option that set it: `option_prefix` + "-cert", "-key", "-ca" ("--tls" gives --tls-cert).
// kInvalidArgument naming the option for an unset path, kNotFound naming a missing file,
// kInvalidArgument for a key file readable by group or others (with the chmod that fixes
// it) or a refresh interval below 1 s, kIoError for an unreadable file. `role` starts
// every message ("server", "client", "store").
Status CheckTlsFiles(const TlsFiles& files, std::string_view role,
                     std::string_view option_prefix = "--tls");

}  // namespace sselab

#endif  // SSELAB_BASE_TLS_FILES_H_
