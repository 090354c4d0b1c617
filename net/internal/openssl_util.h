// RAII and error helpers for OpenSSL 3's C library, for the code in net/ that calls it.
// Not installed.
//
// Every OpenSSL object sselab holds lives in one of the unique_ptr aliases below, so no
// path, including an early error return, leaks or double-frees one. OpenSSL reports
// failures on a per-thread error queue; OpenSslErrors() drains it into text for an Error
// message (OpenSSL's error strings name the library, function and reason, never data).
//
// Thread safety: the helpers hold no state of their own; OpenSSL's error queue is
// per thread.
#ifndef SSELAB_NET_INTERNAL_OPENSSL_UTIL_H_
#define SSELAB_NET_INTERNAL_OPENSSL_UTIL_H_

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "base/error.h"
#include "base/result.h"

namespace sselab::net::internal {

// A deleter that calls OpenSSL's free function `Free` (e.g. X509_free).
template <auto Free>
struct OpenSslDeleter {
  template <typename T>
  void operator()(T* p) const {
    Free(p);
  }
};

template <typename T, auto Free>
using OpenSslPtr = std::unique_ptr<T, OpenSslDeleter<Free>>;

using Asn1IntegerPtr = OpenSslPtr<ASN1_INTEGER, ASN1_INTEGER_free>;
using Asn1TimePtr = OpenSslPtr<ASN1_TIME, ASN1_TIME_free>;
using BasicConstraintsPtr = OpenSslPtr<BASIC_CONSTRAINTS, BASIC_CONSTRAINTS_free>;
using BignumPtr = OpenSslPtr<BIGNUM, BN_free>;
using BioPtr = OpenSslPtr<BIO, BIO_free_all>;
using EvpPkeyCtxPtr = OpenSslPtr<EVP_PKEY_CTX, EVP_PKEY_CTX_free>;
using EvpPkeyPtr = OpenSslPtr<EVP_PKEY, EVP_PKEY_free>;
using GeneralNamePtr = OpenSslPtr<GENERAL_NAME, GENERAL_NAME_free>;
using GeneralNamesPtr = OpenSslPtr<GENERAL_NAMES, GENERAL_NAMES_free>;
using X509ExtensionPtr = OpenSslPtr<X509_EXTENSION, X509_EXTENSION_free>;
using X509NamePtr = OpenSslPtr<X509_NAME, X509_NAME_free>;
using X509Ptr = OpenSslPtr<X509, X509_free>;
using X509StoreCtxPtr = OpenSslPtr<X509_STORE_CTX, X509_STORE_CTX_free>;
using X509StorePtr = OpenSslPtr<X509_STORE, X509_STORE_free>;

// The pending OpenSSL errors of this thread as "reason; reason; ...", oldest first, and
// the queue emptied. "no OpenSSL error reported" if the queue was empty.
std::string OpenSslErrors();

// An Error with `code` and the message "<what>: <OpenSslErrors()>"; drains the queue.
Error OpenSslError(ErrorCode code, std::string_view what);

// A read-only memory BIO over `data`, which must outlive it (OpenSSL copies nothing).
BioPtr MemoryBio(std::string_view data);

// A fresh memory BIO whose buffer is cleansed when freed (for PEM-encoding private keys).
BioPtr SecureMemoryBio();

// The bytes written to memory BIO `bio` so far, valid until `bio` is written or freed.
std::string_view BioView(BIO* bio);

// ASN1_TIME (UTCTime or GeneralizedTime) <-> system_clock, at one-second resolution.
Result<std::chrono::system_clock::time_point> FromAsn1Time(const ASN1_TIME* time);
Status SetAsn1Time(ASN1_TIME* out, std::chrono::system_clock::time_point time);

// The data of an ASN1_STRING as bytes (no conversion; see ASN1_STRING_to_UTF8 for text).
std::string Asn1StringView(const ASN1_STRING* s);

// The first CN of `name` as UTF-8; empty if it has none. kCorruption if undecodable.
Result<std::string> CommonName(const X509_NAME* name);

// A fresh EC key on the named curve (e.g. "P-256"). kInternal if OpenSSL fails.
Result<EvpPkeyPtr> GenerateEcKey(const char* curve);

// ---- PEM files ----
// Readers: kNotFound if the file does not exist, kIoError if it cannot be read, and
// kCorruption naming the file if it holds no such PEM object. Writers go through
// WriteFileAtomically (base/files.h) and replace an existing file: callers that must not
// overwrite check first.

// The first certificate in a PEM file (at most 1 MiB).
Result<X509Ptr> ReadPemCertificate(const std::filesystem::path& path);

// An unencrypted PEM private key (at most 64 KiB), checked to be consistent (for EC: the
// public point is the private scalar times the generator). An encrypted key is
// kCorruption, never a password prompt. The file's bytes are wiped from memory after
// parsing.
Result<EvpPkeyPtr> ReadPemPrivateKey(const std::filesystem::path& path);

// `key` as PKCS#8 PEM, mode 0600; the encoding is wiped from memory after writing.
Status WritePemPrivateKey(const std::filesystem::path& path, EVP_PKEY* key);

// `cert` as PEM, mode 0644.
Status WritePemCertificate(const std::filesystem::path& path, X509* cert);

}  // namespace sselab::net::internal

#endif  // SSELAB_NET_INTERNAL_OPENSSL_UTIL_H_
