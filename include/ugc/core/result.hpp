#pragma once
// Result<T>: a value or an Error, in the style of leveldb's Status and
// std::expected (not available in C++20). Status is Result<void>.
#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

#include "ugc/core/error.hpp"

namespace ugc {

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return std::get<0>(v_); }
  const T& value() const& { assert(ok()); return std::get<0>(v_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { assert(!ok()); return std::get<1>(v_); }

  // Adds context to the error, if any, and returns *this.
  Result&& context(const std::string& what) && {
    if (!ok()) v_.template emplace<1>(error().with_context(what));
    return std::move(*this);
  }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const { assert(!ok()); return *error_; }

  Result&& context(const std::string& what) && {
    if (error_) error_ = error_->with_context(what);
    return std::move(*this);
  }

 private:
  std::optional<Error> error_;
};

using Status = Result<void>;

inline Error invalid_input(std::string message) { return Error(ErrorKind::invalid_input, std::move(message)); }
inline Error not_found(std::string message) { return Error(ErrorKind::not_found, std::move(message)); }
inline Error conflict(std::string message) { return Error(ErrorKind::conflict, std::move(message)); }
inline Error io_error(std::string message) { return Error(ErrorKind::io, std::move(message)); }
inline Error fatal_error(std::string message) { return Error(ErrorKind::fatal, std::move(message)); }

}  // namespace ugc

// Propagates an error from an expression returning Result/Status.
#define UGC_TRY(expr)                                   \
  do {                                                  \
    auto ugc_try_result_ = (expr);                      \
    if (!ugc_try_result_.ok()) return ugc_try_result_.error(); \
  } while (0)
