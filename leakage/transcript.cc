#include "leakage/transcript.h"

namespace sselab::leakage {

std::string_view OpKindName(OpKind kind) {
  switch (kind) {
    case OpKind::kSetup:
      return "setup";
    case OpKind::kSearch:
      return "search";
    case OpKind::kInsert:
      return "insert";
    case OpKind::kRemove:
      return "remove";
    case OpKind::kUpdate:
      return "update";
    case OpKind::kUnknown:
      return "unknown";
  }
  return "?";
}

}  // namespace sselab::leakage
