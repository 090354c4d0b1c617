#include "index/field.h"
#include "base/ascii.h"

namespace sselab::index {
namespace {

bool IsFieldNameChar(char c) { return IsAsciiAlnum(c) || c == '_' || c == '-'; }

bool IsFieldName(std::string_view name) {
  if (name.empty() || name.size() > kMaxFieldNameBytes) return false;
  for (char c : name) {
    if (!IsFieldNameChar(c)) return false;
  }
  return true;
}

}  // namespace

Status ValidateFieldName(std::string_view name) {
  if (IsFieldName(name)) return OkStatus();
  return InvalidArgumentError("field name '" + std::string(name) + "' must be 1 to " +
                              std::to_string(kMaxFieldNameBytes) +
                              " ASCII letters, digits, '_' or '-'");
}

FieldedKeyword SplitField(std::string_view keyword) {
  size_t sep = keyword.find(kFieldSeparator);
  if (sep == std::string_view::npos || sep + 1 == keyword.size() ||
      !IsFieldName(keyword.substr(0, sep))) {
    return {.field = {}, .word = keyword};
  }
  return {.field = keyword.substr(0, sep), .word = keyword.substr(sep + 1)};
}

std::string JoinField(std::string_view field, std::string_view word) {
  std::string out;
  out.reserve(field.size() + 1 + word.size());
  out.append(field);
  out.push_back(kFieldSeparator);
  out.append(word);
  return out;
}

}  // namespace sselab::index
