#include "storage/store.h"

namespace sselab::storage {

Status BulkLoadSorted(Store& store, std::string_view table, const std::vector<Entry>& sorted) {
  VectorEntrySource source(sorted);
  return store.BulkLoad(table, source);
}

}  // namespace sselab::storage
