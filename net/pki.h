// A private certificate authority for the mutual TLS of `sselab serve`.
//
// The server and every client present a certificate issued by one CA that the operator
// owns; each side trusts that CA alone (`--tls-ca ca.crt`), so no public CA is involved
// and a client's identity is whatever the operator issued it. Keys are ECDSA P-256,
// signatures ECDSA with SHA-256; certificates are X.509 v3 and pass OpenSSL's
// X509_V_FLAG_X509_STRICT checks with the purposes SSL server / SSL client.
//
// Files (PEM):
//   CA_DIR/ca.key   the CA's private key, mode 0600. Whoever reads it can issue
//                   certificates every sselab server and client will accept: keep it
//                   off the servers, ideally offline.
//   CA_DIR/ca.crt   the self-signed root, mode 0644 (CN = the CA's name, CA:TRUE,
//                   pathlen:0). Public: give it to every server and client.
//   cert_out        a leaf certificate, mode 0644, and nothing else (no chain: the
//                   root is the only CA and every peer already has it).
//   key_out         the leaf's private key, mode 0600.
// Private keys are unencrypted PKCS#8 ("BEGIN PRIVATE KEY"); their protection is the file
// mode. Key files are written atomically (a temporary file, fsynced, renamed). Nothing is
// ever overwritten: an existing CA or output file is kAlreadyExists.
//
// Identities. A server certificate lists the names clients reach the server by, each as a
// subjectAltName dNSName or iPAddress (clients check the SAN, not the CN). A client
// certificate carries one identity twice: as the subject CN, which `sselab serve` looks up
// in its grant file (net/grants.h), and as the URI SAN kClientUriPrefix + identity
// ("sselab:client:alice") for verifiers that read only SANs. The extendedKeyUsage keeps
// the two apart: a server certificate (serverAuth only) is refused as a client's, so a
// host name never acts as an identity.
//
// Thread safety: free functions with no shared state; safe to call concurrently on
// different paths. Two calls writing the same CA directory or output file at once are
// not detected (each checks for existing files before it writes).
#ifndef SSELAB_NET_PKI_H_
#define SSELAB_NET_PKI_H_

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace sselab::net {

inline constexpr std::string_view kCaKeyFile = "ca.key";
inline constexpr std::string_view kCaCertFile = "ca.crt";
// The URI SAN of a client certificate is this prefix followed by the identity.
inline constexpr std::string_view kClientUriPrefix = "sselab:client:";
// Longest CA name, identity and first server name: the X.509 upper bound of a CN.
inline constexpr size_t kMaxCommonNameLength = 64;

struct Validity {
  std::chrono::system_clock::time_point not_before;
  std::chrono::system_clock::time_point not_after;
};

// From five minutes ago (tolerating peers whose clocks run slightly behind) to `days`
// days from now.
Validity ValidFor(int days);

// Creates a CA in `dir`, which is created with mode 0700 if missing (an existing
// directory keeps its mode): a fresh P-256 key in dir/ca.key, then the self-signed root
// in dir/ca.crt with subject CN=`name`, basicConstraints critical CA:TRUE pathlen:0,
// keyUsage critical keyCertSign+cRLSign and a subjectKeyIdentifier.
// Errors: kInvalidArgument if `name` is empty, longer than kMaxCommonNameLength bytes,
// holds a control character or is not UTF-8, or if validity.not_after <= not_before;
// kAlreadyExists if dir/ca.key or dir/ca.crt exists (a CA is never overwritten);
// kIoError if the files cannot be written, in which case neither is left behind.
Status InitCa(const std::filesystem::path& dir, std::string_view name, const Validity& validity);

enum class CertKind { kServer, kClient };

struct IssueOptions {
  CertKind kind = CertKind::kServer;
  // kServer: the host names and IP addresses clients connect to, at least one, no two
  //   equal. IPv4 and IPv6 literals ("127.0.0.1", "::1") become iPAddress SANs; anything
  //   else must be a DNS name (labels of [A-Za-z0-9-], 1..63 bytes, not starting or
  //   ending with '-', at most 253 bytes, no wildcard, no trailing dot, last label not
  //   all digits) and becomes a dNSName SAN. The first name is also the subject CN, so it
  //   must be at most kMaxCommonNameLength bytes.
  // kClient: exactly one identity of 1..kMaxCommonNameLength characters from
  //   [A-Za-z0-9._@-]: the subject CN and the URI SAN kClientUriPrefix + identity.
  std::vector<std::string> names;
  Validity validity;
  std::filesystem::path cert_out;  // the PEM certificate (0644); must not exist
  std::filesystem::path key_out;   // the PEM private key (0600); must not exist
};

// Issues a leaf certificate for a fresh P-256 key, signed by the CA in `ca_dir`: random
// positive 16-byte serial, basicConstraints critical CA:FALSE, keyUsage critical
// digitalSignature, extendedKeyUsage serverAuth (kServer) or clientAuth (kClient),
// subjectAltName as above, authorityKeyIdentifier and subjectKeyIdentifier, ECDSA-SHA256.
// Writes key_out, then cert_out; if anything fails after key_out was written, removes it,
// so a call leaves both files or neither.
// Errors: kInvalidArgument for bad names, not_after <= not_before, a not_after later than
// the CA's (the certificate would stop verifying when the CA expires), or cert_out equal
// to key_out; kNotFound naming the CA file if ca_dir/ca.key or ca_dir/ca.crt is missing,
// or the directory of an output that does not exist; kCorruption naming the file if the
// CA key or certificate does not parse, the certificate is not a CA or not self-signed,
// or key and certificate do not belong together; kAlreadyExists if cert_out or key_out
// exists (left unchanged); kIoError if writing fails.
Status IssueCertificate(const std::filesystem::path& ca_dir, const IssueOptions& options);

// What `sselab pki show` prints about a certificate.
struct CertificateInfo {
  std::string subject_cn;  // empty if the subject has no CN
  std::string issuer_cn;
  std::vector<std::string> dns_names;     // dNSName SANs, in order
  std::vector<std::string> ip_addresses;  // iPAddress SANs, as text ("127.0.0.1", "::1")
  std::vector<std::string> uris;          // URI SANs
  std::chrono::system_clock::time_point not_before;
  std::chrono::system_clock::time_point not_after;
  bool is_ca = false;              // basicConstraints CA:TRUE
  bool server_auth = false;        // extendedKeyUsage allows TLS server use (or is absent)
  bool client_auth = false;        // extendedKeyUsage allows TLS client use (or is absent)
  std::string serial;              // hex, upper case
  std::string sha256_fingerprint;  // of the DER certificate, hex pairs joined by ':'
};

// Reads the first certificate of a PEM file. Checks no signature and no date.
// Errors: kNotFound if the file does not exist; kCorruption naming the file if it holds
// no PEM certificate or an unparsable one; kIoError if it cannot be read.
Result<CertificateInfo> ReadCertificateInfo(const std::filesystem::path& cert_file);

}  // namespace sselab::net

#endif  // SSELAB_NET_PKI_H_
