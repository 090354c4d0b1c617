// `sselab pki`: a private certificate authority for the mutual TLS of `sselab serve`.
//
// Every connection to `sselab serve` is TLS 1.3 with certificates on both sides. The
// server and its clients trust one CA, yours, and nothing else; `sselab pki` makes it
// and issues its certificates (net/pki.h). A session from nothing:
//
//   sselab pki init  --dir ca                            # ca/ca.key (0600), ca/ca.crt
//   sselab pki issue --ca ca --server db.example.org --server 10.0.0.5 --out server
//   sselab pki issue --ca ca --client alice --out alice  # alice.crt, alice.key (0600)
//   sselab serve --listen 0.0.0.0:7443 --data srv --grants grants.toml
//       --tls-cert server.crt --tls-key server.key --tls-ca ca/ca.crt
//   sselab index build --scheme pibas --corpus c.jsonl --db idx
//       --server db.example.org:7443 --tls-cert alice.crt --tls-key alice.key --tls-ca ca/ca.crt
//   sselab pki show alice.crt                            # what a certificate says
//
// What goes where:
//   ca/ca.key   signs certificates. Whoever holds it can mint any identity, so keep it on
//               the machine you issue from, not on the server, and back it up.
//   ca/ca.crt   public; every server and client gets it (--tls-ca).
//   server.crt  the server's certificate: --server names every host name and IP address
//               clients dial (`--server HOST:PORT`); a name not listed fails the TLS
//               handshake with a host-name mismatch.
//   alice.crt   a client's certificate: its identity ("alice") is what the server's grant
//               file names (identity = "alice"). Alice gets alice.crt, alice.key, ca.crt.
//   *.key       each private key stays with its owner, mode 0600; sselab never prints one.
// Renewal: issue a fresh pair under a new --out and move it over the old files; the
// server and clients re-read their TLS files while running (--tls-refresh-seconds).
// Nothing here overwrites a file: an existing CA or output is an error.
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include "net/pki.h"
#include "tools/cli_util.h"
#include "tools/commands.h"

namespace sselab::tools {
namespace {

namespace fs = std::filesystem;

constexpr int kDefaultCaDays = 3650;
constexpr int kDefaultServerDays = 825;
constexpr int kDefaultClientDays = 365;
constexpr int kMaxDays = 36500;

std::string FormatUtc(std::chrono::system_clock::time_point t) {
  std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S UTC", &tm);
  return buf;
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

struct InitCliOptions {
  std::string dir;
  std::string name = "sselab private CA";
  int days = kDefaultCaDays;
};

int RunInit(const InitCliOptions& o) {
  const fs::path dir(o.dir);
  Status made = net::InitCa(dir, o.name, net::ValidFor(o.days));
  if (!made.ok()) return Fail(made.error().WithContext("pki init failed"));
  auto info = net::ReadCertificateInfo(dir / net::kCaCertFile);
  if (!info.ok()) return Fail(info.error());
  const std::string key = (dir / net::kCaKeyFile).string();
  const std::string crt = (dir / net::kCaCertFile).string();
  std::fprintf(stderr,
               "created CA \"%s\", valid until %s:\n"
               "  %s  private key (0600): signs certificates; keep it off the servers\n"
               "  %s  CA certificate: give it to the server and every client (--tls-ca)\n"
               "next: sselab pki issue --ca %s --server HOST --out server\n"
               "      sselab pki issue --ca %s --client NAME --out NAME\n",
               o.name.c_str(), FormatUtc(info->not_after).c_str(), key.c_str(), crt.c_str(),
               o.dir.c_str(), o.dir.c_str());
  return 0;
}

struct IssueCliOptions {
  std::string ca;
  std::vector<std::string> servers;
  std::string client;
  std::string out;
  int days = 0;  // 0: the kind's default
};

int RunIssue(const IssueCliOptions& o) {
  if (o.out.ends_with(".crt") || o.out.ends_with(".key")) {
    return Fail(InvalidArgumentError("--out takes a prefix: " + o.out + " would write " + o.out +
                                     ".crt and " + o.out + ".key; drop the extension"));
  }
  const bool server = !o.servers.empty();
  net::IssueOptions options{.kind = server ? net::CertKind::kServer : net::CertKind::kClient,
                            .names = server ? o.servers : std::vector<std::string>{o.client},
                            .validity = net::ValidFor(o.days > 0 ? o.days
                                                      : server   ? kDefaultServerDays
                                                                 : kDefaultClientDays),
                            .cert_out = o.out + ".crt",
                            .key_out = o.out + ".key"};
  const std::string ca_crt = (fs::path(o.ca) / net::kCaCertFile).string();
  if (o.days == 0) {
    // A default validity ends with the CA at the latest (an explicit --days past the
    // CA's end is refused instead). An unreadable CA is IssueCertificate's to report.
    auto ca = net::ReadCertificateInfo(ca_crt);
    if (ca.ok() && options.validity.not_after > ca->not_after) {
      options.validity.not_after = ca->not_after;
      std::fprintf(stderr, "note: valid only until the CA expires, not the default %d days\n",
                   server ? kDefaultServerDays : kDefaultClientDays);
    }
  }
  Status issued = net::IssueCertificate(o.ca, options);
  if (!issued.ok()) return Fail(issued.error().WithContext("pki issue failed"));
  auto info = net::ReadCertificateInfo(options.cert_out);
  if (!info.ok()) return Fail(info.error());
  const std::string crt = options.cert_out.string();
  const std::string key = options.key_out.string();
  const std::string tls = "--tls-cert " + crt + " --tls-key " + key + " --tls-ca " + ca_crt;
  if (server) {
    std::string host = o.servers[0];
    if (host.find(':') != std::string::npos) host = "[" + host + "]";  // IPv6
    std::fprintf(stderr,
                 "issued a server certificate for %s, valid until %s:\n"
                 "  %s  certificate\n"
                 "  %s  private key (0600): only the server reads it\n"
                 "use: sselab serve ... %s\n"
                 "clients dial one of the names above: --server %s:PORT\n",
                 Join(o.servers).c_str(), FormatUtc(info->not_after).c_str(), crt.c_str(),
                 key.c_str(), tls.c_str(), host.c_str());
  } else {
    std::fprintf(stderr,
                 "issued a client certificate for identity \"%s\", valid until %s:\n"
                 "  %s  certificate\n"
                 "  %s  private key (0600): give it to %s alone\n"
                 "use: sselab index build ... --server HOST:PORT %s\n"
                 "grant it rights in the server's grant file: identity = \"%s\"\n",
                 o.client.c_str(), FormatUtc(info->not_after).c_str(), crt.c_str(), key.c_str(),
                 o.client.c_str(), tls.c_str(), o.client.c_str());
  }
  return 0;
}

int RunShow(const std::string& file) {
  auto info = net::ReadCertificateInfo(file);
  if (!info.ok()) return Fail(info.error());
  const auto now = std::chrono::system_clock::now();
  std::string use = info->is_ca ? "CA (signs certificates)" : "";
  if (!info->is_ca) {
    if (info->server_auth) use = "TLS server";
    if (info->client_auth) use += use.empty() ? "TLS client" : ", TLS client";
    if (use.empty()) use = "neither TLS server nor client";
  }
  const char* state = now < info->not_before  ? " (not yet valid)"
                      : now > info->not_after ? " (EXPIRED)"
                                              : "";
  Table t({"field", "value"});
  t.Add({"subject CN", info->subject_cn});
  t.Add({"issuer CN", info->issuer_cn});
  t.Add({"use", use});
  if (!info->dns_names.empty()) t.Add({"DNS names", Join(info->dns_names)});
  if (!info->ip_addresses.empty()) t.Add({"IP addresses", Join(info->ip_addresses)});
  if (!info->uris.empty()) t.Add({"URIs", Join(info->uris)});
  t.Add({"valid from", FormatUtc(info->not_before)});
  t.Add({"valid until", FormatUtc(info->not_after) + state});
  t.Add({"serial", info->serial});
  t.Add({"SHA-256", info->sha256_fingerprint});
  std::printf("%s", t.Render().c_str());
  return 0;
}

void AddInit(CLI::App& pki, Action& run) {
  auto* cmd = pki.add_subcommand(
      "init",
      "Create a private CA: DIR/ca.key, its private key (mode 0600), and DIR/ca.crt, its\n"
      "self-signed certificate (ECDSA P-256). DIR is created (mode 0700) if missing; an\n"
      "existing CA is never overwritten.\n"
      "ca.crt is public: the server and every client take it as --tls-ca. ca.key signs\n"
      "every certificate the server and clients will accept: keep it where you run\n"
      "`sselab pki issue`, not on the server.");
  auto o = std::make_shared<InitCliOptions>();
  cmd->add_option("--dir", o->dir, "Directory of the CA")->required();
  cmd->add_option("--name", o->name, "The CA's name (its certificate's CN), up to 64 bytes")
      ->capture_default_str();
  cmd->add_option("--days", o->days,
                  "How long the CA is valid; certificates it issues "
                  "cannot outlive it")
      ->capture_default_str()
      ->check(CLI::Range(1, kMaxDays));
  cmd->callback([&run, o] { run = [o] { return RunInit(*o); }; });
}

void AddIssue(CLI::App& pki, Action& run) {
  auto* cmd = pki.add_subcommand(
      "issue",
      "Issue a certificate signed by the CA in --ca: PREFIX.crt, the certificate, and\n"
      "PREFIX.key, its fresh private key (mode 0600). Existing files are never overwritten.\n"
      "A server's certificate lists every host name and IP address clients dial:\n"
      "  sselab pki issue --ca ca --server db.example.org --server 10.0.0.5 --out server\n"
      "  sselab serve ... --tls-cert server.crt --tls-key server.key --tls-ca ca/ca.crt\n"
      "A client's certificate names its identity, as the server's grant file does:\n"
      "  sselab pki issue --ca ca --client alice --out alice\n"
      "  sselab index build ... --server db.example.org:PORT\n"
      "      --tls-cert alice.crt --tls-key alice.key --tls-ca ca/ca.crt");
  auto o = std::make_shared<IssueCliOptions>();
  cmd->add_option("--ca", o->ca, "Directory of the CA (made by `sselab pki init`)")->required();
  auto* server =
      cmd->add_option("--server", o->servers,
                      "A host name or IP address (v4 or v6) of the server; repeat for each "
                      "name clients use. The first is also the certificate's CN");
  auto* client = cmd->add_option("--client", o->client,
                                 "The client's identity: 1 to 64 characters from [A-Za-z0-9._@-]");
  server->excludes(client);
  client->excludes(server);
  cmd->add_option("--out", o->out, "Prefix of the files to write: PREFIX.crt and PREFIX.key")
      ->required();
  cmd->add_option(
         "--days", o->days,
         "How long the certificate is valid (default: " + std::to_string(kDefaultServerDays) +
             " for --server, " + std::to_string(kDefaultClientDays) +
             " for --client, or until the CA expires if sooner); an explicit value "
             "past the CA's expiry is refused")
      ->check(CLI::Range(1, kMaxDays));
  cmd->callback([&run, o] {
    if (o->servers.empty() && o->client.empty()) throw CLI::RequiredError("--server or --client");
    run = [o] { return RunIssue(*o); };
  });
}

void AddShow(CLI::App& pki, Action& run) {
  auto* cmd = pki.add_subcommand(
      "show",
      "Print what a PEM certificate says: names, issuer, use, validity, serial and\n"
      "SHA-256 fingerprint. Checks no signature: `openssl verify -CAfile CA/ca.crt FILE`\n"
      "does.");
  auto file = std::make_shared<std::string>();
  cmd->add_option("file", *file, "Certificate file (PEM), e.g. server.crt or CA/ca.crt")
      ->required();
  cmd->callback([&run, file] { run = [file] { return RunShow(*file); }; });
}

}  // namespace

void AddPkiCommand(CLI::App& app, Action& run) {
  auto* pki = app.add_subcommand(
      "pki",
      "A private certificate authority for the mutual TLS of `sselab serve`:\n"
      "  sselab pki init  --dir ca                                the CA: ca/ca.key, ca/ca.crt\n"
      "  sselab pki issue --ca ca --server HOST --out server      server.crt, server.key\n"
      "  sselab pki issue --ca ca --client alice --out alice      alice.crt, alice.key\n"
      "  sselab pki show  alice.crt                               what a certificate says\n"
      "The server runs with --tls-cert server.crt --tls-key server.key --tls-ca ca/ca.crt,\n"
      "a client with --tls-cert alice.crt --tls-key alice.key --tls-ca ca/ca.crt.");
  pki->require_subcommand(1);
  AddInit(*pki, run);
  AddIssue(*pki, run);
  AddShow(*pki, run);
}

}  // namespace sselab::tools
