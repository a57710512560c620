// SPDX-License-Identifier: GPL-3.0-or-later
// Errors as values: every fallible call returns Result<T> carrying a code, a message and the remedy.
#pragma once

#include <QMetaType>
#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace pathlens::core {

enum class ErrorCode {
    InvalidInput,     // malformed file, row, setting or argument
    NotFound,         // file or object does not exist
    PermissionDenied, // missing privilege; the remedy names the exact fix
    Unsupported,      // not available on this platform or build
    Io,               // read/write failure
    Database,         // SQLite reported an error
    VersionTooNew,    // file written by a newer Pathlens
    Internal,
};

struct Error {
    ErrorCode code = ErrorCode::Internal;
    QString message; // what went wrong, naming the object
    QString remedy;  // what the user can do about it (may be empty)

    QString toString() const { return remedy.isEmpty() ? message : message + QStringLiteral(" — ") + remedy; }
};

inline Error makeError(ErrorCode code, QString message, QString remedy = {})
{
    return Error{code, std::move(message), std::move(remedy)};
}

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_data(std::move(value)) {}
    Result(Error error) : m_data(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }
    T &value() { return std::get<T>(m_data); }
    const T &value() const { return std::get<T>(m_data); }
    T &operator*() { return value(); }
    const T &operator*() const { return value(); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }
    const Error &error() const { return std::get<Error>(m_data); }

private:
    std::variant<T, Error> m_data;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

} // namespace pathlens::core

Q_DECLARE_METATYPE(pathlens::core::Error)
