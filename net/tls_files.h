// TlsFiles: the certificate, key and CA files of one party of sselab's mutual TLS.
//
// Both sides of `sselab serve` authenticate: the server with a certificate for its host
// name, each client with a certificate naming its identity (subject CN), both issued by a
// CA the other side trusts (`sselab pki` makes one; any PKI's PEM files work). The files
// are re-read while running: replacing them (for a renewal) takes effect within
// `refresh_seconds`, without a restart.
#ifndef SSELAB_NET_TLS_FILES_H_
#define SSELAB_NET_TLS_FILES_H_

#include <filesystem>

#include "base/result.h"

namespace sselab::net {

struct TlsFiles {
  std::filesystem::path cert;  // PEM: this party's certificate (and any intermediates)
  std::filesystem::path key;   // PEM: its private key; mode 0600 (no group or other bits)
  std::filesystem::path ca;    // PEM: the CA certificate(s) the peer must chain to
  int refresh_seconds = 60;    // how often the files are checked for a replacement
};

// kInvalidArgument naming the option for an unset path, kNotFound naming a missing file,
// kInvalidArgument for a key file readable by group or others (with the chmod that fixes
// it), kIoError for an unreadable one. `role` labels messages ("server", "client").
Status CheckTlsFiles(const TlsFiles& files, std::string_view role);

}  // namespace sselab::net

#endif  // SSELAB_NET_TLS_FILES_H_
