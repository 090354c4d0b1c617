#include "schemes/variants.h"

#include <algorithm>

namespace sselab::schemes {

std::string Variant::Label() const {
  if (params.empty()) return scheme;
  std::string out = scheme + "[";
  for (size_t i = 0; i < params.size(); ++i) out += (i ? "," : "") + params[i];
  return out + "]";
}

std::vector<Variant> AllVariants(const index::Registry& registry,
                                 const std::vector<std::string>& only) {
  std::vector<Variant> out;
  for (const index::SchemeEntry* e : registry.All()) {
    if (!only.empty() && std::find(only.begin(), only.end(), e->info.name) == only.end()) {
      continue;
    }
    out.push_back({e->info.name, {}});
    for (const index::ParamSpec& p : e->info.params) {
      for (const auto* values : {&p.choices, &p.examples}) {
        for (const std::string& v : *values) {
          if (v != p.default_value) out.push_back({e->info.name, {p.name + "=" + v}});
        }
      }
    }
  }
  return out;
}

}  // namespace sselab::schemes
