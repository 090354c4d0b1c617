#include "sse/common/batch_client.h"

#include <span>
#include <string>

namespace sselab::sse {
namespace {

Status One(index::Client& client, index::UpdateKind kind, std::string_view keyword,
           index::DocId id) {
  const index::Document doc{id, {std::string(keyword)}};
  return client.Update(kind, std::span<const index::Document>(&doc, 1));
}

}  // namespace

Status BatchClient::Insert(std::string_view keyword, index::DocId id) {
  return One(*this, index::UpdateKind::kAdd, keyword, id);
}

Status BatchClient::Remove(std::string_view keyword, index::DocId id) {
  return One(*this, index::UpdateKind::kRemove, keyword, id);
}

}  // namespace sselab::sse
