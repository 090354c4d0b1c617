#include "index/client.h"

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

Status Client::Insert(std::string_view /*keyword*/, DocId /*id*/) {
  return UnsupportedError("this scheme is static: it does not support insert");
}

Status Client::Remove(std::string_view /*keyword*/, DocId /*id*/) {
  return UnsupportedError("this scheme does not support remove");
}

}  // namespace sselab::index
