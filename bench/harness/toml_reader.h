// TableReader: reads one TOML table of a spec file, remembering which keys were used so
// that leftovers are reported as unknown keys. Errors name the file, the key and the line.
#ifndef SSELAB_BENCH_HARNESS_TOML_READER_H_
#define SSELAB_BENCH_HARNESS_TOML_READER_H_

#include <toml++/toml.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/result.h"
#include "leakage/workload.h"

namespace sselab::harness {

// Parses a whole TOML document; a syntax error names `where` and the line.
inline Result<toml::table> ParseToml(std::string_view text, const std::string& where) {
  try {
    return toml::parse(text, where);
  } catch (const toml::parse_error& e) {
    return InvalidArgumentError(where + " (line " + std::to_string(e.source().begin.line) +
                                "): " + std::string(e.description()));
  }
}

class TableReader {
 public:
  TableReader(const toml::table& table, std::string where, std::string origin)
      : table_(table), where_(std::move(where)), origin_(std::move(origin)) {}

  Error Bad(const toml::node* node, const std::string& key, const std::string& what) const {
    std::string line = node ? " (line " + std::to_string(node->source().begin.line) + ")" : "";
    return InvalidArgumentError(origin_ + ": " + Name(key) + line + ": " + what);
  }
  std::string Name(const std::string& key) const {
    return where_.empty() ? key : where_ + "." + key;
  }

  const toml::node* Get(const std::string& key) {
    used_.insert(key);
    return table_.get(key);
  }

  Result<std::optional<uint64_t>> Uint(const std::string& key, uint64_t lo, uint64_t hi) {
    const toml::node* n = Get(key);
    if (n == nullptr) return std::optional<uint64_t>();
    auto v = n->value_exact<int64_t>();
    if (!v || *v < 0 || static_cast<uint64_t>(*v) < lo || static_cast<uint64_t>(*v) > hi) {
      return Bad(n, key,
                 "must be an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
    }
    return std::optional<uint64_t>(static_cast<uint64_t>(*v));
  }

  Result<std::optional<std::string>> String(const std::string& key) {
    const toml::node* n = Get(key);
    if (n == nullptr) return std::optional<std::string>();
    auto v = n->value_exact<std::string>();
    if (!v) return Bad(n, key, "must be a string");
    return std::optional<std::string>(*v);
  }

  // A table of scheme parameters, name = string or integer, as "name=value" strings.
  Result<std::vector<std::string>> Params(const std::string& key) {
    std::vector<std::string> out;
    const toml::node* p = Get(key);
    if (p == nullptr) return out;
    if (!p->is_table()) return Bad(p, key, "must be a table of name = value");
    for (const auto& [k, v] : *p->as_table()) {
      std::string value;
      if (auto str = v.value_exact<std::string>()) {
        value = *str;
      } else if (auto i = v.value_exact<int64_t>()) {
        value = std::to_string(*i);
      } else {
        return Bad(&v, key + "." + std::string(k.str()), "must be a string or integer");
      }
      out.push_back(std::string(k.str()) + "=" + value);
    }
    return out;
  }

  Result<std::optional<double>> Number(const std::string& key) {
    const toml::node* n = Get(key);
    if (n == nullptr) return std::optional<double>();
    auto v = n->value<double>();
    if (!v) return Bad(n, key, "must be a number");
    return std::optional<double>(*v);
  }

  // The optional [workload] table into `ws` (leakage/workload.h), validated.
  Status Workload(const std::string& key, leakage::WorkloadSpec& ws) {
    const toml::node* w = Get(key);
    if (w == nullptr) return OkStatus();
    if (!w->is_table()) return Bad(w, key, "must be a table");
    TableReader r(*w->as_table(), Name(key), origin_);
    SSELAB_ASSIGN_OR_RETURN(auto searches, r.Uint("searches", 0, 1 << 24));
    SSELAB_ASSIGN_OR_RETURN(auto pool, r.Uint("pool", 1, 1 << 28));
    SSELAB_ASSIGN_OR_RETURN(auto inserts, r.Uint("inserts", 0, 1 << 24));
    SSELAB_ASSIGN_OR_RETURN(auto removes, r.Uint("removes", 0, 1 << 24));
    SSELAB_ASSIGN_OR_RETURN(auto seed, r.Uint("seed", 0, UINT64_MAX >> 1));
    SSELAB_ASSIGN_OR_RETURN(auto repeat, r.Number("repeat"));
    SSELAB_ASSIGN_OR_RETURN(auto batches, r.Uint("batches", 0, 1 << 20));
    SSELAB_ASSIGN_OR_RETURN(auto arriving, r.Number("arriving"));
    SSELAB_ASSIGN_OR_RETURN(auto conjunctions, r.Uint("conjunctions", 0, 1 << 24));
    SSELAB_ASSIGN_OR_RETURN(auto max_terms, r.Uint("max_terms", 2, 8));
    ws.conjunctions = conjunctions.value_or(ws.conjunctions);
    ws.max_terms = max_terms.value_or(ws.max_terms);
    ws.batches = batches.value_or(ws.batches);
    ws.arriving = arriving.value_or(ws.arriving);
    ws.searches = searches.value_or(ws.searches);
    ws.pool = pool.value_or(ws.pool);
    ws.inserts = inserts.value_or(ws.inserts);
    ws.removes = removes.value_or(ws.removes);
    ws.seed = seed.value_or(ws.seed);
    ws.repeat = repeat.value_or(ws.repeat);
    SSELAB_RETURN_IF_ERROR(r.CheckNoUnknownKeys());
    Status valid = leakage::ValidateWorkloadSpec(ws);
    if (!valid.ok()) return valid.error().WithContext(origin_);
    return OkStatus();
  }

  // Every key not read is unknown.
  Status CheckNoUnknownKeys() const {
    for (const auto& [k, node] : table_) {
      std::string key(k.str());
      if (!used_.contains(key)) return Bad(&node, key, "unknown key");
    }
    return OkStatus();
  }

 private:
  const toml::table& table_;
  std::string where_;
  std::string origin_;
  std::set<std::string> used_;
};

}  // namespace sselab::harness

#endif  // SSELAB_BENCH_HARNESS_TOML_READER_H_
