#include "index/datasets/spam_assassin.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "base/files.h"
#include "index/datasets/mail_headers.h"
#include "index/field.h"

namespace sselab::index::datasets {

namespace fs = std::filesystem;

Result<ConvertStats> ConvertSpamAssassin(const fs::path& package_dir, const fs::path& out,
                                         const std::vector<std::string>& header_fields) {
  for (const std::string& name : header_fields) SSELAB_RETURN_IF_ERROR(ValidateFieldName(name));
  fs::path data = package_dir / "data";
  std::error_code ec;
  if (!fs::is_directory(data, ec)) {
    return NotFoundError(data.string() + " is not a directory: not an unpacked " +
                         std::string(kSpamAssassinPackage) + " package");
  }
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(data, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".json" && it.depth() == 1) {
      files.push_back(it->path());
    }
  }
  if (ec) return IoError("cannot list " + data.string() + ": " + ec.message());
  if (files.empty()) return NotFoundError("no message files under " + data.string());
  std::sort(files.begin(), files.end());

  ConvertStats stats;
  std::string lines;
  for (const fs::path& f : files) {
    SSELAB_ASSIGN_OR_RETURN(std::string text, ReadFileToString(f, 16 << 20));
    nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    auto body = j.is_object() ? j.find("text") : j.end();
    if (body == j.end() || !body->is_string()) {
      return CorruptionError(f.string() + ": expected a JSON object with a string \"text\"");
    }
    std::string group = f.parent_path().filename().string();
    bool spam = group.starts_with("spam");
    nlohmann::json line = {{"id", stats.documents},
                           {"label", spam ? "spam" : "ham"},
                           {"group", group},
                           {"source", group + "/" + f.stem().string()},
                           {"text", *body}};
    nlohmann::json fields = nlohmann::json::object();
    for (const std::string& name : header_fields) {
      std::optional<std::string> v = MailHeader(body->get_ref<const std::string&>(), name);
      if (v) fields[name] = *v;
    }
    if (!fields.empty()) line["fields"] = std::move(fields);
    lines += line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    lines += '\n';
    ++stats.documents;
    ++(spam ? stats.spam : stats.ham);
  }
  SSELAB_RETURN_IF_ERROR(WriteFileAtomically(out, lines));
  return stats;
}

}  // namespace sselab::index::datasets
