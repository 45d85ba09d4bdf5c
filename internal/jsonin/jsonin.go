// Package jsonin reads JSON request documents strictly and reports every problem at once, each
// named by the RFC 6901 JSON pointer of the member at fault: malformed JSON, members of the
// wrong type, unknown or missing members, and values out of range.
//
// A document is parsed into plain values, then read member by member through an Object; each
// accessor records what it finds wrong and returns the zero value, so a decoder runs to the end
// and Reader.Err lists everything. Structural problems (syntax, types, unknown or missing
// members) are Invalid (400); problems with well-formed values are Unprocessable (422).
package jsonin

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/newsevents/newsevents/internal/model"
)

// Parse reads exactly one JSON document from data. Numbers are kept as json.Number so that
// integers and large values are read exactly.
func Parse(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, syntaxError(data, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		var fe model.FieldErrors
		fe.Pointer("", "unexpected data after the JSON document (at byte %d); send one document", dec.InputOffset())
		return nil, fe.Err(model.Invalid, "the body is not one JSON document")
	}
	var fe model.FieldErrors
	findNUL(v, "", &fe)
	if err := fe.Err(model.Invalid, "the body holds text that cannot be stored"); err != nil {
		return nil, err
	}
	return v, nil
}

// findNUL records every string (member name or value) of v holding U+0000, which PostgreSQL
// cannot store in text.
func findNUL(v any, ptr string, fe *model.FieldErrors) {
	switch v := v.(type) {
	case string:
		if strings.ContainsRune(v, 0) {
			fe.Pointer(ptr, "contains a NUL character (\\u0000), which text may not hold")
		}
	case []any:
		for i, e := range v {
			findNUL(e, Pointer(ptr, i), fe)
		}
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if strings.ContainsRune(k, 0) {
				fe.Pointer(ptr, "a member name contains a NUL character (\\u0000)")
				continue
			}
			findNUL(v[k], Pointer(ptr, k), fe)
		}
	}
}

func syntaxError(data []byte, err error) error {
	var fe model.FieldErrors
	var se *json.SyntaxError
	switch {
	case errors.Is(err, io.EOF):
		fe.Pointer("", "the body is empty; send a JSON document")
	case errors.As(err, &se):
		line, col := position(data, se.Offset)
		fe.Pointer("", "malformed JSON at line %d, column %d: %s", line, col, se.Error())
	case errors.Is(err, io.ErrUnexpectedEOF):
		fe.Pointer("", "the JSON document is cut short")
	default:
		fe.Pointer("", "malformed JSON: %s", err.Error())
	}
	return fe.Err(model.Invalid, "the body is not valid JSON")
}

// position turns a byte offset into a 1-based line and column.
func position(data []byte, offset int64) (line, col int) {
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	before := data[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	col = int(offset) - bytes.LastIndexByte(before, '\n')
	return line, col
}

// Reader collects the problems found in one document.
type Reader struct {
	fields  model.FieldErrors
	invalid bool
}

// Invalid records a structural problem at ptr.
func (r *Reader) Invalid(ptr, format string, args ...any) {
	r.invalid = true
	r.fields.Pointer(ptr, format, args...)
}

// Unprocessable records a problem with a well-formed value at ptr.
func (r *Reader) Unprocessable(ptr, format string, args ...any) {
	r.fields.Pointer(ptr, format, args...)
}

// OK reports whether no problem was recorded.
func (r *Reader) OK() bool { return len(r.fields) == 0 }

// Fields returns the problems recorded so far.
func (r *Reader) Fields() model.FieldErrors { return r.fields }

// Err returns nil when the document is fine, otherwise an Invalid error (when any problem is
// structural) or an Unprocessable one, listing every problem.
func (r *Reader) Err() error {
	if r.invalid {
		return r.fields.Err(model.Invalid, "the body has bad members")
	}
	return r.fields.Err(model.Unprocessable, "the body has values that cannot be accepted")
}

// Object returns v, found at ptr, as an object. When v is not an object the problem is
// recorded and an empty Object is returned, so reading can go on.
func (r *Reader) Object(ptr string, v any) *Object {
	o := &Object{r: r, ptr: ptr, known: map[string]bool{}}
	m, ok := v.(map[string]any)
	if !ok {
		r.Invalid(ptr, "must be an object, not %s", kind(v))
		o.wrong = true
		return o
	}
	o.m = m
	return o
}

// Object reads the members of one JSON object.
type Object struct {
	r     *Reader
	ptr   string
	m     map[string]any
	known map[string]bool
	// wrong is set when the value is not an object: its members are not reported missing.
	wrong bool
}

// Reader returns the Reader o records its problems in.
func (o *Object) Reader() *Reader { return o.r }

// Ptr returns the JSON pointer of member name.
func (o *Object) Ptr(name string) string { return Pointer(o.ptr, name) }

// Pointer appends one reference token to ptr, escaped as RFC 6901 says.
func Pointer(ptr string, token any) string {
	s := fmt.Sprint(token)
	s = strings.ReplaceAll(s, "~", "~0")
	s = strings.ReplaceAll(s, "/", "~1")
	return ptr + "/" + s
}

// get returns member name; null counts as absent.
func (o *Object) get(name string) (any, bool) {
	o.known[name] = true
	v, ok := o.m[name]
	if !ok || v == nil {
		return nil, false
	}
	return v, true
}

// Has reports whether member name is present and not null.
func (o *Object) Has(name string) bool {
	_, ok := o.get(name)
	return ok
}

// IsString reports whether member name is a string.
func (o *Object) IsString(name string) bool {
	_, ok := o.m[name].(string)
	return ok
}

// Present reports whether member name is present, null included.
func (o *Object) Present(name string) bool {
	o.known[name] = true
	_, ok := o.m[name]
	return ok
}

// Invalid records a structural problem with member name.
func (o *Object) Invalid(name, format string, args ...any) {
	o.r.Invalid(o.Ptr(name), format, args...)
}

// Unprocessable records a problem with the value of member name.
func (o *Object) Unprocessable(name, format string, args ...any) {
	o.r.Unprocessable(o.Ptr(name), format, args...)
}

// Require records every listed member that is absent or null.
func (o *Object) Require(names ...string) {
	if o.wrong {
		return
	}
	for _, n := range names {
		if !o.Has(n) {
			if o.Present(n) {
				o.Invalid(n, "required; must not be null")
			} else {
				o.Invalid(n, "required")
			}
		}
	}
}

// Ignore accepts members that are read elsewhere or carry nothing to write (computed fields
// of a document read back from the API).
func (o *Object) Ignore(names ...string) {
	for _, n := range names {
		o.known[n] = true
	}
}

// Forbid records each listed member that is present: detail says why it cannot be written.
func (o *Object) Forbid(detail string, names ...string) {
	for _, n := range names {
		if o.Present(n) {
			o.Invalid(n, "%s", detail)
		}
	}
}

// Done records every member no accessor asked about as unknown.
func (o *Object) Done() {
	var unknown []string
	for name := range o.m {
		if !o.known[name] {
			unknown = append(unknown, name)
		}
	}
	if len(unknown) == 0 {
		return
	}
	sort.Strings(unknown)
	known := make([]string, 0, len(o.known))
	for n := range o.known {
		known = append(known, n)
	}
	sort.Strings(known)
	for _, n := range unknown {
		o.Invalid(n, "unknown member; known members: %s", strings.Join(known, ", "))
	}
}

// String returns member name as a string; "" when absent or null.
func (o *Object) String(name string) string {
	v, ok := o.get(name)
	if !ok {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		o.Invalid(name, "must be a string, not %s", kind(v))
	}
	return s
}

// OptString returns member name as a string; nil when absent or null.
func (o *Object) OptString(name string) *string {
	if !o.Has(name) {
		return nil
	}
	s := o.String(name)
	return &s
}

// Strings returns member name as a list of strings.
func (o *Object) Strings(name string) []string {
	items, ok := o.Array(name)
	if !ok {
		return nil
	}
	out := make([]string, 0, len(items))
	for i, v := range items {
		s, ok := v.(string)
		if !ok {
			o.r.Invalid(Pointer(o.Ptr(name), i), "must be a string, not %s", kind(v))
			continue
		}
		out = append(out, s)
	}
	return out
}

// Number returns member name as a finite number; nil when absent or null.
func (o *Object) Number(name string) *float64 {
	v, ok := o.get(name)
	if !ok {
		return nil
	}
	n, ok := v.(json.Number)
	if !ok {
		o.Invalid(name, "must be a number, not %s", kind(v))
		return nil
	}
	f, err := strconv.ParseFloat(string(n), 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		o.Unprocessable(name, "%s is out of range", n)
		return nil
	}
	return &f
}

// Int returns member name as a whole number; nil when absent or null.
func (o *Object) Int(name string) *int64 {
	v, ok := o.get(name)
	if !ok {
		return nil
	}
	n, ok := v.(json.Number)
	if !ok {
		o.Invalid(name, "must be a whole number, not %s", kind(v))
		return nil
	}
	i, err := strconv.ParseInt(string(n), 10, 64)
	if err != nil {
		if f, ferr := strconv.ParseFloat(string(n), 64); ferr == nil && f == math.Trunc(f) && math.Abs(f) < 1<<53 {
			i = int64(f)
		} else if ferr == nil && f == math.Trunc(f) {
			o.Unprocessable(name, "%s is out of range", n)
			return nil
		} else {
			o.Invalid(name, "must be a whole number, not %s", n)
			return nil
		}
	}
	return &i
}

// ID returns member name as a positive id; nil when absent or null.
func (o *Object) ID(name string) *int64 {
	id := o.Int(name)
	if id != nil && *id < 1 {
		o.Unprocessable(name, "%d is not an id: ids are positive whole numbers", *id)
		return nil
	}
	return id
}

// Bool returns member name as a boolean; nil when absent or null.
func (o *Object) Bool(name string) *bool {
	v, ok := o.get(name)
	if !ok {
		return nil
	}
	b, ok := v.(bool)
	if !ok {
		o.Invalid(name, "must be true or false, not %s", kind(v))
		return nil
	}
	return &b
}

// Date returns member name as a YYYY-MM-DD date; nil when absent, null or malformed.
func (o *Object) Date(name string) *model.Date {
	if !o.Has(name) {
		return nil
	}
	s := o.String(name)
	if s == "" {
		if _, isString := o.m[name].(string); isString {
			o.Invalid(name, "must be a date in the form YYYY-MM-DD, not an empty string")
		}
		return nil
	}
	d, err := model.ParseDate(s)
	if err != nil {
		o.Invalid(name, "%q is not a date: use YYYY-MM-DD, e.g. 2022-11-04", s)
		return nil
	}
	return &d
}

// Time returns member name as an RFC 3339 timestamp (a YYYY-MM-DD date is read as midnight
// UTC); nil when absent, null or malformed.
func (o *Object) Time(name string) *time.Time {
	if !o.Has(name) {
		return nil
	}
	s := o.String(name)
	if s == "" {
		return nil
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return &t
	}
	if d, err := model.ParseDate(s); err == nil {
		t := d.Time()
		return &t
	}
	o.Invalid(name, "%q is not a timestamp: use RFC 3339, e.g. 2022-11-18T09:30:00Z, or a date YYYY-MM-DD", s)
	return nil
}

// Object returns member name as an object; nil when absent or null.
func (o *Object) Object(name string) *Object {
	v, ok := o.get(name)
	if !ok {
		return nil
	}
	return o.r.Object(o.Ptr(name), v)
}

// Array returns member name as an array; false when absent, null or not an array.
func (o *Object) Array(name string) ([]any, bool) {
	v, ok := o.get(name)
	if !ok {
		return nil, false
	}
	a, ok := v.([]any)
	if !ok {
		o.Invalid(name, "must be an array, not %s", kind(v))
		return nil, false
	}
	return a, true
}

// Objects calls fn for each element of array member name, read as an object.
func (o *Object) Objects(name string, fn func(i int, item *Object)) {
	items, _ := o.Array(name)
	for i, v := range items {
		fn(i, o.r.Object(Pointer(o.Ptr(name), i), v))
	}
}

// kind names the JSON type of v for messages.
func kind(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case json.Number:
		return "a number (" + string(v) + ")"
	case bool:
		return "a boolean"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

// MergePatch applies an RFC 7396 JSON merge patch to target and returns the result; target is
// not modified.
func MergePatch(target, patch any) any {
	p, ok := patch.(map[string]any)
	if !ok {
		return patch
	}
	t, ok := target.(map[string]any)
	out := make(map[string]any, len(t)+len(p))
	if ok {
		for k, v := range t {
			out[k] = v
		}
	}
	for k, v := range p {
		if v == nil {
			delete(out, k)
			continue
		}
		out[k] = MergePatch(out[k], v)
	}
	return out
}
