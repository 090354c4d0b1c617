#include "index/registry.h"

namespace sselab::index {

LeakageProfile DeclaredLeakage(const SchemeEntry& entry, const Params& params) {
  return entry.leakage_for ? entry.leakage_for(params) : entry.info.leakage;
}

Capabilities DeclaredCapabilities(const SchemeEntry& entry, const Params& params) {
  return entry.capabilities_for ? entry.capabilities_for(params) : entry.info.capabilities;
}

Status Registry::Register(SchemeEntry entry) {
  std::string name = entry.info.name;
  if (!entries_.emplace(name, std::move(entry)).second) {
    return AlreadyExistsError("scheme '" + name + "' is registered twice");
  }
  return OkStatus();
}

Result<const SchemeEntry*> Registry::Find(std::string_view name) const {
  auto it = entries_.find(name);
  if (it == entries_.end()) {
    std::string known;
    for (const auto& [n, e] : entries_) known += (known.empty() ? "" : ", ") + n;
    return NotFoundError("unknown scheme '" + std::string(name) + "' (registered: " + known + ")");
  }
  return &it->second;
}

std::vector<const SchemeEntry*> Registry::All() const {
  std::vector<const SchemeEntry*> out;
  for (const auto& [n, e] : entries_) out.push_back(&e);
  return out;
}

std::vector<std::string> Registry::Names() const {
  std::vector<std::string> out;
  for (const auto& [n, e] : entries_) out.push_back(n);
  return out;
}

}  // namespace sselab::index
