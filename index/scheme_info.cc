#include "index/scheme_info.h"

namespace sselab::index {

std::string_view FamilyName(Family family) {
  switch (family) {
    case Family::kPlaintext:
      return "plaintext";
    case Family::kSse:
      return "sse";
    case Family::kPeks:
      return "peks";
    case Family::kBlind:
      return "blind";
  }
  return "unknown";
}

std::string LeakageProfile::Summary() const {
  if (plaintext) return "everything (plaintext at rest)";
  std::string out;
  auto add = [&out](bool on, const char* tag) {
    if (!on) return;
    if (!out.empty()) out += ", ";
    out += tag;
  };
  add(search_pattern, "SP");
  add(access_pattern, "AP");
  add(result_ids, "ids");
  add(volume, "V");
  add(at_rest_frequency, "freq@rest");
  add(forward_private, "FP");
  if (backward_privacy != "-") add(true, ("BP-" + backward_privacy).c_str());
  if (out.empty()) out = "-";
  return out + "; at rest: " + setup;
}

std::string LeakageProfile::Conjunction() const {
  if (!conjunction.empty()) return conjunction;
  return "each term searched alone and intersected on the client: the server learns every "
         "term's search leakage (search pattern, access pattern, result), not only the "
         "conjunction's result";
}

std::string SchemeInfo::CapabilitySummary() const {
  std::string out = capabilities.dynamic ? "dynamic" : "static";
  if (capabilities.deletions) out += ", deletions";
  if (capabilities.conjunctive) out += ", conjunctive";
  if (capabilities.public_key_insert) out += ", public-key insert";
  if (capabilities.response_hiding) out += ", response-hiding";
  if (capabilities.linear_search) out += ", linear search";
  return out;
}

}  // namespace sselab::index
