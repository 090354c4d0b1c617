#include "index/blind/blind_options.h"

#include <optional>

#include "index/blind/blind_messages.h"
#include "index/field.h"

namespace sselab::index::blind {
uint64_t PaddedCount(const Pad& pad, uint64_t real) {
  if (real == 0) return 0;
  switch (pad.kind) {
    case Pad::kNone:
      return real;
    case Pad::kPow2: {
      uint64_t n = 1;
      while (n < real) n <<= 1;
      return n;
    }
    case Pad::kBucket:
      return (real + pad.multiple - 1) / pad.multiple * pad.multiple;
  }
  return real;
}

int BlindOptions::BitsFor(std::string_view field) const {
  auto it = field_bits.find(field);
  return it == field_bits.end() ? bits : it->second;
}

Result<int> ParseBits(std::string_view value) {
  auto bits = ParseInteger(value, kMinBits, kMaxBits);
  if (bits) return static_cast<int>(*bits);
  return InvalidArgumentError("parameter 'bits' of scheme blind must be an integer in [" +
                              std::to_string(kMinBits) + ", " + std::to_string(kMaxBits) +
                              "], got '" + std::string(value) + "'");
}

Result<Pad> ParsePad(std::string_view value) {
  if (value == "none") return Pad{};
  if (value == "pow2") return Pad{.kind = Pad::kPow2};
  constexpr std::string_view kBucketPrefix = "bucket:";
  if (value.starts_with(kBucketPrefix)) {
    auto n = ParseInteger(value.substr(kBucketPrefix.size()), kMinPadMultiple, kMaxPadMultiple);
    if (n) return Pad{.kind = Pad::kBucket, .multiple = static_cast<uint64_t>(*n)};
  }
  return InvalidArgumentError("parameter 'pad' of scheme blind must be none, pow2 or bucket:N " +
                              std::string("with N in [") + std::to_string(kMinPadMultiple) + ", " +
                              std::to_string(kMaxPadMultiple) + "], got '" + std::string(value) +
                              "'");
}

Result<std::map<std::string, int, std::less<>>> ParseFieldBits(std::string_view value) {
  std::map<std::string, int, std::less<>> out;
  auto bad = [&](std::string_view item, const std::string& why) {
    return InvalidArgumentError("parameter 'field_bits' of scheme blind: '" + std::string(item) +
                                "' " + why + " (expected field:L,field:L,... with L in [" +
                                std::to_string(kMinBits) + ", " + std::to_string(kMaxBits) + "])");
  };
  if (value.empty()) return out;
  for (bool last = false; !last;) {
    size_t comma = value.find(',');
    last = comma == std::string_view::npos;
    std::string_view item = value.substr(0, comma);
    if (!last) value = value.substr(comma + 1);
    size_t sep = item.rfind(kFieldSeparator);
    if (sep == std::string_view::npos) return bad(item, "has no ':'");
    std::string_view name = item.substr(0, sep);
    if (!ValidateFieldName(name).ok()) return bad(item, "does not start with a valid field name");
    auto bits = ParseInteger(item.substr(sep + 1), kMinBits, kMaxBits);
    if (!bits) return bad(item, "has no valid L");
    if (!out.emplace(name, static_cast<int>(*bits)).second) return bad(item, "repeats a field");
  }
  return out;
}

Result<BlindOptions> ParseBlindOptions(const Params& params) {
  BlindOptions o;
  SSELAB_ASSIGN_OR_RETURN(o.bits, ParseBits(params.Get("bits")));
  SSELAB_ASSIGN_OR_RETURN(o.field_bits, ParseFieldBits(params.Get("field_bits")));
  SSELAB_ASSIGN_OR_RETURN(o.pad, ParsePad(params.Get("pad")));
  return o;
}

}  // namespace sselab::index::blind
