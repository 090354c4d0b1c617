// The scheme registry: name -> SchemeInfo + factories for the two parties.
//
// The CLI, the harness and the conformance tests iterate schemes by name through a
// Registry. Registration is explicit (schemes/builtin.h fills the registry with every
// scheme sselab ships); nothing relies on static initializers.
#ifndef SSELAB_INDEX_REGISTRY_H_
#define SSELAB_INDEX_REGISTRY_H_

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "crypto/secret_key.h"
#include "index/channel.h"
#include "index/client.h"
#include "index/params.h"
#include "index/scheme_info.h"
#include "index/view_format.h"
#include "storage/store.h"

namespace sselab::index {

struct ClientContext {
  const Params& params;
  // The index's master key; null only for schemes with needs_key == false.
  const crypto::SecretKey* key;
  Channel& channel;
  // The client's own store (EncryptedIndex: DIR/client/state) for schemes with
  // SchemeInfo::client_state, null for the others; outlives the client. It must never
  // hold a keyword in the clear: key it by a keyed hash of the keyword.
  storage::Store* state = nullptr;
};

struct ServerContext {
  const Params& params;
  storage::Store& store;  // the server's whole state; outlives the server
};

// The offline keyword-guessing attack on an observed search request: the first word of
// `dictionary` whose trapdoor test matches, or nullopt.
using KeywordGuesser = std::function<Result<std::optional<std::string>>(
    ByteView request, std::span<const std::string> dictionary)>;

// A public key a scheme's server holds (and so the adversary of the leakage lab): a name
// that says which key and group, e.g. "pk_R.g2", and its canonical encoding.
struct PublicKey {
  std::string name;
  Bytes encoding;
};

struct SchemeEntry {
  SchemeInfo info;
  // The declared leakage and the capabilities under given parameters, where a parameter
  // changes them (e.g. mode=hiding hides result ids); unset: info.leakage and
  // info.capabilities for every setting. Read them through DeclaredLeakage() and
  // DeclaredCapabilities().
  std::function<LeakageProfile(const Params&)> leakage_for;
  std::function<Capabilities(const Params&)> capabilities_for;
  std::function<Result<std::unique_ptr<Client>>(const ClientContext&)> new_client;
  std::function<Result<std::unique_ptr<Server>>(const ServerContext&)> new_server;
  // How the server parses its own replies and keys under these parameters (leakage lab);
  // unset: replies are opaque and keys stand alone.
  std::function<ViewFormat(const Params&)> view;
  // Public-key schemes: the keyword-guessing attack anyone holding the scheme's public
  // keys (the server included) can run, built from those keys alone (as `public_keys`
  // returns them). kInvalidArgument if a key it needs is missing or malformed. Unset for
  // symmetric schemes.
  std::function<Result<KeywordGuesser>(std::span<const PublicKey> keys)> keyword_guesser;
  // Public-key schemes: every public key derived from `master` that a server holds in a
  // deployment. The leakage lab hands them to its attacks (leakage/attacks/tag_linking.h)
  // together with the raw store; the scheme says nothing about how to use them.
  std::function<Result<std::vector<PublicKey>>(const crypto::SecretKey& master)> public_keys;
};

// The entry's declared leakage and capabilities under `params`.
LeakageProfile DeclaredLeakage(const SchemeEntry& entry, const Params& params);
Capabilities DeclaredCapabilities(const SchemeEntry& entry, const Params& params);

class Registry {
 public:
  // kAlreadyExists if the name is taken.
  Status Register(SchemeEntry entry);
  // kNotFound naming the scheme and listing the registered ones.
  Result<const SchemeEntry*> Find(std::string_view name) const;
  // Every scheme, in name order.
  std::vector<const SchemeEntry*> All() const;
  std::vector<std::string> Names() const;

 private:
  std::map<std::string, SchemeEntry, std::less<>> entries_;
};

}  // namespace sselab::index

#endif  // SSELAB_INDEX_REGISTRY_H_
