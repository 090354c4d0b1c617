#include "net/grants.h"

#include <toml++/toml.h>

#include <array>
#include <utility>

#include "base/ascii.h"
#include "base/files.h"

namespace sselab::net {
namespace {

constexpr size_t kMaxNameLength = 64;
constexpr size_t kMaxGrantFileBytes = 4 << 20;
constexpr size_t kMaxQuotedLength = 80;

constexpr std::array<Permission, 3> kAllPermissions = {Permission::kSearch, Permission::kUpdate,
                                                       Permission::kAdmin};

// `s` in double quotes for a message; non-printable bytes become '?' and a long string is
// cut, so that a hostile file cannot put control characters or megabytes into a log line.
std::string Quoted(std::string_view s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size() && i < kMaxQuotedLength; ++i) {
    char c = s[i];
    out += (c >= 0x20 && c < 0x7f) ? c : '?';
  }
  if (s.size() > kMaxQuotedLength) out += "...";
  return out + "\"";
}

// What a TOML node is, for a message about a wrong type.
std::string_view TypeName(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::none:
      return "nothing";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a number";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
    case toml::node_type::time:
    case toml::node_type::date_time:
      return "a date or time";
  }
  return "an unknown value";
}

// An error naming the grant file and the line where `region` begins.
Error BadAt(const std::string& source, const toml::source_region& region, std::string_view what) {
  return InvalidArgumentError(source + " (line " + std::to_string(region.begin.line) +
                              "): " + std::string(what));
}

// One [[grant]] table, validated.
struct ParsedGrant {
  std::string identity;
  std::vector<std::string> indexes;
  PermissionSet allow = 0;
};

// A non-empty array of strings, each with the region it was written at.
using StringList = std::vector<std::pair<std::string, toml::source_region>>;

Result<StringList> NonEmptyStringList(const toml::node& node, std::string_view key,
                                      const std::string& source) {
  const toml::array* array = node.as_array();
  if (array == nullptr) {
    return BadAt(source, node.source(),
                 "\"" + std::string(key) + "\" must be an array of strings; found " +
                     std::string(TypeName(node)));
  }
  if (array->empty()) {
    return BadAt(source, node.source(), "\"" + std::string(key) + "\" must not be empty");
  }
  StringList out;
  for (const toml::node& element : *array) {
    const toml::value<std::string>* s = element.as_string();
    if (s == nullptr) {
      return BadAt(source, element.source(),
                   "\"" + std::string(key) + "\" must be an array of strings; found " +
                       std::string(TypeName(element)));
    }
    out.emplace_back(s->get(), element.source());
  }
  return out;
}

Result<PermissionSet> ParsePermission(const std::string& name, const toml::source_region& where,
                                      const std::string& source) {
  for (Permission p : kAllPermissions) {
    if (name == PermissionName(p)) return static_cast<PermissionSet>(p);
  }
  return BadAt(source, where,
               "unknown permission " + Quoted(name) + " (expected search, update or admin)");
}

Result<ParsedGrant> ParseGrant(const toml::table& grant, const std::string& source) {
  for (const auto& [key, node] : grant) {
    std::string_view k = key.str();
    if (k != "identity" && k != "indexes" && k != "allow") {
      return BadAt(
          source, key.source(),
          "unknown key " + Quoted(k) + " in [[grant]] (expected identity, indexes, allow)");
    }
  }
  for (std::string_view required : {"identity", "indexes", "allow"}) {
    if (!grant.contains(required)) {
      return BadAt(source, grant.source(),
                   "[[grant]] has no \"" + std::string(required) + "\" (each grant needs " +
                       "identity, indexes and allow)");
    }
  }

  ParsedGrant out;
  const toml::node& identity = *grant.get("identity");
  const toml::value<std::string>* id = identity.as_string();
  if (id == nullptr) {
    return BadAt(source, identity.source(),
                 "\"identity\" must be a string; found " + std::string(TypeName(identity)));
  }
  if (!ValidIdentity(id->get())) {
    return BadAt(
        source, identity.source(),
        "invalid identity " + Quoted(id->get()) + " (1..64 characters from A-Z a-z 0-9 . _ @ -)");
  }
  out.identity = id->get();

  SSELAB_ASSIGN_OR_RETURN(StringList indexes,
                          NonEmptyStringList(*grant.get("indexes"), "indexes", source));
  for (auto& [name, where] : indexes) {
    if (name != kEveryIndex && !ValidIndexName(name)) {
      return BadAt(source, where,
                   "invalid index name " + Quoted(name) +
                       " (1..64 characters from A-Z a-z 0-9 . _ -, not starting with '.'; "
                       "or exactly \"*\" for every index)");
    }
    out.indexes.push_back(std::move(name));
  }

  SSELAB_ASSIGN_OR_RETURN(StringList allow,
                          NonEmptyStringList(*grant.get("allow"), "allow", source));
  for (const auto& [name, where] : allow) {
    SSELAB_ASSIGN_OR_RETURN(PermissionSet p, ParsePermission(name, where, source));
    out.allow |= p;
  }
  return out;
}

}  // namespace

std::string_view PermissionName(Permission p) {
  switch (p) {
    case Permission::kSearch:
      return "search";
    case Permission::kUpdate:
      return "update";
    case Permission::kAdmin:
      return "admin";
  }
  return "unknown";
}

std::string FormatPermissions(PermissionSet set) {
  std::string out;
  for (Permission p : kAllPermissions) {
    if (!Contains(set, p)) continue;
    if (!out.empty()) out += ",";
    out += PermissionName(p);
  }
  return out;
}

bool ValidIndexName(std::string_view name) {
  if (name.empty() || name.size() > kMaxNameLength || name.front() == '.') return false;
  for (char c : name) {
    if (!IsAsciiAlnum(c) && c != '.' && c != '_' && c != '-') return false;
  }
  return true;
}

bool ValidIdentity(std::string_view identity) {
  if (identity.empty() || identity.size() > kMaxNameLength) return false;
  for (char c : identity) {
    if (!IsAsciiAlnum(c) && c != '.' && c != '_' && c != '@' && c != '-') return false;
  }
  return true;
}

Result<Grants> Grants::Parse(std::string_view toml_text, std::string_view source_name) {
  std::string source(source_name);
  toml::table root;
  try {
    root = toml::parse(toml_text, source_name);
  } catch (const toml::parse_error& e) {
    return InvalidArgumentError(source + " (line " + std::to_string(e.source().begin.line) +
                                ", column " + std::to_string(e.source().begin.column) +
                                "): " + std::string(e.description()));
  }

  for (const auto& [key, node] : root) {
    if (key.str() != "grant") {
      return BadAt(source, key.source(),
                   "unknown top-level key " + Quoted(key.str()) + " (expected only [[grant]])");
    }
  }
  Grants grants;
  const toml::node* list = root.get("grant");
  if (list == nullptr) return grants;
  const toml::array* array = list->as_array();
  if (array == nullptr) {
    return BadAt(source, list->source(),
                 "\"grant\" must be an array of tables, written [[grant]]; found " +
                     std::string(TypeName(*list)));
  }
  for (const toml::node& entry : *array) {
    const toml::table* table = entry.as_table();
    if (table == nullptr) {
      return BadAt(
          source, entry.source(),
          "each grant must be a table, written [[grant]]; found " + std::string(TypeName(entry)));
    }
    SSELAB_ASSIGN_OR_RETURN(ParsedGrant grant, ParseGrant(*table, source));
    IndexMap& indexes = grants.by_identity_[grant.identity];
    for (std::string& index : grant.indexes) {
      auto [it, inserted] = indexes.try_emplace(std::move(index), PermissionSet{0});
      if (inserted) ++grants.size_;
      it->second |= grant.allow;
    }
  }
  return grants;
}

Result<Grants> Grants::Load(const std::filesystem::path& file) {
  SSELAB_ASSIGN_OR_RETURN(std::string text, ReadFileToString(file, kMaxGrantFileBytes));
  return Parse(text, file.string());
}

PermissionSet Grants::Lookup(std::string_view identity, std::string_view index) const {
  auto by_id = by_identity_.find(identity);
  if (by_id == by_identity_.end()) return 0;
  auto entry = by_id->second.find(index);
  return entry == by_id->second.end() ? PermissionSet{0} : entry->second;
}

PermissionSet Grants::PermissionsOn(std::string_view identity, std::string_view index) const {
  if (!ValidIdentity(identity)) return 0;
  if (index == kEveryIndex) return Lookup(identity, kEveryIndex);
  if (!ValidIndexName(index)) return 0;
  return static_cast<PermissionSet>(Lookup(identity, index) | Lookup(identity, kEveryIndex));
}

bool Grants::Allows(std::string_view identity, std::string_view index, Permission p) const {
  return Contains(PermissionsOn(identity, index), p);
}

std::vector<std::string> Grants::NamedIndexes(std::string_view identity) const {
  std::vector<std::string> out;
  auto by_id = by_identity_.find(identity);
  if (by_id == by_identity_.end()) return out;
  for (const auto& [index, permissions] : by_id->second) {
    if (index != kEveryIndex && permissions != 0) out.push_back(index);
  }
  return out;
}

}  // namespace sselab::net
