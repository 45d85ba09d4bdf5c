package httpapi

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-chi/chi/v5"

	"github.com/newsevents/newsevents/internal/model"
)

// query reads the query parameters of one request, collecting every problem so the client
// hears about all of them at once.
type query struct {
	values url.Values
	errs   model.FieldErrors
}

// newQuery checks that r uses only the allowed parameters.
func newQuery(r *http.Request, allowed ...string) *query {
	q := &query{values: r.URL.Query()}
	if vs, ok := q.values[""]; ok { // "?=x": a problem about it must still name something
		delete(q.values, "")
		q.values["(no name)"] = vs
	}
	var unknown []string
	for name := range q.values {
		found := false
		for _, a := range allowed {
			if a == name {
				found = true
				break
			}
		}
		if !found {
			unknown = append(unknown, name)
		}
	}
	for name, vs := range q.values {
		for _, v := range vs {
			bad := ""
			switch {
			case v == "":
				bad = "is empty: give a value or leave the parameter out"
			case !utf8.ValidString(v) || strings.ContainsRune(v, 0):
				bad = "is not valid UTF-8 text (or contains a NUL character)"
			}
			if bad != "" {
				q.errs.Param(name, "%s", bad)
				delete(q.values, name) // read as absent from here on
				break
			}
		}
	}
	sort.Strings(unknown)
	for _, name := range unknown {
		if len(allowed) == 0 {
			q.errs.Param(name, "unknown parameter: this endpoint takes no query parameters")
			continue
		}
		q.errs.Param(name, "unknown parameter; allowed: %s", strings.Join(allowed, ", "))
	}
	return q
}

// single returns the one value of name ("" when absent) and flags repeats.
func (q *query) single(name string) string {
	vs := q.values[name]
	if len(vs) > 1 {
		q.errs.Param(name, "given %d times; give it once", len(vs))
	}
	if len(vs) == 0 {
		return ""
	}
	return vs[0]
}

// date reads an optional YYYY-MM-DD date.
func (q *query) date(name string) *model.Date {
	s := q.single(name)
	if s == "" {
		return nil
	}
	d, err := model.ParseDate(s)
	if err != nil {
		q.errs.Param(name, "%q is not a date: use YYYY-MM-DD, e.g. 2022-11-04", s)
		return nil
	}
	return &d
}

// limit reads the page size, def when absent, between 1 and max.
func (q *query) limit(def, max int) int {
	s := q.single("limit")
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > max {
		q.errs.Param("limit", "%q is not a whole number between 1 and %d", s, max)
		return def
	}
	return n
}

// cursor decodes the opaque cursor parameter into v.
func (q *query) cursor(v any) bool {
	s := q.single("cursor")
	if s == "" {
		return false
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil && bytes.Contains(b, []byte(`\u0000`)) {
		err = errors.New("a NUL character") // no cursor of ours holds one; the database would refuse it
	}
	if err == nil {
		dec := json.NewDecoder(strings.NewReader(string(b)))
		dec.DisallowUnknownFields()
		err = dec.Decode(v)
	}
	if err != nil {
		q.errs.Param("cursor", "not a cursor this server issued; use the next link of a previous page")
		return false
	}
	return true
}

// err returns the collected problems as one Invalid error, or nil.
func (q *query) err() error {
	return q.errs.Err(model.Invalid, "the query has bad parameters")
}

// encodeCursor makes the opaque cursor for v.
func encodeCursor(v any) string {
	b, _ := json.Marshal(v)
	return base64.RawURLEncoding.EncodeToString(b)
}

// nextURL returns the URL of the next page: the request's URL with cursor replaced.
func nextURL(r *http.Request, cursor string) string {
	u := *r.URL
	v := u.Query()
	v.Set("cursor", cursor)
	u.RawQuery = v.Encode()
	return u.RequestURI()
}

// idParam reads a positive integer path parameter.
func idParam(r *http.Request, name string) (int64, error) {
	s := chi.URLParam(r, name)
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id < 1 {
		var fe model.FieldErrors
		fe.Param(name, "%q is not an id: ids are positive whole numbers", s)
		return 0, fe.Err(model.Invalid, "bad path parameter")
	}
	return id, nil
}

// list returns the values of a repeatable parameter; each value may also be a comma-separated
// list ("type=layoff,resignation&type=closure"). Empty items are dropped, repeats kept once.
func (q *query) list(name string) []string {
	var out []string
	for _, v := range q.values[name] {
		for _, item := range strings.Split(v, ",") {
			item = strings.TrimSpace(item)
			if item != "" && !slices.Contains(out, item) {
				out = append(out, item)
			}
		}
	}
	return out
}

// listOf is list restricted to the allowed values; the others are reported.
func (q *query) listOf(name string, allowed []string) []string {
	vals := q.list(name)
	for _, v := range vals {
		if !slices.Contains(allowed, v) {
			q.errs.Param(name, "%q is not allowed; use one of: %s", v, strings.Join(allowed, ", "))
		}
	}
	return vals
}

// oneOf reads an optional single value among allowed, def when absent.
func (q *query) oneOf(name string, allowed []string, def string) string {
	s := q.single(name)
	if s == "" {
		return def
	}
	if !slices.Contains(allowed, s) {
		q.errs.Param(name, "%q is not allowed; use one of: %s", s, strings.Join(allowed, ", "))
		return def
	}
	return s
}

// number reads an optional finite number.
func (q *query) number(name string) *float64 {
	s := q.single(name)
	if s == "" {
		return nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		q.errs.Param(name, "%q is not a number; write it like 1000 or 0.5", s)
		return nil
	}
	return &f
}

// id reads an optional positive integer id.
func (q *query) id(name string) *int64 {
	s := q.single(name)
	if s == "" {
		return nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 1 {
		q.errs.Param(name, "%q is not an id: ids are positive whole numbers", s)
		return nil
	}
	return &n
}

// timestamp reads an optional RFC 3339 timestamp; a bare date means its midnight UTC.
func (q *query) timestamp(name string) *time.Time {
	s := q.single(name)
	if s == "" {
		return nil
	}
	// An unescaped + in a URL arrives as a space: "…T09:30:00+01:00" reads "…T09:30:00 01:00".
	if t, err := time.Parse(time.RFC3339Nano, strings.Replace(s, " ", "+", 1)); err == nil {
		return &t
	}
	if d, err := model.ParseDate(s); err == nil {
		t := d.Time()
		return &t
	}
	q.errs.Param(name, "%q is not a timestamp: use RFC 3339, e.g. 2022-11-18T09:30:00Z (a + in the offset is written %%2B in a URL)", s)
	return nil
}

// boolean reads an optional true/false flag.
func (q *query) boolean(name string) bool {
	s := q.single(name)
	switch s {
	case "", "false", "0":
		return false
	case "true", "1":
		return true
	}
	q.errs.Param(name, "%q is not a boolean: use true or false", s)
	return false
}

// text reads an optional free text, at most max characters.
func (q *query) text(name string, max int) string {
	s := strings.TrimSpace(q.single(name))
	if utf8.RuneCountInString(s) > max {
		q.errs.Param(name, "longer than %d characters", max)
		return ""
	}
	return s
}

// has reports whether the parameter was given.
func (q *query) has(name string) bool { return len(q.values[name]) > 0 }

// refParam reads a path parameter naming a record by id or slug: any text, as long as it is
// valid UTF-8 without NUL characters (which the database would refuse).
func refParam(r *http.Request, name string) (string, error) {
	s := chi.URLParam(r, name)
	if s == "" || !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
		var fe model.FieldErrors
		fe.Param(name, "%q is not an id or a slug", s)
		return "", fe.Err(model.Invalid, "bad path parameter")
	}
	return s, nil
}
