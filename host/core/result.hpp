// Errors as values inside the host. Exceptions never cross a module boundary;
// functions that can fail return Result<T>, and the CLI maps ErrorKind to its exit code.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace trellis {

enum class ErrorKind {
  invalid_input,  // the user's data was refused: exit 1
  not_found,      // a named thing does not exist: exit 1
  conflict,       // the request clashes with current state: exit 1
  usage,          // the command line is wrong: exit 2
  environment,    // disk, database, network, permissions: exit 3
  internal,       // a bug: exit 3
};

struct Error {
  ErrorKind kind = ErrorKind::internal;
  std::string message;

  int exit_code() const {
    switch (kind) {
      case ErrorKind::invalid_input:
      case ErrorKind::not_found:
      case ErrorKind::conflict:
        return 1;
      case ErrorKind::usage:
        return 2;
      case ErrorKind::environment:
      case ErrorKind::internal:
        return 3;
    }
    return 3;
  }
};

inline Error make_error(ErrorKind kind, std::string message) { return Error{kind, std::move(message)}; }

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Error error) : v_(std::move(error)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }

  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : e_(std::move(error)) {}

  bool ok() const { return !e_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const { return *e_; }

 private:
  std::optional<Error> e_;
};

using Status = Result<void>;

}  // namespace trellis

// Returns early from the enclosing function with the error of `expr` if it failed.
#define TRELLIS_TRY(expr)                          \
  do {                                             \
    auto trellis_try_result_ = (expr);             \
    if (!trellis_try_result_) return trellis_try_result_.error(); \
  } while (0)
