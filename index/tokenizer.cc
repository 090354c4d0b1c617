#include "index/tokenizer.h"

#include <unordered_set>

#include "base/ascii.h"
#include "index/document.h"

namespace sselab::index {
namespace {

bool IsTokenByte(unsigned char c) { return IsAsciiAlnum(static_cast<char>(c)) || c >= 0x80; }

}  // namespace

TokenizeResult Tokenize(std::string_view text) {
  TokenizeResult out;
  std::unordered_set<std::string> seen;
  std::string token;
  auto finish = [&] {
    if (token.empty()) return;
    if (token.size() > kMaxKeywordBytes) {
      ++out.dropped_overlong;
    } else if (!seen.contains(token)) {
      seen.insert(token);
      out.tokens.push_back(token);
    }
    token.clear();
  };
  out.tokens.reserve(text.size() / 6);
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (IsTokenByte(c)) {
      token.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : ch);
    } else {
      finish();
    }
  }
  finish();
  return out;
}

}  // namespace sselab::index
