#include "index/client.h"

#include <algorithm>
#include <iterator>

namespace sselab::index {

std::string_view UpdateKindName(UpdateKind kind) {
  return kind == UpdateKind::kAdd ? "add" : "remove";
}

Status Client::Update(UpdateKind kind, std::span<const Document> docs) {
  for (const Document& doc : docs) {
    for (const std::string& keyword : doc.keywords) {
      SSELAB_RETURN_IF_ERROR(kind == UpdateKind::kAdd ? Insert(keyword, doc.id)
                                                      : Remove(keyword, doc.id));
    }
  }
  return OkStatus();
}

Result<std::vector<DocId>> Client::SearchConjunction(std::span<const std::string> terms) {
  std::vector<DocId> result;
  for (size_t i = 0; i < terms.size(); ++i) {
    SSELAB_ASSIGN_OR_RETURN(std::vector<DocId> ids, Search(terms[i]));
    if (i == 0) {
      result = std::move(ids);
      continue;
    }
    std::vector<DocId> both;
    std::set_intersection(result.begin(), result.end(), ids.begin(), ids.end(),
                          std::back_inserter(both));
    result = std::move(both);
  }
  return result;
}

Status Client::Insert(std::string_view /*keyword*/, DocId /*id*/) {
  return UnsupportedError("this scheme is static: it does not support insert");
}

Status Client::Remove(std::string_view /*keyword*/, DocId /*id*/) {
  return UnsupportedError("this scheme does not support remove");
}

}  // namespace sselab::index
