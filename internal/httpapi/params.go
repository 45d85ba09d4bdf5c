package httpapi

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

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
	sort.Strings(unknown)
	for _, name := range unknown {
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
