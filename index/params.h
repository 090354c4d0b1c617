// Scheme parameters: `--param k=v` pairs checked against a scheme's ParamSpecs.
#ifndef SSELAB_INDEX_PARAMS_H_
#define SSELAB_INDEX_PARAMS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "index/scheme_info.h"

namespace sselab::index {

// The whole of `s` as a decimal integer in [lo, hi], or nullopt (empty, signs or
// trailing characters other than the number's, out of range). Parameter values and their
// parts (e.g. the N of "bucket:N") are read with it.
std::optional<int64_t> ParseInteger(std::string_view s, int64_t lo, int64_t hi);

// A complete, validated set of parameters: every spec'd name has a value.
class Params {
 public:
  Params() = default;

  // Parses "k=v" strings, rejects unknown names (listing the known ones), values outside
  // a spec's choices, and repeated names; fills in defaults. `scheme` is for messages.
  static Result<Params> Parse(std::string_view scheme, const std::vector<ParamSpec>& specs,
                              const std::vector<std::string>& assignments);
  // Same, from a name -> value map (a stored index's metadata).
  static Result<Params> FromMap(std::string_view scheme, const std::vector<ParamSpec>& specs,
                                const std::map<std::string, std::string>& values);

  // REQUIRES: `name` is one of the specs' names (a bug otherwise: aborts).
  const std::string& Get(std::string_view name) const;
  // kInvalidArgument naming the parameter if the value is not an integer in [lo, hi].
  Result<int64_t> GetInt(std::string_view name, int64_t lo, int64_t hi) const;

  const std::map<std::string, std::string, std::less<>>& values() const { return values_; }
  // "k1=v1,k2=v2" in name order ("-" when empty).
  std::string ToString() const;

 private:
  std::map<std::string, std::string, std::less<>> values_;
};

}  // namespace sselab::index

#endif  // SSELAB_INDEX_PARAMS_H_
