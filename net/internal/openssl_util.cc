#include "net/internal/openssl_util.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>

#include "base/files.h"

namespace sselab::net::internal {
namespace {

namespace fs = std::filesystem;

constexpr size_t kMaxCertificateFileBytes = 1 << 20;
constexpr size_t kMaxKeyFileBytes = 64 << 10;

// Bytes that held a private key, wiped when dropped.
struct WipedBuffer {
  std::string bytes;
  ~WipedBuffer() { OPENSSL_cleanse(bytes.data(), bytes.size()); }
};

// Reads a small secret file straight into `out` (no intermediate copies to wipe).
Status ReadSecretFile(const fs::path& path, WipedBuffer& out) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return NotFoundError(path.string() + " does not exist");
    return IoError("cannot open " + path.string() + ": " + std::strerror(errno));
  }
  out.bytes.assign(kMaxKeyFileBytes + 1, '\0');  // one extra byte detects an oversized file
  size_t size = 0;
  while (size < out.bytes.size()) {
    ssize_t n = ::read(fd, out.bytes.data() + size, out.bytes.size() - size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      std::string err = std::strerror(errno);
      ::close(fd);
      return IoError("cannot read " + path.string() + ": " + err);
    }
    if (n == 0) break;
    size += static_cast<size_t>(n);
  }
  ::close(fd);
  if (size > kMaxKeyFileBytes) {
    return CorruptionError(path.string() + " is larger than any PEM private key (" +
                           std::to_string(kMaxKeyFileBytes) + " bytes)");
  }
  OPENSSL_cleanse(out.bytes.data() + size, out.bytes.size() - size);
  out.bytes.resize(size);
  return OkStatus();
}

int NoPassword(char* /*buf*/, int /*size*/, int /*rwflag*/, void* /*userdata*/) { return 0; }

}  // namespace

std::string OpenSslErrors() {
  std::string out;
  while (unsigned long e = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof(buf));
    if (!out.empty()) out += "; ";
    out += buf;
  }
  return out.empty() ? "no OpenSSL error reported" : out;
}

Error OpenSslError(ErrorCode code, std::string_view what) {
  std::string m(what);
  m += ": ";
  m += OpenSslErrors();
  return {code, std::move(m)};
}

BioPtr MemoryBio(std::string_view data) {
  return BioPtr(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
}

BioPtr SecureMemoryBio() { return BioPtr(BIO_new(BIO_s_secmem())); }

std::string_view BioView(BIO* bio) {
  char* data = nullptr;
  long n = BIO_ctrl(bio, BIO_CTRL_INFO, 0, static_cast<void*>(&data));  // BIO_get_mem_data
  if (data == nullptr || n <= 0) return {};
  return {data, static_cast<size_t>(n)};
}

Result<std::chrono::system_clock::time_point> FromAsn1Time(const ASN1_TIME* time) {
  std::tm tm{};
  if (time == nullptr || ASN1_TIME_to_tm(time, &tm) != 1) {
    return OpenSslError(ErrorCode::kCorruption, "malformed ASN.1 time");
  }
  return std::chrono::system_clock::from_time_t(::timegm(&tm));
}

Status SetAsn1Time(ASN1_TIME* out, std::chrono::system_clock::time_point time) {
  if (ASN1_TIME_set(out, std::chrono::system_clock::to_time_t(time)) == nullptr) {
    return OpenSslError(ErrorCode::kInvalidArgument, "time outside the range of X.509");
  }
  return OkStatus();
}

std::string Asn1StringView(const ASN1_STRING* s) {
  return {reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
          static_cast<size_t>(ASN1_STRING_length(s))};
}

Result<std::string> CommonName(const X509_NAME* name) {
  int i = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
  if (i < 0) return std::string();
  unsigned char* utf8 = nullptr;
  int n = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, i)));
  if (n < 0) return OpenSslError(ErrorCode::kCorruption, "undecodable CN");
  std::string cn(reinterpret_cast<const char*>(utf8), static_cast<size_t>(n));
  OPENSSL_free(utf8);
  return cn;
}

Result<EvpPkeyPtr> GenerateEcKey(const char* curve) {
  EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  EVP_PKEY* key = nullptr;
  if (!ctx || EVP_PKEY_keygen_init(ctx.get()) <= 0 ||
      EVP_PKEY_CTX_set_group_name(ctx.get(), curve) <= 0 ||
      EVP_PKEY_generate(ctx.get(), &key) <= 0) {
    return OpenSslError(ErrorCode::kInternal, std::string("cannot generate an EC key on ") + curve);
  }
  return EvpPkeyPtr(key);
}

Result<X509Ptr> ReadPemCertificate(const fs::path& path) {
  SSELAB_ASSIGN_OR_RETURN(std::string pem, ReadFileToString(path, kMaxCertificateFileBytes));
  BioPtr bio = MemoryBio(pem);
  X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (!bio || !cert) {
    return OpenSslError(ErrorCode::kCorruption,
                        path.string() + " holds no readable PEM certificate");
  }
  return cert;
}

Result<EvpPkeyPtr> ReadPemPrivateKey(const fs::path& path) {
  WipedBuffer pem;
  SSELAB_RETURN_IF_ERROR(ReadSecretFile(path, pem));
  BioPtr bio = MemoryBio(pem.bytes);
  EvpPkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, NoPassword, nullptr));
  if (!bio || !key) {
    return OpenSslError(ErrorCode::kCorruption,
                        path.string() + " holds no readable unencrypted PEM private key");
  }
  // Catches a damaged private part next to an intact public part, which comparisons of
  // public keys (X509_check_private_key) let through.
  EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
  if (!ctx || EVP_PKEY_pairwise_check(ctx.get()) != 1) {
    return OpenSslError(ErrorCode::kCorruption, path.string() + " holds an inconsistent key pair");
  }
  return key;
}

Status WritePemPrivateKey(const fs::path& path, EVP_PKEY* key) {
  BioPtr bio = SecureMemoryBio();
  if (!bio ||
      PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    return OpenSslError(ErrorCode::kInternal, "cannot encode the private key for " + path.string());
  }
  return WriteFileAtomically(path, BioView(bio.get()), 0600);
}

Status WritePemCertificate(const fs::path& path, X509* cert) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1) {
    return OpenSslError(ErrorCode::kInternal, "cannot encode the certificate for " + path.string());
  }
  return WriteFileAtomically(path, BioView(bio.get()), 0644);
}

}  // namespace sselab::net::internal
