#include "net/pki.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <openssl/pem.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "base/files.h"
#include "net/internal/openssl_util.h"
#include "tests/testing/temp_dir.h"

namespace sselab::net {
namespace {

namespace fs = std::filesystem;
using std::chrono::hours;
using std::chrono::system_clock;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr char kCaName[] = "sselab test CA";

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void Spit(const fs::path& p, const std::string& data) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << data;
}

unsigned Mode(const fs::path& p) {
  struct stat st {};
  EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
  return st.st_mode & 07777;
}

internal::X509Ptr LoadCert(const fs::path& p) {
  auto cert = internal::ReadPemCertificate(p);
  EXPECT_TRUE(cert.ok()) << cert.error().ToString();
  return cert.ok() ? std::move(cert).value() : nullptr;
}

struct Check {
  int purpose;
  std::string host;  // if set, the certificate must be for this DNS name
  std::string ip;    // if set, ... for this IP address
};

// "ok" (X509_V_OK's text), or why OpenSSL refuses `leaf` as a certificate issued by the
// root `ca`, in strict mode, for `check.purpose` (X509_PURPOSE_SSL_SERVER / _CLIENT).
std::string Verify(const fs::path& ca, const fs::path& leaf, const Check& check) {
  internal::X509Ptr root = LoadCert(ca);
  internal::X509Ptr cert = LoadCert(leaf);
  internal::X509StorePtr store(X509_STORE_new());
  internal::X509StoreCtxPtr ctx(X509_STORE_CTX_new());
  if (!root || !cert || !store || !ctx || X509_STORE_add_cert(store.get(), root.get()) != 1 ||
      X509_STORE_CTX_init(ctx.get(), store.get(), cert.get(), nullptr) != 1 ||
      X509_STORE_CTX_set_purpose(ctx.get(), check.purpose) != 1) {
    return "cannot set up verification: " + internal::OpenSslErrors();
  }
  X509_STORE_CTX_set_flags(ctx.get(), X509_V_FLAG_X509_STRICT);
  X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx.get());
  if (!check.host.empty()) X509_VERIFY_PARAM_set1_host(param, check.host.c_str(), 0);
  if (!check.ip.empty()) X509_VERIFY_PARAM_set1_ip_asc(param, check.ip.c_str());
  const int ok = X509_verify_cert(ctx.get());
  const int error = X509_STORE_CTX_get_error(ctx.get());
  if (ok == 1 && error == X509_V_OK) return "ok";
  return X509_verify_cert_error_string(error == X509_V_OK ? X509_V_ERR_UNSPECIFIED : error);
}

std::string Reason(int verify_error) { return X509_verify_cert_error_string(verify_error); }

class PkiTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(InitCa(ca_dir_, kCaName, ValidFor(3650)).ok()); }

  IssueOptions Options(CertKind kind, std::vector<std::string> names, const std::string& out,
                       Validity validity = ValidFor(30)) const {
    return {.kind = kind,
            .names = std::move(names),
            .validity = validity,
            .cert_out = dir_ / (out + ".crt"),
            .key_out = dir_ / (out + ".key")};
  }

  Status Issue(const IssueOptions& o) const { return IssueCertificate(ca_dir_, o); }

  // Issues with `o` and expects `code`, a message containing `detail`, and no files.
  void ExpectRefused(const IssueOptions& o, ErrorCode code, std::string_view detail) const {
    Status s = Issue(o);
    ASSERT_FALSE(s.ok()) << detail;
    EXPECT_EQ(s.error().code(), code) << s.error().ToString();
    EXPECT_THAT(s.error().message(), HasSubstr(detail));
    EXPECT_FALSE(fs::exists(o.cert_out)) << o.cert_out;
    EXPECT_FALSE(fs::exists(o.key_out)) << o.key_out;
  }

  fs::path ca_crt() const { return ca_dir_ / kCaCertFile; }
  fs::path ca_key() const { return ca_dir_ / kCaKeyFile; }

  ::sselab::testing::TempDir dir_;
  fs::path ca_dir_ = dir_ / "ca";
};

TEST_F(PkiTest, InitCaWritesAStrictRootWithPrivateModes) {
  EXPECT_EQ(Mode(ca_dir_), 0700u);
  EXPECT_EQ(Mode(ca_key()), 0600u);
  EXPECT_EQ(Mode(ca_crt()), 0644u);
  // Nothing else: no temporary files left behind.
  EXPECT_EQ(std::distance(fs::directory_iterator(ca_dir_), fs::directory_iterator()), 2);

  auto info = ReadCertificateInfo(ca_crt());
  ASSERT_TRUE(info.ok()) << info.error().ToString();
  EXPECT_EQ(info->subject_cn, kCaName);
  EXPECT_EQ(info->issuer_cn, kCaName);
  EXPECT_TRUE(info->is_ca);
  EXPECT_THAT(info->dns_names, IsEmpty());
  EXPECT_LT(info->not_before, system_clock::now());
  EXPECT_GT(info->not_after, system_clock::now() + hours(24 * 3649));

  internal::X509Ptr root = LoadCert(ca_crt());
  ASSERT_TRUE(root);
  EXPECT_EQ(X509_get_pathlen(root.get()), 0);
  EXPECT_EQ(X509_get_signature_nid(root.get()), NID_ecdsa_with_SHA256);
  EXPECT_EQ(X509_get_key_usage(root.get()), static_cast<uint32_t>(KU_KEY_CERT_SIGN | KU_CRL_SIGN));
  for (int nid : {NID_basic_constraints, NID_key_usage}) {
    X509_EXTENSION* ext = X509_get_ext(root.get(), X509_get_ext_by_NID(root.get(), nid, -1));
    ASSERT_NE(ext, nullptr) << OBJ_nid2sn(nid);
    EXPECT_EQ(X509_EXTENSION_get_critical(ext), 1) << OBJ_nid2sn(nid);
  }
  EXPECT_NE(X509_get0_subject_key_id(root.get()), nullptr);
  char group[64] = {};
  EXPECT_EQ(EVP_PKEY_get_group_name(X509_get0_pubkey(root.get()), group, sizeof(group), nullptr),
            1);
  EXPECT_STREQ(group, "prime256v1");
  auto key = internal::ReadPemPrivateKey(ca_key());
  ASSERT_TRUE(key.ok()) << key.error().ToString();
  EXPECT_EQ(X509_check_private_key(root.get(), key->get()), 1);
  EXPECT_THAT(Slurp(ca_key()), HasSubstr("-----BEGIN PRIVATE KEY-----"));
}

TEST_F(PkiTest, InitCaNeverOverwritesACa) {
  const std::string key = Slurp(ca_key());
  const std::string crt = Slurp(ca_crt());
  Status again = InitCa(ca_dir_, "another", ValidFor(10));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code(), ErrorCode::kAlreadyExists) << again.error().ToString();
  EXPECT_THAT(again.error().message(), HasSubstr(ca_key().string()));
  // Even half a CA is kept: a lone certificate (its key lost) is not replaced.
  fs::remove(ca_key());
  again = InitCa(ca_dir_, "another", ValidFor(10));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(Slurp(ca_crt()), crt);
  EXPECT_FALSE(fs::exists(ca_key()));
  EXPECT_NE(key, "");
}

TEST_F(PkiTest, InitCaRefusesBadNamesAndValidity) {
  for (const std::string& name :
       {std::string(), std::string(65, 'n'), std::string("tab\there"), std::string("\xff\xfe")}) {
    Status s = InitCa(dir_ / "bad", name, ValidFor(10));
    ASSERT_FALSE(s.ok()) << name;
    EXPECT_EQ(s.error().code(), ErrorCode::kInvalidArgument) << s.error().ToString();
    EXPECT_FALSE(fs::exists(dir_ / "bad" / kCaKeyFile));
  }
  const auto now = system_clock::now();
  Status s = InitCa(dir_ / "bad", "ok", {now, now});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), ErrorCode::kInvalidArgument);
  ASSERT_TRUE(InitCa(dir_ / "utf8", "Prüf-CA für sselab", ValidFor(10)).ok());
  EXPECT_EQ(ReadCertificateInfo(dir_ / "utf8" / kCaCertFile)->subject_cn, "Prüf-CA für sselab");
}

TEST_F(PkiTest, ServerCertificateChainsForItsNamesOnly) {
  IssueOptions o = Options(CertKind::kServer, {"localhost", "127.0.0.1", "::1"}, "server");
  ASSERT_TRUE(Issue(o).ok());
  EXPECT_EQ(Mode(o.key_out), 0600u);
  EXPECT_EQ(Mode(o.cert_out), 0644u);
  EXPECT_EQ(Verify(ca_crt(), o.cert_out, {X509_PURPOSE_SSL_SERVER, "localhost", ""}), "ok");
  EXPECT_EQ(Verify(ca_crt(), o.cert_out, {X509_PURPOSE_SSL_SERVER, "", "127.0.0.1"}), "ok");
  EXPECT_EQ(Verify(ca_crt(), o.cert_out, {X509_PURPOSE_SSL_SERVER, "", "::1"}), "ok");
  EXPECT_EQ(Verify(ca_crt(), o.cert_out, {X509_PURPOSE_SSL_SERVER, "example.org", ""}),
            Reason(X509_V_ERR_HOSTNAME_MISMATCH));
  EXPECT_EQ(Verify(ca_crt(), o.cert_out, {X509_PURPOSE_SSL_SERVER, "", "127.0.0.2"}),
            Reason(X509_V_ERR_IP_ADDRESS_MISMATCH));
  // Not usable as a client's certificate: a host name never acts as an identity.
  EXPECT_EQ(Verify(ca_crt(), o.cert_out, {X509_PURPOSE_SSL_CLIENT, "", ""}),
            Reason(X509_V_ERR_INVALID_PURPOSE));

  auto info = ReadCertificateInfo(o.cert_out);
  ASSERT_TRUE(info.ok()) << info.error().ToString();
  EXPECT_EQ(info->subject_cn, "localhost");
  EXPECT_EQ(info->issuer_cn, kCaName);
  EXPECT_THAT(info->dns_names, ElementsAre("localhost"));
  EXPECT_THAT(info->ip_addresses, ElementsAre("127.0.0.1", "::1"));
  EXPECT_THAT(info->uris, IsEmpty());
  EXPECT_FALSE(info->is_ca);
  EXPECT_TRUE(info->server_auth);
  EXPECT_FALSE(info->client_auth);
  EXPECT_EQ(info->not_before, std::chrono::floor<std::chrono::seconds>(o.validity.not_before));
  EXPECT_EQ(info->not_after, std::chrono::floor<std::chrono::seconds>(o.validity.not_after));
  EXPECT_EQ(info->serial.size(), 32u);  // 16 bytes, positive, no leading zero byte
  EXPECT_GE(info->serial[0], '4');
  EXPECT_LE(info->serial[0], '7');
  EXPECT_EQ(info->sha256_fingerprint.size(), 32u * 3 - 1);

  internal::X509Ptr cert = LoadCert(o.cert_out);
  ASSERT_TRUE(cert);
  EXPECT_EQ(X509_get_signature_nid(cert.get()), NID_ecdsa_with_SHA256);
  EXPECT_EQ(X509_get_key_usage(cert.get()), static_cast<uint32_t>(KU_DIGITAL_SIGNATURE));
  EXPECT_NE(X509_get0_authority_key_id(cert.get()), nullptr);
  EXPECT_NE(X509_get0_subject_key_id(cert.get()), nullptr);
  auto key = internal::ReadPemPrivateKey(o.key_out);
  ASSERT_TRUE(key.ok()) << key.error().ToString();
  EXPECT_EQ(X509_check_private_key(cert.get(), key->get()), 1);
  // The certificate file holds exactly one certificate.
  const std::string pem = Slurp(o.cert_out);
  EXPECT_EQ(pem.find("BEGIN CERTIFICATE"), pem.rfind("BEGIN CERTIFICATE"));
}

TEST_F(PkiTest, ClientCertificateCarriesTheIdentity) {
  IssueOptions o = Options(CertKind::kClient, {"alice"}, "alice");
  ASSERT_TRUE(Issue(o).ok());
  EXPECT_EQ(Mode(o.key_out), 0600u);
  EXPECT_EQ(Verify(ca_crt(), o.cert_out, {X509_PURPOSE_SSL_CLIENT, "", ""}), "ok");
  EXPECT_EQ(Verify(ca_crt(), o.cert_out, {X509_PURPOSE_SSL_SERVER, "", ""}),
            Reason(X509_V_ERR_INVALID_PURPOSE));
  auto info = ReadCertificateInfo(o.cert_out);
  ASSERT_TRUE(info.ok()) << info.error().ToString();
  EXPECT_EQ(info->subject_cn, "alice");
  EXPECT_THAT(info->uris, ElementsAre("sselab:client:alice"));
  EXPECT_THAT(info->dns_names, IsEmpty());
  EXPECT_TRUE(info->client_auth);
  EXPECT_FALSE(info->server_auth);
  EXPECT_FALSE(info->is_ca);

  // Every identity character class, at the maximum length.
  std::string longest = "ops@example.org_" + std::string(48, 'Z');
  longest[15] = '-';
  ASSERT_EQ(longest.size(), kMaxCommonNameLength);
  IssueOptions o2 = Options(CertKind::kClient, {longest}, "ops");
  ASSERT_TRUE(Issue(o2).ok());
  EXPECT_EQ(ReadCertificateInfo(o2.cert_out)->subject_cn, longest);
  EXPECT_NE(ReadCertificateInfo(o2.cert_out)->serial, info->serial);
}

TEST_F(PkiTest, ExpiredAndNotYetValidCertificatesFailVerification) {
  const auto now = system_clock::now();
  IssueOptions expired =
      Options(CertKind::kClient, {"old"}, "old", {now - hours(24 * 10), now - hours(24)});
  ASSERT_TRUE(Issue(expired).ok());
  EXPECT_EQ(Verify(ca_crt(), expired.cert_out, {X509_PURPOSE_SSL_CLIENT, "", ""}),
            Reason(X509_V_ERR_CERT_HAS_EXPIRED));
  IssueOptions future =
      Options(CertKind::kServer, {"localhost"}, "future", {now + hours(24), now + hours(240)});
  ASSERT_TRUE(Issue(future).ok());
  EXPECT_EQ(Verify(ca_crt(), future.cert_out, {X509_PURPOSE_SSL_SERVER, "localhost", ""}),
            Reason(X509_V_ERR_CERT_NOT_YET_VALID));
}

TEST_F(PkiTest, RefusesBadIdentitiesAndNames) {
  for (const std::string& id :
       {std::string(), std::string("a b"), std::string("ali/ce"), std::string("al\nice"),
        std::string("Zoë"), std::string(65, 'a'), std::string("sselab:client:x")}) {
    ExpectRefused(Options(CertKind::kClient, {id}, "c"), ErrorCode::kInvalidArgument, "identity");
  }
  ExpectRefused(Options(CertKind::kClient, {}, "c"), ErrorCode::kInvalidArgument,
                "exactly one identity");
  ExpectRefused(Options(CertKind::kClient, {"alice", "bob"}, "c"), ErrorCode::kInvalidArgument,
                "exactly one identity");
  ExpectRefused(Options(CertKind::kServer, {}, "s"), ErrorCode::kInvalidArgument, "at least one");
  for (const std::string& name :
       {std::string(), std::string("-a.example"), std::string("a-.example"), std::string("a..b"),
        std::string("a_b.example"), std::string("*.example.org"), std::string("example.org."),
        std::string("1.2.3"), std::string("300.1.1.1"), std::string("[::1]"),
        std::string(64, 'l') + ".example", std::string("host name")}) {
    ExpectRefused(Options(CertKind::kServer, {"localhost", name}, "s"), ErrorCode::kInvalidArgument,
                  "server name");
  }
  std::string long_dns;
  for (int i = 0; i < 4; ++i) long_dns += std::string(62, static_cast<char>('a' + i)) + ".";
  long_dns += "org";  // 255 bytes
  ExpectRefused(Options(CertKind::kServer, {"localhost", long_dns}, "s"),
                ErrorCode::kInvalidArgument, "253");
  ExpectRefused(Options(CertKind::kServer, {long_dns.substr(64)}, "s"), ErrorCode::kInvalidArgument,
                "becomes the CN");
  ExpectRefused(Options(CertKind::kServer, {"localhost", "::1", "localhost"}, "s"),
                ErrorCode::kInvalidArgument, "listed twice");
  // Valid, for contrast: multi-label, digits and hyphens inside labels, an IPv6 address.
  ASSERT_TRUE(
      Issue(Options(CertKind::kServer, {"db-1.example.org", "fe80::1", "10.0.0.1"}, "s")).ok());
}

TEST_F(PkiTest, RefusesBadValidity) {
  const auto now = system_clock::now();
  ExpectRefused(Options(CertKind::kClient, {"alice"}, "a", {now, now}), ErrorCode::kInvalidArgument,
                "no later than it starts");
  ExpectRefused(Options(CertKind::kClient, {"alice"}, "a", {now, now - hours(1)}),
                ErrorCode::kInvalidArgument, "no later than it starts");
  // A certificate outliving its CA would stop verifying when the CA expires.
  ExpectRefused(Options(CertKind::kClient, {"alice"}, "a", ValidFor(3651)),
                ErrorCode::kInvalidArgument, "after the CA");
}

TEST_F(PkiTest, MissingCaIsNotFound) {
  ca_dir_ = dir_ / "nowhere";
  ExpectRefused(Options(CertKind::kClient, {"alice"}, "a"), ErrorCode::kNotFound,
                (dir_ / "nowhere" / kCaCertFile).string());
  ca_dir_ = dir_ / "ca";
  fs::remove(ca_key());
  ExpectRefused(Options(CertKind::kClient, {"alice"}, "a"), ErrorCode::kNotFound,
                ca_key().string());
}

// The base64 lines of a PEM file (what an error message must never repeat).
std::vector<std::string> PemBodyLines(const std::string& pem) {
  std::vector<std::string> lines;
  std::istringstream in(pem);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line[0] != '-') lines.push_back(line);
  }
  return lines;
}

TEST_F(PkiTest, EveryFlippedByteOfTheCaKeyIsCorruptionOrHarmless) {
  const std::string original = Slurp(ca_key());
  const std::vector<std::string> secret_lines = PemBodyLines(original);
  size_t harmless = 0;
  for (size_t i = 0; i < original.size(); ++i) {
    std::string damaged = original;
    damaged[i] = static_cast<char>(damaged[i] ^ 0x01);
    Spit(ca_key(), damaged);
    const std::string out = "leaf" + std::to_string(i);
    IssueOptions o = Options(CertKind::kClient, {"alice"}, out);
    Status s = Issue(o);
    if (s.ok()) {
      // OpenSSL ignored the damage (e.g. unused padding bits): the certificate it signed
      // must still chain to the CA.
      EXPECT_EQ(Verify(ca_crt(), o.cert_out, {X509_PURPOSE_SSL_CLIENT, "", ""}), "ok")
          << "byte " << i;
      ++harmless;
      continue;
    }
    EXPECT_EQ(s.error().code(), ErrorCode::kCorruption)
        << "byte " << i << ": " << s.error().ToString();
    EXPECT_THAT(s.error().message(), HasSubstr(ca_key().string())) << "byte " << i;
    for (const std::string& line : secret_lines) {
      EXPECT_THAT(s.error().message(), Not(HasSubstr(line))) << "byte " << i;
    }
    EXPECT_FALSE(fs::exists(o.key_out)) << "byte " << i;
  }
  EXPECT_LT(harmless, original.size() / 10);
}

// A damaged private scalar next to the intact public key: comparing the key with the
// certificate (public parts only) would not notice; the pairwise check does.
TEST_F(PkiTest, DamagedPrivateScalarWithIntactPublicKeyIsCorruption) {
  const std::string pem = Slurp(ca_key());
  internal::BioPtr in = internal::MemoryBio(pem);
  char* name = nullptr;
  char* header = nullptr;
  unsigned char* der = nullptr;
  long len = 0;
  ASSERT_EQ(PEM_read_bio(in.get(), &name, &header, &der, &len), 1);
  std::string bytes(reinterpret_cast<const char*>(der), static_cast<size_t>(len));
  OPENSSL_free(name);
  OPENSSL_free(header);
  OPENSSL_free(der);
  // ECPrivateKey ::= SEQUENCE { version INTEGER 1, privateKey OCTET STRING (32 bytes), ... }
  const size_t at = bytes.find(std::string("\x02\x01\x01\x04\x20", 5));
  ASSERT_NE(at, std::string::npos);
  bytes[at + 5 + 17] = static_cast<char>(bytes[at + 5 + 17] ^ 0x10);
  internal::BioPtr out(BIO_new(BIO_s_mem()));
  ASSERT_GT(PEM_write_bio(out.get(), "PRIVATE KEY", "",
                          reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<long>(bytes.size())),
            0);
  Spit(ca_key(), std::string(internal::BioView(out.get())));
  ExpectRefused(Options(CertKind::kServer, {"localhost"}, "s"), ErrorCode::kCorruption,
                "inconsistent key pair");
}

TEST_F(PkiTest, KeyOfAnotherCaIsCorruption) {
  ASSERT_TRUE(InitCa(dir_ / "other", "other CA", ValidFor(3650)).ok());
  fs::copy_file(dir_ / "other" / kCaKeyFile, ca_key(), fs::copy_options::overwrite_existing);
  ExpectRefused(Options(CertKind::kClient, {"alice"}, "a"), ErrorCode::kCorruption,
                ca_key().string() + " is not the key of " + ca_crt().string());
}

TEST_F(PkiTest, LeafInPlaceOfTheCaCertificateIsCorruption) {
  IssueOptions leaf = Options(CertKind::kServer, {"localhost"}, "s");
  ASSERT_TRUE(Issue(leaf).ok());
  fs::copy_file(leaf.cert_out, ca_crt(), fs::copy_options::overwrite_existing);
  fs::copy_file(leaf.key_out, ca_key(), fs::copy_options::overwrite_existing);
  ExpectRefused(Options(CertKind::kClient, {"alice"}, "a"), ErrorCode::kCorruption,
                ca_crt().string() + " is not a CA certificate");
  Spit(ca_crt(), "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");
  ExpectRefused(Options(CertKind::kClient, {"alice"}, "a"), ErrorCode::kCorruption,
                ca_crt().string());
}

TEST_F(PkiTest, NeverOverwritesOutputs) {
  IssueOptions o = Options(CertKind::kClient, {"alice"}, "alice");
  Spit(o.cert_out, "precious");
  Status s = Issue(o);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), ErrorCode::kAlreadyExists) << s.error().ToString();
  EXPECT_THAT(s.error().message(), HasSubstr(o.cert_out.string()));
  EXPECT_EQ(Slurp(o.cert_out), "precious");
  EXPECT_FALSE(fs::exists(o.key_out));
  fs::remove(o.cert_out);
  Spit(o.key_out, "precious key");
  s = Issue(o);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(Slurp(o.key_out), "precious key");
  EXPECT_FALSE(fs::exists(o.cert_out));
}

TEST_F(PkiTest, RefusesUnusableOutputPaths) {
  IssueOptions same = Options(CertKind::kClient, {"alice"}, "a");
  same.key_out = same.cert_out;
  ExpectRefused(same, ErrorCode::kInvalidArgument, "both go to");
  IssueOptions nodir = Options(CertKind::kClient, {"alice"}, "missing/a");
  ExpectRefused(nodir, ErrorCode::kNotFound, (dir_ / "missing").string());
}

TEST_F(PkiTest, FailedCertificateWriteRemovesTheKey) {
  // The certificate's name fits NAME_MAX, the temporary file beside it does not: the key
  // is written first, the certificate fails, and the key must go again.
  IssueOptions o = Options(CertKind::kClient, {"alice"}, "a");
  o.cert_out = dir_ / (std::string(250, 'c') + ".crt");
  Status s = Issue(o);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), ErrorCode::kIoError) << s.error().ToString();
  EXPECT_FALSE(fs::exists(o.key_out));
  EXPECT_FALSE(fs::exists(o.cert_out));
}

TEST_F(PkiTest, ReadCertificateInfoErrorsNameTheFile) {
  auto missing = ReadCertificateInfo(dir_ / "none.crt");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code(), ErrorCode::kNotFound);
  // A key file given by mistake: named in the error, its contents not repeated.
  auto key = ReadCertificateInfo(ca_key());
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(key.error().code(), ErrorCode::kCorruption);
  EXPECT_THAT(key.error().message(), HasSubstr(ca_key().string()));
  for (const std::string& line : PemBodyLines(Slurp(ca_key()))) {
    EXPECT_THAT(key.error().message(), Not(HasSubstr(line)));
  }
}

}  // namespace
}  // namespace sselab::net
