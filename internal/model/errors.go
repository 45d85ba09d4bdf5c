package model

import (
	"errors"
	"fmt"
)

// Code classifies an Error. The HTTP layer maps each code to one status, in one place.
type Code string

// Error codes.
const (
	// Invalid: the request is malformed or a value is out of range (400).
	Invalid Code = "invalid"
	// Unprocessable: the request is well-formed but its content breaks a rule, such as an
	// unknown vocabulary code (422).
	Unprocessable Code = "unprocessable"
	// NotFound: the record does not exist (404).
	NotFound Code = "not_found"
	// Conflict: the request clashes with the current state, such as a duplicate key (409).
	Conflict Code = "conflict"
	// Unauthorized: credentials are missing or wrong (401).
	Unauthorized Code = "unauthorized"
	// Forbidden: the credentials do not allow this (403).
	Forbidden Code = "forbidden"
	// TooLarge: the request body is over the limit (413).
	TooLarge Code = "too_large"
	// Unavailable: a dependency such as the database is down or too slow (503).
	Unavailable Code = "unavailable"
	// Internal: a bug or an unexpected failure; its text is never shown to clients (500).
	Internal Code = "internal"
)

// FieldError names one bad input: a query parameter or a JSON pointer into the body.
type FieldError struct {
	// Parameter is the query or path parameter at fault.
	Parameter string `json:"parameter,omitempty"`
	// Pointer is the RFC 6901 JSON pointer of the body member at fault.
	Pointer string `json:"pointer,omitempty"`
	// Detail says what is wrong and what would be right.
	Detail string `json:"detail"`
}

// Error is the error type of newsevents: a code, a message a person can act on, the fields at
// fault, and the underlying cause (never shown to clients).
type Error struct {
	Code    Code
	Message string
	Fields  []FieldError
	Err     error
}

// Error implements error.
func (e *Error) Error() string {
	msg := string(e.Code) + ": " + e.Message
	for _, f := range e.Fields {
		name := f.Parameter
		if name == "" {
			name = f.Pointer
		}
		msg += fmt.Sprintf("; %s: %s", name, f.Detail)
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with code and a formatted message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, or Internal.
func ErrorCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// FieldErrors collects bad inputs so a request reports all of them at once.
type FieldErrors []FieldError

// Param records a bad query or path parameter.
func (fe *FieldErrors) Param(name, format string, args ...any) {
	*fe = append(*fe, FieldError{Parameter: name, Detail: fmt.Sprintf(format, args...)})
}

// Pointer records a bad body member, named by its JSON pointer.
func (fe *FieldErrors) Pointer(pointer, format string, args ...any) {
	*fe = append(*fe, FieldError{Pointer: pointer, Detail: fmt.Sprintf(format, args...)})
}

// Err returns nil when nothing was recorded, otherwise an *Error with code and message.
func (fe FieldErrors) Err(code Code, message string) error {
	if len(fe) == 0 {
		return nil
	}
	return &Error{Code: code, Message: message, Fields: fe}
}
