#include "index/client.h"

namespace sselab::index {

Status Client::Insert(std::string_view /*keyword*/, DocId /*id*/) {
  return UnsupportedError("this scheme is static: it does not support insert");
}

Status Client::Remove(std::string_view /*keyword*/, DocId /*id*/) {
  return UnsupportedError("this scheme does not support remove");
}

}  // namespace sselab::index
