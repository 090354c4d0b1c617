#include "index/params.h"

#include <algorithm>
#include <charconv>

namespace sselab::index {
namespace {

const ParamSpec* FindSpec(const std::vector<ParamSpec>& specs, std::string_view name) {
  for (const ParamSpec& s : specs) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

std::string KnownNames(const std::vector<ParamSpec>& specs) {
  if (specs.empty()) return "it takes no parameters";
  std::string out = "known:";
  for (const ParamSpec& s : specs) out += " " + s.name;
  return out;
}

Status CheckValue(std::string_view scheme, const ParamSpec& spec, const std::string& value) {
  if (spec.check) SSELAB_RETURN_IF_ERROR(spec.check(value));
  if (spec.choices.empty()) return OkStatus();
  if (std::find(spec.choices.begin(), spec.choices.end(), value) != spec.choices.end()) {
    return OkStatus();
  }
  std::string allowed;
  for (const std::string& c : spec.choices) allowed += (allowed.empty() ? "" : "|") + c;
  return InvalidArgumentError("parameter '" + spec.name + "' of scheme " + std::string(scheme) +
                              " must be one of " + allowed + ", got '" + value + "'");
}

}  // namespace

Result<Params> Params::FromMap(std::string_view scheme, const std::vector<ParamSpec>& specs,
                               const std::map<std::string, std::string>& values) {
  Params p;
  for (const auto& [name, value] : values) {
    const ParamSpec* spec = FindSpec(specs, name);
    if (spec == nullptr) {
      return InvalidArgumentError("unknown parameter '" + name + "' for scheme " +
                                  std::string(scheme) + " (" + KnownNames(specs) + ")");
    }
    SSELAB_RETURN_IF_ERROR(CheckValue(scheme, *spec, value));
    p.values_[name] = value;
  }
  for (const ParamSpec& s : specs) p.values_.try_emplace(s.name, s.default_value);
  return p;
}

Result<Params> Params::Parse(std::string_view scheme, const std::vector<ParamSpec>& specs,
                             const std::vector<std::string>& assignments) {
  std::map<std::string, std::string> values;
  for (const std::string& a : assignments) {
    size_t eq = a.find('=');
    if (eq == std::string::npos || eq == 0) {
      return InvalidArgumentError("parameter '" + a + "' is not of the form name=value");
    }
    std::string name = a.substr(0, eq);
    if (!values.emplace(name, a.substr(eq + 1)).second) {
      return InvalidArgumentError("parameter '" + name + "' given twice");
    }
  }
  return FromMap(scheme, specs, values);
}

const std::string& Params::Get(std::string_view name) const {
  auto it = values_.find(name);
  if (it == values_.end()) {
    internal::ResultAccessFailure(("undeclared parameter " + std::string(name)).c_str(), nullptr);
  }
  return it->second;
}

std::optional<int64_t> ParseInteger(std::string_view s, int64_t lo, int64_t hi) {
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || ptr != s.data() + s.size() || v < lo || v > hi) {
    return std::nullopt;
  }
  return v;
}

Result<int64_t> Params::GetInt(std::string_view name, int64_t lo, int64_t hi) const {
  const std::string& s = Get(name);
  std::optional<int64_t> v = ParseInteger(s, lo, hi);
  if (!v) {
    return InvalidArgumentError("parameter '" + std::string(name) + "' must be an integer in [" +
                                std::to_string(lo) + ", " + std::to_string(hi) + "], got '" + s +
                                "'");
  }
  return *v;
}

std::string Params::ToString() const {
  std::string out;
  for (const auto& [k, v] : values_) out += (out.empty() ? "" : ",") + k + "=" + v;
  return out.empty() ? "-" : out;
}

}  // namespace sselab::index
