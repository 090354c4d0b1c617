// Header fields of a raw email (RFC 5322): the lines before the first empty line.
#ifndef SSELAB_INDEX_DATASETS_MAIL_HEADERS_H_
#define SSELAB_INDEX_DATASETS_MAIL_HEADERS_H_

#include <optional>
#include <string>
#include <string_view>

namespace sselab::index::datasets {

// The value of the first header `name` (matched without regard to ASCII case) of the
// raw message `raw`, unfolded (continuation lines, which start with a space or tab, are
// joined with one space) and trimmed; nullopt if the header is absent. Lines may end in
// "\n" or "\r\n". Encoded words (=?utf-8?...?=) are returned as they are.
std::optional<std::string> MailHeader(std::string_view raw, std::string_view name);

}  // namespace sselab::index::datasets

#endif  // SSELAB_INDEX_DATASETS_MAIL_HEADERS_H_
