#include "storage/redis/key_schema.h"

#include <algorithm>
#include <charconv>

#include "base/ascii.h"
#include "storage/internal/checks.h"

namespace sselab::storage::redis {
namespace {

uint64_t Fnv1a(ByteView key) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (const uint8_t b : key) {
    h ^= b;
    h *= 0x100000001b3ULL;
  }
  return h;
}

}  // namespace

std::string MarkerKey(std::string_view ns) { return "sselab:{" + std::string(ns) + "}:store"; }
std::string RegistryKey(std::string_view ns) { return "sselab:{" + std::string(ns) + "}:tables"; }
std::string BucketTag(std::string_view ns, std::string_view table, uint32_t bucket) {
  return "sselab:{" + std::string(ns) + ":" + std::string(table) + ":" + std::to_string(bucket) +
         "}";
}

uint32_t BucketOf(const TableInfo& t, ByteView key) {
  return static_cast<uint32_t>(Fnv1a(key) % t.buckets);
}

bool ValidNamespace(std::string_view ns) {
  if (ns.empty() || ns.size() > 64) return false;
  return std::all_of(ns.begin(), ns.end(),
                     [](char c) { return IsAsciiAlnum(c) || c == '.' || c == '_' || c == '-'; });
}

std::string EncodeTableInfo(const TableInfo& t) {
  return "buckets=" + std::to_string(t.buckets) +
         " compress=" + std::to_string(t.options.compress ? 1 : 0) +
         " bloom=" + std::to_string(t.options.bloom_bits_per_key) +
         " point=" + std::to_string(t.options.point_lookup_key_bytes);
}

std::optional<TableInfo> DecodeTableInfo(std::string_view text) {
  TableInfo t;
  int seen = 0;
  while (!text.empty()) {
    const size_t space = text.find(' ');
    const std::string_view field = text.substr(0, space);
    text = space == std::string_view::npos ? std::string_view() : text.substr(space + 1);
    const size_t eq = field.find('=');
    if (eq == std::string_view::npos) return std::nullopt;
    const std::string_view name = field.substr(0, eq);
    const std::string_view value = field.substr(eq + 1);
    uint64_t n = 0;
    if (std::from_chars(value.data(), value.data() + value.size(), n).ec != std::errc()) {
      return std::nullopt;
    }
    if (name == "buckets" && n >= 1 && n <= 65536) {
      t.buckets = static_cast<uint32_t>(n);
    } else if (name == "compress" && n <= 1) {
      t.options.compress = n == 1;
    } else if (name == "bloom" && n <= internal::kMaxBloomBitsPerKey) {
      t.options.bloom_bits_per_key = static_cast<int>(n);
    } else if (name == "point" && n <= kMaxPointLookupKeyBytes) {
      t.options.point_lookup_key_bytes = static_cast<uint32_t>(n);
    } else {
      return std::nullopt;
    }
    ++seen;
  }
  if (seen != 4 || t.buckets == 0) return std::nullopt;
  return t;
}

// One bucket's puts and erases, in order: ARGV = op, key, value (op 'p' put, 'e' erase).
const std::string_view kWriteScript = R"lua(
for i = 1, #ARGV, 3 do
  if ARGV[i] == 'p' then
    redis.call('HSET', KEYS[1], ARGV[i + 1], ARGV[i + 2])
    redis.call('ZADD', KEYS[2], 0, ARGV[i + 1])
  else
    redis.call('HDEL', KEYS[1], ARGV[i + 1])
    redis.call('ZREM', KEYS[2], ARGV[i + 1])
  end
end
return #ARGV / 3
)lua";

// One page of a bucket's entries in [ARGV[1], ARGV[2]] (ZRANGEBYLEX bounds), at most
// ARGV[3], as key, value, key, value...
const std::string_view kScanScript = R"lua(
local keys = redis.call('ZRANGEBYLEX', KEYS[2], ARGV[1], ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))
local out = {}
for i = 1, #keys do
  out[#out + 1] = keys[i]
  out[#out + 1] = redis.call('HGET', KEYS[1], keys[i])
end
return out
)lua";

// Moves a load's staged entries (hash KEYS[1]) into the bucket (KEYS[2], KEYS[3]).
const std::string_view kCommitScript = R"lua(
local kv = redis.call('HGETALL', KEYS[1])
for i = 1, #kv, 2 do
  redis.call('HSET', KEYS[2], kv[i], kv[i + 1])
  redis.call('ZADD', KEYS[3], 0, kv[i])
end
redis.call('DEL', KEYS[1])
return #kv / 2
)lua";

}  // namespace sselab::storage::redis
