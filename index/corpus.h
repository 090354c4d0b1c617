// Corpus readers: JSON Lines files and directories of text files.
//
// JSON Lines: one document per line, an object with an "id" and at least one of
//   "id":       unsigned 64-bit integer, distinct across the file
//   "keywords": ["...", ...]   each keyword indexed exactly as given (UTF-8, 1..1024 bytes)
//   "text":     "..."          tokenized (tokenizer.h); not together with "keywords"
//   "fields":   {"from": "...", "tags": ["...", ...], ...}   named fields (field.h): a
//               string value is tokenized, an array taken as given; each keyword w of
//               field f is indexed as "f:w" (overlong ones from text are dropped)
// Other members are ignored (e.g. "label"); blank lines are skipped. Repeated keywords in
// one document count once. Errors name the file and line: malformed JSON, a missing or
// non-integer id, a keyword that is empty, too long or not a string, a bad field name or
// value, a duplicate id (naming the line where it first appeared).
//
// Directory: every regular file below it (recursively) is one text document, tokenized;
// files are taken in bytewise order of their relative paths and numbered 0, 1, 2, ...
#ifndef SSELAB_INDEX_CORPUS_H_
#define SSELAB_INDEX_CORPUS_H_

#include <filesystem>
#include <memory>

#include "base/result.h"
#include "index/document.h"
#include "index/synthetic.h"

namespace sselab::index {

// A synthetic corpus named like a file: "synth:docs=1000,keywords=500,pairs=20000,
// zipf=1.0,seed=1,plant=10:100" (fields optional, defaults of index/synthetic.h).
inline constexpr std::string_view kSynthPrefix = "synth:";
Result<SynthSpec> ParseSynthUri(std::string_view uri);
std::string SynthUri(const SynthSpec& spec);

// Opens `path` as a JSON Lines file, a directory, or a "synth:" corpus. kNotFound if it
// does not exist.
Result<std::unique_ptr<DocumentSource>> OpenCorpus(const std::filesystem::path& path);

}  // namespace sselab::index

#endif  // SSELAB_INDEX_CORPUS_H_
