// Fielded keywords: how a keyword names the field of a document it comes from.
//
// A corpus line may carry named fields ({"id", "fields": {"from": "...", ...}}, see
// corpus.h). Each keyword of field `from` is indexed as "from:<word>", so every scheme can
// search a field as `field:keyword`; a scheme with per-field keys (the blind index)
// splits it again with SplitField. A field name is 1..kMaxFieldNameBytes ASCII letters,
// digits, '_' or '-', so the first ':' of a fielded keyword ends its field name.
//
// A keyword given without a field that happens to start with "name:" splits the same way.
// That is harmless: the split is a fixed function of the keyword, applied alike when
// building and searching, so it changes only which key a scheme uses, never an answer.
#ifndef SSELAB_INDEX_FIELD_H_
#define SSELAB_INDEX_FIELD_H_

#include <string>
#include <string_view>

#include "base/result.h"

namespace sselab::index {

inline constexpr char kFieldSeparator = ':';
inline constexpr size_t kMaxFieldNameBytes = 64;

// kInvalidArgument naming `name` if it is not a valid field name.
Status ValidateFieldName(std::string_view name);

struct FieldedKeyword {
  std::string_view field;  // "" for a keyword outside any field
  std::string_view word;
};

// Splits "field:word" at the first ':' when the part before it is a valid field name and
// the part after it is not empty; otherwise the whole keyword is the word of field "".
FieldedKeyword SplitField(std::string_view keyword);

// "field:word". REQUIRES: ValidateFieldName(field) is ok.
std::string JoinField(std::string_view field, std::string_view word);

}  // namespace sselab::index

#endif  // SSELAB_INDEX_FIELD_H_
