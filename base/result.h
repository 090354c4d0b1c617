// Result<T>: a value or an Error. Status: success or an Error.
//
// A small stand-in for std::expected (C++23), which our toolchain's clang-tidy cannot
// parse yet. Accessing value() of an error Result, or error() of an ok one, is a bug and
// aborts.
#ifndef SSELAB_BASE_RESULT_H_
#define SSELAB_BASE_RESULT_H_

#include <cstdlib>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

#include "base/error.h"

namespace sselab {

namespace internal {
[[noreturn]] void ResultAccessFailure(const char* what, const Error* error);
}  // namespace internal

template <typename T>
class [[nodiscard]] Result {
 public:
  static_assert(!std::is_same_v<T, Error>, "Result<Error> is meaningless");

  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}      // NOLINT
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT
  template <typename U>
  requires(std::is_constructible_v<T, U&&> && !std::is_same_v<std::decay_t<U>, T> &&
           !std::is_same_v<std::decay_t<U>, Error> && !std::is_same_v<std::decay_t<U>, Result>)
      Result(U&& value)
      : state_(std::in_place_index<0>, T(std::forward<U>(value))) {}  // NOLINT

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    Check();
    return std::get<0>(state_);
  }
  const T& value() const& {
    Check();
    return std::get<0>(state_);
  }
  T&& value() && {
    Check();
    return std::get<0>(std::move(state_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const {
    if (ok()) internal::ResultAccessFailure("error() of an ok Result", nullptr);
    return std::get<1>(state_);
  }

 private:
  void Check() const {
    if (!ok()) internal::ResultAccessFailure("value() of an error Result", &std::get<1>(state_));
  }
  std::variant<T, Error> state_;
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}  // NOLINT

  static Status Ok() { return {}; }
  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const {
    if (ok()) internal::ResultAccessFailure("error() of an ok Status", nullptr);
    return *error_;
  }

 private:
  std::optional<Error> error_;
};

inline Status OkStatus() { return {}; }

}  // namespace sselab

#define SSELAB_CONCAT_INNER_(a, b) a##b
#define SSELAB_CONCAT_(a, b) SSELAB_CONCAT_INNER_(a, b)

// Returns the error of a Status or Result expression from the enclosing function.
#define SSELAB_RETURN_IF_ERROR(expr)                         \
  do {                                                       \
    auto&& sselab_status_ = (expr);                          \
    if (!sselab_status_.ok()) return sselab_status_.error(); \
  } while (false)

// `SSELAB_ASSIGN_OR_RETURN(auto x, F());` declares x from F()'s value or returns its error.
#define SSELAB_ASSIGN_OR_RETURN(lhs, expr) \
  SSELAB_ASSIGN_OR_RETURN_IMPL_(SSELAB_CONCAT_(sselab_result_, __LINE__), lhs, expr)
#define SSELAB_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                  \
  if (!tmp.ok()) return tmp.error();                  \
  lhs = std::move(tmp).value()

#endif  // SSELAB_BASE_RESULT_H_
