#include "index/index_meta.h"

#include <chrono>
#include <ctime>
#include <map>
#include <nlohmann/json.hpp>

namespace sselab::index {

std::string IndexMetaToJson(const IndexMeta& meta) {
  nlohmann::json j;
  j["format"] = meta.format;
  j["scheme"] = meta.scheme;
  j["params"] = nlohmann::json::object();
  for (const auto& [k, v] : meta.params.values()) j["params"][k] = v;
  j["key_check"] = meta.key_check;
  j["stats"] = {{"documents", meta.stats.documents},
                {"keywords", meta.stats.keywords},
                {"pairs", meta.stats.pairs}};
  j["created_utc"] = meta.created_utc;
  if (!meta.index_id.empty()) j["index_id"] = meta.index_id;
  j["updates"] = {{"batches", meta.updates.batches},
                  {"added_pairs", meta.updates.added_pairs},
                  {"removed_pairs", meta.updates.removed_pairs}};
  return j.dump(2) + "\n";
}

Result<IndexMeta> ParseIndexMeta(const Registry& registry, std::string_view json,
                                 const std::filesystem::path& path) {
  auto bad = [&path](const std::string& what) {
    return CorruptionError(path.string() + ": " + what);
  };
  nlohmann::json j = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return bad("not a JSON object");
  IndexMeta meta;
  try {
    meta.format = j.at("format").get<int>();
    if (meta.format > kIndexFormat) {
      return bad("index format " + std::to_string(meta.format) +
                 " is newer than this sselab understands (" + std::to_string(kIndexFormat) + ")");
    }
    meta.scheme = j.at("scheme").get<std::string>();
    std::map<std::string, std::string> params =
        j.at("params").get<std::map<std::string, std::string>>();
    meta.key_check = j.at("key_check").get<std::string>();
    const auto& stats = j.at("stats");
    meta.stats.documents = stats.at("documents").get<uint64_t>();
    meta.stats.keywords = stats.at("keywords").get<uint64_t>();
    meta.stats.pairs = stats.at("pairs").get<uint64_t>();
    meta.created_utc = j.value("created_utc", "");
    meta.index_id = j.value("index_id", "");
    if (j.contains("updates")) {
      const auto& u = j.at("updates");
      meta.updates.batches = u.at("batches").get<uint64_t>();
      meta.updates.added_pairs = u.at("added_pairs").get<uint64_t>();
      meta.updates.removed_pairs = u.at("removed_pairs").get<uint64_t>();
    }
    SSELAB_ASSIGN_OR_RETURN(const SchemeEntry* entry, registry.Find(meta.scheme));
    if (meta.format < entry->info.min_index_format) {
      return bad("index format " + std::to_string(meta.format) + " predates the store layout " +
                 "of scheme " + meta.scheme + " (format " +
                 std::to_string(entry->info.min_index_format) +
                 "); rebuild the index from its corpus with this sselab");
    }
    Result<Params> p = Params::FromMap(meta.scheme, entry->info.params, params);
    if (!p.ok()) return bad(p.error().message());
    meta.params = std::move(p).value();
  } catch (const nlohmann::json::exception& e) {
    return bad(std::string("missing or mistyped field (") + e.what() + ")");
  }
  return meta;
}

std::string UtcNow() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace sselab::index
