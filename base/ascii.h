// ASCII character classes, independent of the locale, for names and tokens checked against
// a fixed alphabet.
#ifndef SSELAB_BASE_ASCII_H_
#define SSELAB_BASE_ASCII_H_

namespace sselab {

inline constexpr bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

}  // namespace sselab

#endif  // SSELAB_BASE_ASCII_H_
