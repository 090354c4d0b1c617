// The grant file of `sselab serve`: which client may do what on which index.
//
// A server holds many named indexes. A client authenticates with a TLS client certificate;
// its identity is the certificate's subject CN (e.g. "alice"). The grant file maps
// identities to permissions per index:
//
//   search  search requests, and describe/info of the index
//   update  add/remove on a dynamic index (implies nothing else: no search)
//   admin   create the index, build it (stream setup messages into it), drop it;
//           admin on "*" lets the identity create new indexes of any valid name
//
// Format (TOML). A file with no grants (empty, or only comments) is valid and grants
// nothing. A full example:
//
//   # sselab serve: who may do what. Identities are client-certificate subject CNs.
//   [[grant]]
//   identity = "alice"
//   indexes = ["mail", "wiki"]      # or ["*"]
//   allow = ["search", "update"]    # search | update | admin
//
//   [[grant]]
//   identity = "ops@example.org"
//   indexes = ["*"]                 # every index, including ones not yet created
//   allow = ["admin"]
//
//   [[grant]]
//   identity = "alice"              # the same identity again: permissions merge,
//   indexes = ["mail"]              # so alice has search, update and admin on "mail"
//   allow = ["admin"]
//
// Rules, checked on load; each refusal is kInvalidArgument naming the file and the line:
//   - the only top-level key is `grant`, an array of tables ([[grant]]);
//   - a grant has exactly the keys `identity` (string), `indexes` and `allow` (non-empty
//     arrays of strings); a missing, unknown or wrongly typed key is refused;
//   - an identity is 1..64 characters from [A-Za-z0-9._@-];
//   - an index name is 1..64 characters from [A-Za-z0-9._-], not starting with '.', or
//     exactly "*" (every index; there are no other patterns);
//   - a permission is one of search, update, admin;
//   - the same (identity, index) in several grants, or repeated in one, merges.
// Names and identities compare exactly (case-sensitive).
//
// Thread safety: a Grants is immutable after Parse/Load; any number of threads may call
// its const methods at once without synchronization. A reload never edits a Grants: it
// loads a new one and replaces the old one whole. Intended use: the server holds a
// std::shared_ptr<const Grants> that it swaps atomically (e.g. a
// std::atomic<std::shared_ptr<const Grants>>); each request loads its own copy of the
// pointer, so a request in flight keeps the grants it started with, and a reload that
// fails to load leaves the old grants in force.
#ifndef SSELAB_NET_GRANTS_H_
#define SSELAB_NET_GRANTS_H_

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace sselab::net {

enum class Permission : uint8_t { kSearch = 1, kUpdate = 2, kAdmin = 4 };

// "search", "update", "admin" (as written in the grant file); "unknown" otherwise.
std::string_view PermissionName(Permission p);

// A set of permissions: the bitwise OR of Permission values; 0 is the empty set.
using PermissionSet = uint8_t;

// True if `set` contains `p`.
constexpr bool Contains(PermissionSet set, Permission p) {
  return (set & static_cast<PermissionSet>(p)) != 0;
}

// The names of the permissions in `set`, comma-separated in the order search, update,
// admin (e.g. "search,admin"); "" for the empty set.
std::string FormatPermissions(PermissionSet set);

// The index pattern meaning every index.
inline constexpr std::string_view kEveryIndex = "*";

// True if `name` may name an index: 1..64 characters from [A-Za-z0-9._-], not starting
// with '.'. "*" is not a valid name (it is the pattern for every index).
bool ValidIndexName(std::string_view name);

// True if `identity` may appear in a grant: 1..64 characters from [A-Za-z0-9._@-]. A
// certificate whose CN is not a valid identity can hold no grant.
bool ValidIdentity(std::string_view identity);

class Grants {
 public:
  // Grants nothing (the same as an empty grant file).
  Grants() = default;

  // Parses a grant file's text. `source_name` (usually the path) is used in messages.
  // Errors: kInvalidArgument for a TOML syntax error (naming line and column) or a
  // violated rule (naming the line).
  static Result<Grants> Parse(std::string_view toml_text, std::string_view source_name);

  // Reads and parses `file`. Errors: kNotFound if it does not exist, kIoError if it
  // cannot be read, kInvalidArgument as for Parse or if it is larger than 4 MiB.
  static Result<Grants> Load(const std::filesystem::path& file);

  // True if `identity` may do `p` on `index`: a grant names `index` or "*" with `p`.
  // `index` is an index name, or "*" to ask about a grant on "*" itself; an invalid
  // index name or identity is allowed nothing. For creating an index, ask for kAdmin on
  // the new name: true with admin on "*" or an explicit admin grant on that name.
  bool Allows(std::string_view identity, std::string_view index, Permission p) const;

  // The permissions `identity` holds on `index` (its own grants and those on "*"
  // merged); 0 if none or if either name is invalid. For describe/whoami replies.
  PermissionSet PermissionsOn(std::string_view identity, std::string_view index) const;

  // True if `identity` holds any permission on `index`: whether `list indexes` shows
  // that index to it.
  bool AllowsAny(std::string_view identity, std::string_view index) const {
    return PermissionsOn(identity, index) != 0;
  }

  // The index names granted to `identity` explicitly (not through "*"), sorted and
  // without "*". An index named here may not exist on the server.
  std::vector<std::string> NamedIndexes(std::string_view identity) const;

  // True if `identity` has `p` on "*", i.e. on every index, present and future.
  bool AllowsEveryIndex(std::string_view identity, Permission p) const {
    return Allows(identity, kEveryIndex, p);
  }

  // The number of distinct (identity, index) entries after merging; "*" counts as one
  // index.
  size_t size() const { return size_; }

 private:
  using IndexMap = std::map<std::string, PermissionSet, std::less<>>;

  // The permissions recorded for exactly (identity, index), without "*"; 0 if none.
  PermissionSet Lookup(std::string_view identity, std::string_view index) const;

  std::map<std::string, IndexMap, std::less<>> by_identity_;
  size_t size_ = 0;
};

}  // namespace sselab::net

#endif  // SSELAB_NET_GRANTS_H_
