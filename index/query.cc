#include "index/query.h"

#include <algorithm>

#include "index/document.h"

namespace sselab::index {
namespace {

// Deeper nesting is refused rather than recursed into.
constexpr int kMaxDepth = 64;

enum class TokenKind { kTerm, kAnd, kOpen, kClose, kEnd };

struct Token {
  TokenKind kind = TokenKind::kEnd;
  size_t column = 0;  // 1-based
  std::string text;   // kTerm: the keyword, unquoted
};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool EndsBare(char c) { return IsSpace(c) || c == '(' || c == ')' || c == '"'; }

Error ErrorAt(size_t column, const std::string& what) {
  return InvalidArgumentError("invalid query at column " + std::to_string(column) + ": " + what);
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  Result<Query> Run() {
    SSELAB_RETURN_IF_ERROR(Advance());
    if (token_.kind == TokenKind::kEnd) {
      return InvalidArgumentError(
          "invalid query: it is empty (give a keyword, or keywords "
          "joined by AND)");
    }
    SSELAB_RETURN_IF_ERROR(Conjunction(0));
    if (token_.kind == TokenKind::kClose) {
      return ErrorAt(token_.column, "')' has no matching '('");
    }
    return Query::Of(std::move(terms_));
  }

 private:
  // query := group { AND group }; stops before ')' or the end.
  Status Conjunction(int depth) {
    SSELAB_RETURN_IF_ERROR(Group(depth));
    while (true) {
      if (token_.kind == TokenKind::kAnd) {
        SSELAB_RETURN_IF_ERROR(Advance());
        SSELAB_RETURN_IF_ERROR(Group(depth));
        continue;
      }
      if (token_.kind == TokenKind::kTerm || token_.kind == TokenKind::kOpen) {
        return ErrorAt(token_.column,
                       "two terms side by side: join them with AND (or quote "
                       "a keyword that holds spaces)");
      }
      return OkStatus();
    }
  }

  Status Group(int depth) {
    switch (token_.kind) {
      case TokenKind::kTerm: {
        if (token_.text.empty()) return ErrorAt(token_.column, "empty term \"\"");
        Status valid = ValidateKeyword(token_.text);
        if (!valid.ok()) return ErrorAt(token_.column, valid.error().message());
        terms_.push_back(std::move(token_.text));
        return Advance();
      }
      case TokenKind::kOpen: {
        const size_t open = token_.column;
        if (depth + 1 > kMaxDepth) {
          return ErrorAt(open, "parentheses nested deeper than " + std::to_string(kMaxDepth));
        }
        SSELAB_RETURN_IF_ERROR(Advance());
        if (token_.kind == TokenKind::kClose) return ErrorAt(open, "empty parentheses");
        SSELAB_RETURN_IF_ERROR(Conjunction(depth + 1));
        if (token_.kind != TokenKind::kClose) {
          return ErrorAt(open, "'(' is never closed");
        }
        return Advance();
      }
      case TokenKind::kAnd:
        return ErrorAt(token_.column, "AND where a term should be (AND joins two terms)");
      case TokenKind::kClose:
        return ErrorAt(token_.column, "')' where a term should be");
      case TokenKind::kEnd:
        return ErrorAt(token_.column, "the query ends where a term should be (after AND?)");
    }
    return OkStatus();
  }

  // Reads the next token into token_.
  Status Advance() {
    while (pos_ < text_.size() && IsSpace(text_[pos_])) ++pos_;
    token_ = Token{.column = pos_ + 1};
    if (pos_ == text_.size()) return OkStatus();
    const char c = text_[pos_];
    if (c == '(' || c == ')') {
      token_.kind = c == '(' ? TokenKind::kOpen : TokenKind::kClose;
      ++pos_;
      return OkStatus();
    }
    token_.kind = TokenKind::kTerm;
    if (c == '"') return Quoted();
    const size_t start = pos_;
    while (pos_ < text_.size() && !EndsBare(text_[pos_])) ++pos_;
    token_.text.assign(text_.substr(start, pos_ - start));
    if (token_.text == "AND") token_.kind = TokenKind::kAnd;
    if (token_.text == "OR" || token_.text == "NOT") {
      return ErrorAt(token_.column, token_.text +
                                        " is not supported: a query is a conjunction (quote "
                                        "it to search for the keyword \"" +
                                        token_.text + "\")");
    }
    return OkStatus();
  }

  Status Quoted() {
    const size_t start = pos_++;
    while (pos_ < text_.size()) {
      const char c = text_[pos_++];
      if (c == '"') return OkStatus();
      if (c != '\\') {
        token_.text += c;
        continue;
      }
      if (pos_ == text_.size()) break;
      const char escaped = text_[pos_++];
      if (escaped != '"' && escaped != '\\') {
        return ErrorAt(pos_ - 1, "unknown escape \\" + std::string(1, escaped) +
                                     " in a quoted term (only \\\" and \\\\)");
      }
      token_.text += escaped;
    }
    return ErrorAt(start + 1, "the quote is never closed");
  }

  std::string_view text_;
  size_t pos_ = 0;
  Token token_;
  std::vector<std::string> terms_;
};

bool NeedsQuotes(const std::string& term) {
  if (term == "AND" || term == "OR" || term == "NOT") return true;
  return std::any_of(term.begin(), term.end(), EndsBare) || term.find('\\') != std::string::npos;
}

}  // namespace

Result<Query> Query::Parse(std::string_view text) { return Parser(text).Run(); }

Result<Query> Query::Of(std::vector<std::string> terms) {
  if (terms.empty()) return InvalidArgumentError("a query needs at least one keyword");
  Query q;
  for (std::string& term : terms) {
    SSELAB_RETURN_IF_ERROR(ValidateKeyword(term));
    if (std::find(q.terms.begin(), q.terms.end(), term) == q.terms.end()) {
      q.terms.push_back(std::move(term));
    }
  }
  return q;
}

std::string Query::ToString() const {
  std::string out;
  for (const std::string& term : terms) {
    if (!out.empty()) out += " AND ";
    if (!NeedsQuotes(term)) {
      out += term;
      continue;
    }
    out += '"';
    for (char c : term) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out;
}

}  // namespace sselab::index
