#include "index/corpus.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "index/field.h"
#include "index/synthetic.h"
#include "index/tokenizer.h"

namespace sselab::index {
namespace {

namespace fs = std::filesystem;

class JsonLinesSource : public DocumentSource {
 public:
  JsonLinesSource(fs::path path, std::ifstream in) : path_(std::move(path)), in_(std::move(in)) {}

  Result<bool> Next(Document& out) override {
    std::string line;
    while (std::getline(in_, line)) {
      ++line_no_;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      SSELAB_RETURN_IF_ERROR(Parse(line, out));
      return true;
    }
    if (in_.bad()) return IoError("reading " + path_.string() + " failed after " + Position());
    return false;
  }

  std::string Position() const override {
    return path_.string() + " line " + std::to_string(line_no_);
  }

 private:
  Error Bad(const std::string& what) const {
    return InvalidArgumentError(Position() + ": " + what);
  }

  Status Parse(const std::string& line, Document& out) {
    nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return Bad("not valid JSON (or not valid UTF-8)");
    if (!j.is_object()) return Bad("expected a JSON object");
    auto id = j.find("id");
    if (id == j.end()) return Bad("missing \"id\"");
    if (!id->is_number_unsigned()) {
      return Bad("\"id\" must be an unsigned 64-bit integer, got " + id->dump());
    }
    out.id = id->get<uint64_t>();
    auto [it, inserted] = first_line_.emplace(out.id, line_no_);
    if (!inserted) {
      return Bad("duplicate document id " + std::to_string(out.id) + " (first on line " +
                 std::to_string(it->second) + ")");
    }
    out.keywords.clear();
    std::unordered_set<std::string> seen;
    auto add = [&](std::string keyword) {
      if (seen.insert(keyword).second) out.keywords.push_back(std::move(keyword));
    };
    auto keywords = j.find("keywords");
    auto text = j.find("text");
    auto fields = j.find("fields");
    if (keywords != j.end() && text != j.end()) {
      return Bad("expected at most one of \"keywords\" or \"text\"");
    }
    if (keywords == j.end() && text == j.end() && fields == j.end()) {
      return Bad("expected \"keywords\", \"text\" or \"fields\"");
    }
    if (text != j.end()) SSELAB_RETURN_IF_ERROR(AddWords("\"text\"", *text, "", add));
    if (keywords != j.end()) {
      if (!keywords->is_array()) return Bad("\"keywords\" must be an array of strings");
      SSELAB_RETURN_IF_ERROR(AddWords("\"keywords\"", *keywords, "", add));
    }
    if (fields != j.end()) {
      if (!fields->is_object()) return Bad("\"fields\" must be an object of field name -> value");
      for (const auto& [name, value] : fields->items()) {
        Status valid = ValidateFieldName(name);
        if (!valid.ok()) return Bad(valid.error().message());
        SSELAB_RETURN_IF_ERROR(AddWords("field \"" + name + "\"", value, name, add));
      }
    }
    return OkStatus();
  }

  // Adds the words of `value` (a string: tokenized; an array of strings: each as given),
  // prefixed "field:" when `field` is not empty. `what` names `value` in messages.
  template <typename AddFn>
  Status AddWords(const std::string& what, const nlohmann::json& value, const std::string& field,
                  AddFn& add) const {
    auto keyword = [&](std::string word) { return field.empty() ? word : JoinField(field, word); };
    if (value.is_string()) {
      for (std::string& token : Tokenize(value.get_ref<const std::string&>()).tokens) {
        std::string k = keyword(std::move(token));
        if (ValidateKeyword(k).ok()) add(std::move(k));  // overlong "field:token" is dropped
      }
      return OkStatus();
    }
    if (!value.is_array()) return Bad(what + " must be a string or an array of strings");
    for (size_t i = 0; i < value.size(); ++i) {
      const nlohmann::json& k = value[i];
      if (!k.is_string()) return Bad(what + ": keyword " + std::to_string(i) + " is not a string");
      std::string s = keyword(k.get<std::string>());
      Status valid = k.get_ref<const std::string&>().empty()
                         ? InvalidArgumentError("keyword is empty")
                         : ValidateKeyword(s);
      if (!valid.ok()) {
        return Bad(what + ": keyword " + std::to_string(i) + ": " + valid.error().message());
      }
      add(std::move(s));
    }
    return OkStatus();
  }

  fs::path path_;
  std::ifstream in_;
  uint64_t line_no_ = 0;
  std::unordered_map<DocId, uint64_t> first_line_;
};

class DirectorySource : public DocumentSource {
 public:
  DirectorySource(fs::path root, std::vector<fs::path> files)
      : root_(std::move(root)), files_(std::move(files)) {}

  Result<bool> Next(Document& out) override {
    if (pos_ == files_.size()) return false;
    const fs::path& file = files_[pos_];
    std::ifstream in(file, std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    if (!in && !in.eof()) return IoError("cannot read " + file.string());
    out.id = pos_++;
    out.keywords = Tokenize(buf.str()).tokens;
    return true;
  }

  std::string Position() const override {
    return pos_ == 0 ? root_.string() : files_[pos_ - 1].string();
  }

 private:
  fs::path root_;
  std::vector<fs::path> files_;
  size_t pos_ = 0;
};

}  // namespace

Status ValidateKeyword(std::string_view keyword) {
  if (keyword.empty()) return InvalidArgumentError("keyword is empty");
  if (keyword.size() > kMaxKeywordBytes) {
    return InvalidArgumentError("keyword is " + std::to_string(keyword.size()) +
                                " bytes, more than the limit of " +
                                std::to_string(kMaxKeywordBytes));
  }
  return OkStatus();
}

Result<SynthSpec> ParseSynthUri(std::string_view uri) {
  SynthSpec spec;
  std::string_view rest = uri.substr(kSynthPrefix.size());
  auto bad = [&](const std::string& what) {
    return InvalidArgumentError("corpus '" + std::string(uri) + "': " + what);
  };
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    size_t eq = item.find('=');
    if (eq == std::string_view::npos)
      return bad("expected name=value, got '" + std::string(item) + "'");
    std::string name(item.substr(0, eq));
    std::string value(item.substr(eq + 1));
    try {
      size_t used = 0;
      if (name == "zipf") {
        spec.zipf = std::stod(value, &used);
      } else if (name == "plant") {
        spec.plant.clear();
        std::string_view sizes(value);
        while (!sizes.empty()) {
          size_t colon = sizes.find(':');
          spec.plant.push_back(std::stoull(std::string(sizes.substr(0, colon))));
          sizes = colon == std::string_view::npos ? std::string_view() : sizes.substr(colon + 1);
        }
        used = value.size();
      } else {
        uint64_t v = std::stoull(value, &used);
        if (name == "docs") {
          spec.docs = v;
        } else if (name == "keywords") {
          spec.keywords = v;
        } else if (name == "pairs") {
          spec.pairs = v;
        } else if (name == "seed") {
          spec.seed = v;
        } else {
          return bad("unknown field '" + name + "' (known: docs keywords pairs zipf seed plant)");
        }
      }
      if (used != value.size()) throw std::invalid_argument(value);
    } catch (const std::exception&) {
      return bad("bad value '" + value + "' for " + name);
    }
  }
  Status valid = ValidateSynthSpec(spec);
  if (!valid.ok()) return bad(valid.error().message());
  return spec;
}

std::string SynthUri(const SynthSpec& spec) {
  std::string out = std::string(kSynthPrefix) + "docs=" + std::to_string(spec.docs) +
                    ",keywords=" + std::to_string(spec.keywords) +
                    ",pairs=" + std::to_string(spec.pairs) + ",zipf=" + std::to_string(spec.zipf) +
                    ",seed=" + std::to_string(spec.seed);
  for (size_t i = 0; i < spec.plant.size(); ++i) {
    out += (i == 0 ? ",plant=" : ":") + std::to_string(spec.plant[i]);
  }
  return out;
}

Result<std::unique_ptr<DocumentSource>> OpenCorpus(const fs::path& path) {
  if (path.native().starts_with(kSynthPrefix)) {
    SSELAB_ASSIGN_OR_RETURN(SynthSpec spec, ParseSynthUri(path.native()));
    return NewSyntheticSource(spec);
  }
  std::error_code ec;
  fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) return NotFoundError("corpus " + path.string() + " does not exist");
  if (fs::is_directory(st)) {
    std::vector<fs::path> files;
    for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::end(it);
         it.increment(ec)) {
      if (it->is_regular_file()) files.push_back(it->path());
    }
    if (ec) return IoError("cannot list corpus directory " + path.string() + ": " + ec.message());
    std::sort(files.begin(), files.end());
    return std::unique_ptr<DocumentSource>(new DirectorySource(path, std::move(files)));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError("cannot open corpus " + path.string());
  return std::unique_ptr<DocumentSource>(new JsonLinesSource(path, std::move(in)));
}

}  // namespace sselab::index
