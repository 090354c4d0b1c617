#include "net/pki.h"

#include <arpa/inet.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/rand.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <ctime>

#include "base/ascii.h"
#include "base/files.h"
#include "net/internal/openssl_util.h"

namespace sselab::net {
namespace {

namespace fs = std::filesystem;
using internal::EvpPkeyPtr;
using internal::GeneralNamePtr;
using internal::GeneralNamesPtr;
using internal::OpenSslError;
using internal::X509ExtensionPtr;
using internal::X509Ptr;
using std::chrono::system_clock;

constexpr size_t kMaxDnsNameLength = 253;

std::string FormatUtc(system_clock::time_point t) {
  std::time_t tt = system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S UTC", &tm);
  return buf;
}

bool Exists(const fs::path& p) {
  std::error_code ec;
  return fs::exists(fs::symlink_status(p, ec));  // a dangling symlink exists too
}

// ---- Validation of what the caller passes ----

Status CheckValidity(const Validity& v) {
  if (v.not_after <= v.not_before) {
    return InvalidArgumentError("validity ends (" + FormatUtc(v.not_after) +
                                ") no later than it starts (" + FormatUtc(v.not_before) + ")");
  }
  return OkStatus();
}

Status CheckCaName(std::string_view name) {
  if (name.empty() || name.size() > kMaxCommonNameLength) {
    return InvalidArgumentError("a CA name must have 1 to " + std::to_string(kMaxCommonNameLength) +
                                " bytes");
  }
  for (char c : name) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      return InvalidArgumentError("the CA name contains a control character");
    }
  }
  return OkStatus();
}

Status CheckIdentity(const std::string& id) {
  bool ok = !id.empty() && id.size() <= kMaxCommonNameLength;
  for (char c : id) {
    ok = ok && (IsAsciiAlnum(c) || std::strchr("._@-", c) != nullptr);
  }
  if (!ok) {
    return InvalidArgumentError("client identity \"" + id + "\" must have 1 to " +
                                std::to_string(kMaxCommonNameLength) +
                                " characters from [A-Za-z0-9._@-]");
  }
  return OkStatus();
}

bool IsIpLiteral(const std::string& name) {
  unsigned char buf[16];
  return inet_pton(AF_INET, name.c_str(), buf) == 1 || inet_pton(AF_INET6, name.c_str(), buf) == 1;
}

Status CheckDnsName(const std::string& name) {
  auto bad = [&name](std::string_view why) {
    return InvalidArgumentError("server name \"" + name + "\" is neither an IP address nor a " +
                                "DNS name: " + std::string(why));
  };
  if (name.empty() || name.size() > kMaxDnsNameLength) return bad("it must have 1 to 253 bytes");
  size_t start = 0;
  while (true) {
    size_t end = name.find('.', start);
    std::string_view label(name.data() + start,
                           (end == std::string::npos ? name.size() : end) - start);
    if (label.empty() || label.size() > 63) return bad("each label must have 1 to 63 bytes");
    if (label.front() == '-' || label.back() == '-') return bad("a label starts or ends with '-'");
    for (char c : label) {
      if (!IsAsciiAlnum(c) && c != '-') {
        return bad("labels hold only A-Z, a-z, 0-9 and '-'");
      }
    }
    if (end == std::string::npos) {
      bool digits = label.find_first_not_of("0123456789") == std::string_view::npos;
      if (digits) return bad("its last label is all digits, like a malformed IP address");
      return OkStatus();
    }
    start = end + 1;
  }
}

// ---- Building certificates ----

// A v3 certificate with a random serial, subject CN=`cn`, the validity and the public key
// of `key`; issued by `issuer`, or self-issued if null. No extensions, not signed.
Result<X509Ptr> NewCertificate(const std::string& cn, const Validity& validity, EVP_PKEY* key,
                               const X509_NAME* issuer) {
  X509Ptr cert(X509_new());
  unsigned char serial[16];
  if (!cert || X509_set_version(cert.get(), X509_VERSION_3) != 1 ||
      RAND_bytes(serial, sizeof(serial)) != 1) {
    return OpenSslError(ErrorCode::kInternal, "cannot start a certificate");
  }
  serial[0] = static_cast<unsigned char>((serial[0] & 0x7F) | 0x40);  // positive, 16 bytes
  internal::BignumPtr bn(BN_bin2bn(serial, sizeof(serial), nullptr));
  if (!bn || BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert.get())) == nullptr) {
    return OpenSslError(ErrorCode::kInternal, "cannot set the serial number");
  }
  X509_NAME* subject = X509_get_subject_name(cert.get());
  if (X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_UTF8,
                                 reinterpret_cast<const unsigned char*>(cn.data()),
                                 static_cast<int>(cn.size()), -1, 0) != 1) {
    return OpenSslError(ErrorCode::kInvalidArgument, "cannot use \"" + cn + "\" as CN");
  }
  if (X509_set_issuer_name(cert.get(), issuer != nullptr ? issuer : subject) != 1 ||
      X509_set_pubkey(cert.get(), key) != 1) {
    return OpenSslError(ErrorCode::kInternal, "cannot set issuer and key");
  }
  SSELAB_RETURN_IF_ERROR(
      internal::SetAsn1Time(X509_getm_notBefore(cert.get()), validity.not_before));
  SSELAB_RETURN_IF_ERROR(internal::SetAsn1Time(X509_getm_notAfter(cert.get()), validity.not_after));
  return cert;
}

// Adds extensions given in OpenSSL's config syntax ({nid, "critical,CA:FALSE"}); `issuer`
// is the signing certificate (the certificate itself for a root).
Status AddExtensions(X509* cert, X509* issuer,
                     std::initializer_list<std::pair<int, const char*>> extensions) {
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  for (const auto& [nid, value] : extensions) {
    X509ExtensionPtr ext(X509V3_EXT_nconf_nid(nullptr, &ctx, nid, value));
    if (!ext || X509_add_ext(cert, ext.get(), -1) != 1) {
      return OpenSslError(ErrorCode::kInternal,
                          std::string("cannot add extension ") + OBJ_nid2sn(nid) + "=" + value);
    }
  }
  return OkStatus();
}

Status AddSubjectAltNames(X509* cert, const IssueOptions& options) {
  GeneralNamesPtr names(sk_GENERAL_NAME_new_null());
  if (!names) return OpenSslError(ErrorCode::kInternal, "cannot allocate subjectAltName");
  for (const std::string& name : options.names) {
    int type = GEN_URI;
    std::string value = std::string(kClientUriPrefix) + name;
    if (options.kind == CertKind::kServer) {
      type = IsIpLiteral(name) ? GEN_IPADD : GEN_DNS;
      value = name;
    }
    GeneralNamePtr gen(a2i_GENERAL_NAME(nullptr, nullptr, nullptr, type, value.c_str(), 0));
    if (!gen || sk_GENERAL_NAME_push(names.get(), gen.get()) == 0) {
      return OpenSslError(ErrorCode::kInternal, "cannot add \"" + value + "\" to subjectAltName");
    }
    static_cast<void>(gen.release());  // now owned by `names`
  }
  if (X509_add1_ext_i2d(cert, NID_subject_alt_name, names.get(), 0, X509V3_ADD_DEFAULT) != 1) {
    return OpenSslError(ErrorCode::kInternal, "cannot add subjectAltName");
  }
  return OkStatus();
}

Status Sign(X509* cert, EVP_PKEY* key) {
  if (X509_sign(cert, key, EVP_sha256()) <= 0) {
    return OpenSslError(ErrorCode::kInternal, "cannot sign the certificate");
  }
  return OkStatus();
}

// ---- Files ----

// Writes key, then certificate; if either fails, removes both (neither existed before).
Status WritePair(const fs::path& key_path, EVP_PKEY* key, const fs::path& cert_path, X509* cert) {
  Status written = internal::WritePemPrivateKey(key_path, key);
  if (written.ok()) written = internal::WritePemCertificate(cert_path, cert);
  if (!written.ok()) {
    std::error_code ec;
    fs::remove(cert_path, ec);
    fs::remove(key_path, ec);
  }
  return written;
}

struct Ca {
  X509Ptr cert;
  EvpPkeyPtr key;
  system_clock::time_point not_after;
};

Result<Ca> LoadCa(const fs::path& dir) {
  const fs::path cert_path = dir / kCaCertFile;
  const fs::path key_path = dir / kCaKeyFile;
  for (const fs::path& p : {cert_path, key_path}) {
    if (!Exists(p)) {
      return NotFoundError("no CA in " + dir.string() + ": " + p.string() +
                           " does not exist (create a CA with `sselab pki init`)");
    }
  }
  Ca ca;
  SSELAB_ASSIGN_OR_RETURN(ca.cert, internal::ReadPemCertificate(cert_path));
  SSELAB_ASSIGN_OR_RETURN(ca.key, internal::ReadPemPrivateKey(key_path));
  if ((X509_get_extension_flags(ca.cert.get()) & EXFLAG_CA) == 0) {
    return CorruptionError(cert_path.string() + " is not a CA certificate");
  }
  if (X509_self_signed(ca.cert.get(), 1) != 1) {
    return OpenSslError(ErrorCode::kCorruption, cert_path.string() +
                                                    " is not a root: not self-signed, or its "
                                                    "signature does not verify");
  }
  if (X509_check_private_key(ca.cert.get(), ca.key.get()) != 1) {
    return OpenSslError(ErrorCode::kCorruption,
                        key_path.string() + " is not the key of " + cert_path.string());
  }
  auto not_after = internal::FromAsn1Time(X509_get0_notAfter(ca.cert.get()));
  if (!not_after.ok()) return not_after.error().WithContext(cert_path.string());
  ca.not_after = *not_after;
  return ca;
}

Status CheckOutputs(const IssueOptions& o) {
  if (o.cert_out.empty() || o.key_out.empty()) {
    return InvalidArgumentError("both cert_out and key_out must be given");
  }
  if (fs::absolute(o.cert_out).lexically_normal() == fs::absolute(o.key_out).lexically_normal()) {
    return InvalidArgumentError("certificate and key would both go to " + o.key_out.string());
  }
  for (const fs::path& p : {o.key_out, o.cert_out}) {
    if (Exists(p)) return AlreadyExistsError(p.string() + " exists; refusing to overwrite it");
    fs::path parent = p.parent_path().empty() ? fs::path(".") : p.parent_path();
    std::error_code ec;
    if (!fs::is_directory(parent, ec)) {
      return NotFoundError("directory " + parent.string() + " (for " + p.string() +
                           ") does not exist");
    }
  }
  return OkStatus();
}

Status CheckNames(const IssueOptions& o) {
  if (o.kind == CertKind::kClient) {
    if (o.names.size() != 1) {
      return InvalidArgumentError("a client certificate has exactly one identity, not " +
                                  std::to_string(o.names.size()));
    }
    return CheckIdentity(o.names[0]);
  }
  if (o.names.empty()) return InvalidArgumentError("a server certificate needs at least one name");
  if (o.names[0].size() > kMaxCommonNameLength) {
    return InvalidArgumentError("the first server name becomes the CN, at most " +
                                std::to_string(kMaxCommonNameLength) + " bytes; list \"" +
                                o.names[0] + "\" later");
  }
  for (size_t i = 0; i < o.names.size(); ++i) {
    if (!IsIpLiteral(o.names[i])) SSELAB_RETURN_IF_ERROR(CheckDnsName(o.names[i]));
    for (size_t j = 0; j < i; ++j) {
      if (o.names[j] == o.names[i]) {
        return InvalidArgumentError("server name \"" + o.names[i] + "\" is listed twice");
      }
    }
  }
  return OkStatus();
}

// ---- Reading certificates ----

Status ReadSubjectAltNames(const X509* cert, CertificateInfo& info) {
  int critical = -1;
  GeneralNamesPtr names(static_cast<GENERAL_NAMES*>(
      X509_get_ext_d2i(cert, NID_subject_alt_name, &critical, nullptr)));
  if (!names) {
    if (critical == -1) return OkStatus();  // no subjectAltName
    return OpenSslError(ErrorCode::kCorruption, "malformed or repeated subjectAltName");
  }
  for (int i = 0; i < sk_GENERAL_NAME_num(names.get()); ++i) {
    const GENERAL_NAME* gen = sk_GENERAL_NAME_value(names.get(), i);
    if (gen->type == GEN_DNS) info.dns_names.push_back(internal::Asn1StringView(gen->d.dNSName));
    if (gen->type == GEN_URI)
      info.uris.push_back(internal::Asn1StringView(gen->d.uniformResourceIdentifier));
    if (gen->type == GEN_IPADD) {
      const std::string raw = internal::Asn1StringView(gen->d.iPAddress);
      char text[INET6_ADDRSTRLEN] = {};
      int family = raw.size() == 4 ? AF_INET : raw.size() == 16 ? AF_INET6 : -1;
      if (family < 0 || inet_ntop(family, raw.data(), text, sizeof(text)) == nullptr) {
        return CorruptionError("iPAddress SAN of " + std::to_string(raw.size()) + " bytes");
      }
      info.ip_addresses.emplace_back(text);
    }
  }
  return OkStatus();
}

std::string Hex(const unsigned char* data, size_t n, std::string_view separator) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    if (i > 0) out += separator;
    out += kDigits[data[i] >> 4];
    out += kDigits[data[i] & 0xF];
  }
  return out;
}

Result<CertificateInfo> Describe(X509* cert) {
  CertificateInfo info;
  const uint32_t flags = X509_get_extension_flags(cert);  // also parses the extensions
  if ((flags & EXFLAG_INVALID) != 0) {
    return OpenSslError(ErrorCode::kCorruption, "malformed extensions");
  }
  SSELAB_ASSIGN_OR_RETURN(info.subject_cn, internal::CommonName(X509_get_subject_name(cert)));
  SSELAB_ASSIGN_OR_RETURN(info.issuer_cn, internal::CommonName(X509_get_issuer_name(cert)));
  SSELAB_RETURN_IF_ERROR(ReadSubjectAltNames(cert, info));
  SSELAB_ASSIGN_OR_RETURN(info.not_before, internal::FromAsn1Time(X509_get0_notBefore(cert)));
  SSELAB_ASSIGN_OR_RETURN(info.not_after, internal::FromAsn1Time(X509_get0_notAfter(cert)));
  info.is_ca = (flags & EXFLAG_CA) != 0;
  const uint32_t eku = X509_get_extended_key_usage(cert);  // UINT32_MAX if absent
  info.server_auth = (eku & XKU_SSL_SERVER) != 0;
  info.client_auth = (eku & XKU_SSL_CLIENT) != 0;
  const ASN1_INTEGER* serial = X509_get0_serialNumber(cert);
  info.serial =
      Hex(ASN1_STRING_get0_data(serial), static_cast<size_t>(ASN1_STRING_length(serial)), "");
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int md_len = 0;
  if (X509_digest(cert, EVP_sha256(), md, &md_len) != 1) {
    return OpenSslError(ErrorCode::kInternal, "cannot hash the certificate");
  }
  info.sha256_fingerprint = Hex(md, md_len, ":");
  return info;
}

}  // namespace

Validity ValidFor(int days) {
  const auto now = system_clock::now();
  return {now - std::chrono::minutes(5), now + std::chrono::hours(24) * days};
}

Status InitCa(const fs::path& dir, std::string_view name, const Validity& validity) {
  ERR_clear_error();
  SSELAB_RETURN_IF_ERROR(CheckCaName(name));
  SSELAB_RETURN_IF_ERROR(CheckValidity(validity));
  std::error_code ec;
  if (!Exists(dir)) {
    if (dir.has_parent_path()) fs::create_directories(dir.parent_path(), ec);
    if (::mkdir(dir.c_str(), 0700) != 0 || ::chmod(dir.c_str(), 0700) != 0) {
      return IoError("cannot create directory " + dir.string() + ": " + std::strerror(errno));
    }
  } else if (!fs::is_directory(dir, ec)) {
    return AlreadyExistsError(dir.string() + " exists and is not a directory");
  }
  const fs::path key_path = dir / kCaKeyFile;
  const fs::path cert_path = dir / kCaCertFile;
  for (const fs::path& p : {key_path, cert_path}) {
    if (Exists(p)) return AlreadyExistsError(p.string() + " exists; refusing to overwrite a CA");
  }
  SSELAB_ASSIGN_OR_RETURN(EvpPkeyPtr key, internal::GenerateEcKey("P-256"));
  const std::string cn(name);
  SSELAB_ASSIGN_OR_RETURN(X509Ptr cert, NewCertificate(cn, validity, key.get(), nullptr));
  SSELAB_RETURN_IF_ERROR(AddExtensions(cert.get(), cert.get(),
                                       {{NID_basic_constraints, "critical,CA:TRUE,pathlen:0"},
                                        {NID_key_usage, "critical,keyCertSign,cRLSign"},
                                        {NID_subject_key_identifier, "hash"}}));
  SSELAB_RETURN_IF_ERROR(Sign(cert.get(), key.get()));
  return WritePair(key_path, key.get(), cert_path, cert.get());
}

Status IssueCertificate(const fs::path& ca_dir, const IssueOptions& options) {
  ERR_clear_error();
  SSELAB_RETURN_IF_ERROR(CheckNames(options));
  SSELAB_RETURN_IF_ERROR(CheckValidity(options.validity));
  SSELAB_RETURN_IF_ERROR(CheckOutputs(options));
  SSELAB_ASSIGN_OR_RETURN(Ca ca, LoadCa(ca_dir));
  if (std::chrono::floor<std::chrono::seconds>(options.validity.not_after) > ca.not_after) {
    return InvalidArgumentError("the certificate would be valid until " +
                                FormatUtc(options.validity.not_after) + ", after the CA in " +
                                ca_dir.string() + " expires (" + FormatUtc(ca.not_after) +
                                "); issue it for a shorter time or create a new CA");
  }
  SSELAB_ASSIGN_OR_RETURN(EvpPkeyPtr key, internal::GenerateEcKey("P-256"));
  SSELAB_ASSIGN_OR_RETURN(X509Ptr cert,
                          NewCertificate(options.names[0], options.validity, key.get(),
                                         X509_get_subject_name(ca.cert.get())));
  const bool server = options.kind == CertKind::kServer;
  SSELAB_RETURN_IF_ERROR(AddExtensions(cert.get(), ca.cert.get(),
                                       {{NID_basic_constraints, "critical,CA:FALSE"},
                                        {NID_key_usage, "critical,digitalSignature"},
                                        {NID_ext_key_usage, server ? "serverAuth" : "clientAuth"},
                                        {NID_subject_key_identifier, "hash"},
                                        {NID_authority_key_identifier, "keyid:always"}}));
  SSELAB_RETURN_IF_ERROR(AddSubjectAltNames(cert.get(), options));
  SSELAB_RETURN_IF_ERROR(Sign(cert.get(), ca.key.get()));
  if (X509_verify(cert.get(), X509_get0_pubkey(ca.cert.get())) != 1) {
    return OpenSslError(ErrorCode::kCorruption, "a signature by " + (ca_dir / kCaKeyFile).string() +
                                                    " does not verify under " +
                                                    (ca_dir / kCaCertFile).string());
  }
  return WritePair(options.key_out, key.get(), options.cert_out, cert.get());
}

Result<CertificateInfo> ReadCertificateInfo(const fs::path& cert_file) {
  ERR_clear_error();
  SSELAB_ASSIGN_OR_RETURN(X509Ptr cert, internal::ReadPemCertificate(cert_file));
  auto info = Describe(cert.get());
  if (!info.ok()) return info.error().WithContext(cert_file.string());
  return info;
}

}  // namespace sselab::net
