#include "index/datasets/mail_headers.h"

namespace sselab::index::datasets {
namespace {

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

}  // namespace

std::optional<std::string> MailHeader(std::string_view raw, std::string_view name) {
  std::optional<std::string> value;  // set while inside the wanted header
  while (!raw.empty()) {
    size_t nl = raw.find('\n');
    std::string_view line = raw.substr(0, nl);
    raw = nl == std::string_view::npos ? std::string_view() : raw.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) break;  // end of the header section
    bool continuation = line[0] == ' ' || line[0] == '\t';
    if (continuation) {
      if (value) *value += (value->empty() ? "" : " ") + std::string(Trim(line));
      continue;
    }
    if (value) return value;  // the wanted header ended
    size_t colon = line.find(':');
    if (colon != std::string_view::npos && EqualsIgnoringCase(line.substr(0, colon), name)) {
      value = std::string(Trim(line.substr(colon + 1)));
    }
  }
  return value;
}

}  // namespace sselab::index::datasets
