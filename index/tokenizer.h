// The text tokenizer used for `{"id", "text"}` documents and plain-text files.
//
// A token is a maximal run of ASCII letters, ASCII digits and non-ASCII bytes (so UTF-8
// words stay whole); ASCII letters are lower-cased; everything else separates tokens.
// Tokens are returned once each, in order of first occurrence. Tokens longer than
// kMaxKeywordBytes are dropped and counted.
#ifndef SSELAB_INDEX_TOKENIZER_H_
#define SSELAB_INDEX_TOKENIZER_H_

#include <string>
#include <string_view>
#include <vector>

namespace sselab::index {

struct TokenizeResult {
  std::vector<std::string> tokens;
  size_t dropped_overlong = 0;
};

TokenizeResult Tokenize(std::string_view text);

}  // namespace sselab::index

#endif  // SSELAB_INDEX_TOKENIZER_H_
