// TlsFiles: the certificate, key and CA files of one party of sselab's mutual TLS.
//
// Both sides of `sselab serve` authenticate: the server with a certificate for its host
// name, each client with a certificate naming its identity (subject CN), both issued by a
// CA the other side trusts (`sselab pki` makes one; any PKI's PEM files work). The files
// are re-read while running: replacing them (for a renewal) takes effect within
// `refresh_seconds`, without a restart.
#ifndef SSELAB_NET_TLS_FILES_H_
#define SSELAB_NET_TLS_FILES_H_

#include "base/tls_files.h"

namespace sselab::net {

// The files are sselab::TlsFiles (base/tls_files.h); net/ names them as it always has.
using sselab::CheckTlsFiles;
using sselab::TlsFiles;

}  // namespace sselab::net

#endif  // SSELAB_NET_TLS_FILES_H_
