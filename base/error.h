// The one error model of sselab's public API.
//
// Every fallible call returns `Status` (no value) or `Result<T>`; no exception crosses a
// public function. Third-party errors (Crypto++ exceptions, rocksdb::Status, JSON parse
// errors) are converted to `Error` inside the module that calls the third party.
#ifndef SSELAB_BASE_ERROR_H_
#define SSELAB_BASE_ERROR_H_

#include <string>
#include <string_view>

namespace sselab {

enum class ErrorCode {
  kInvalidArgument,     // the caller passed something malformed (bad param, bad corpus line)
  kNotFound,            // a named thing (scheme, file, table, index) does not exist
  kAlreadyExists,       // refusing to overwrite something that exists
  kCorruption,          // stored or received bytes are not what they must be
  kWrongKey,            // a well-formed key that does not belong to this index
  kUnsupported,         // the scheme or store does not offer this operation
  kFailedPrecondition,  // the call is valid but not in this state (e.g. search before build)
  kIoError,             // the operating system or the store failed
  kInternal,            // a bug: an invariant of sselab itself did not hold
  // Appended after kInternal: reply frames carry the code's number (index/message.h).
  kPermissionDenied,  // the caller is known but not allowed this (a grant is missing)
  kUnavailable,       // a server could not be reached, or went away mid-call
};
inline constexpr ErrorCode kLastErrorCode = ErrorCode::kUnavailable;

std::string_view ErrorCodeName(ErrorCode code);

// An error: a code a program can branch on and a message a person can act on. Messages
// say what failed and where (file, line, table, offset); they never contain key bytes.
class Error {
 public:
  Error(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "<code name>: <message>", for printing to a person.
  std::string ToString() const;

  // Returns a copy with `context` prepended ("context: message"), same code.
  Error WithContext(std::string_view context) const;

 private:
  ErrorCode code_;
  std::string message_;
};

inline Error InvalidArgumentError(std::string m) {
  return {ErrorCode::kInvalidArgument, std::move(m)};
}
inline Error NotFoundError(std::string m) { return {ErrorCode::kNotFound, std::move(m)}; }
inline Error AlreadyExistsError(std::string m) { return {ErrorCode::kAlreadyExists, std::move(m)}; }
inline Error CorruptionError(std::string m) { return {ErrorCode::kCorruption, std::move(m)}; }
inline Error WrongKeyError(std::string m) { return {ErrorCode::kWrongKey, std::move(m)}; }
inline Error UnsupportedError(std::string m) { return {ErrorCode::kUnsupported, std::move(m)}; }
inline Error FailedPreconditionError(std::string m) {
  return {ErrorCode::kFailedPrecondition, std::move(m)};
}
inline Error IoError(std::string m) { return {ErrorCode::kIoError, std::move(m)}; }
inline Error InternalError(std::string m) { return {ErrorCode::kInternal, std::move(m)}; }
inline Error PermissionDeniedError(std::string m) {
  return {ErrorCode::kPermissionDenied, std::move(m)};
}
inline Error UnavailableError(std::string m) { return {ErrorCode::kUnavailable, std::move(m)}; }

}  // namespace sselab

#endif  // SSELAB_BASE_ERROR_H_
