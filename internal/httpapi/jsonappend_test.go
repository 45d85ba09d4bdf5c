package httpapi

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/newsevents/newsevents/internal/model"
)

// encodeJSON is what respond writes for v.
func encodeJSON(t testing.TB, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// awkward are strings encoding/json escapes in every way it does.
var awkward = []string{"", "plain", `quote " and \ backslash`, "tab\tnew\nline\r\b\f", "\x00\x01\x1f\x7f",
	"<html> & 'apos'", "é ü ß 中文 🎉", "line\u2028para\u2029", "bad \xff\xfe utf-8 \xc3", "\u00e9\u0301", "/slash/"}

func randomString(r *rand.Rand) string {
	if r.IntN(3) == 0 {
		return awkward[r.IntN(len(awkward))]
	}
	b := make([]byte, r.IntN(20))
	for i := range b {
		b[i] = byte(r.IntN(256))
	}
	return string(b)
}

func randomEvent(r *rand.Rand) model.Event {
	e := model.Event{ID: r.Int64(), Type: randomString(r), Title: randomString(r), Summary: randomString(r),
		DateStart:     model.NewDate(1+r.IntN(9999), time.Month(1+r.IntN(12)), 1+r.IntN(28)),
		DateEnd:       model.NewDate(2000+r.IntN(30), time.Month(1+r.IntN(12)), 1+r.IntN(28)),
		DatePrecision: randomString(r), DateText: randomString(r), Status: randomString(r),
		CreatedAt: time.Unix(r.Int64N(1<<35), r.Int64N(1e9)).UTC(),
		UpdatedAt: time.Date(2026, 11, 24, 3, 4, 5, r.IntN(3)*1000, time.UTC)}
	floats := []float64{0, 1, 0.5, 1e-7, 1.5e21, -2.25e-9, 123456789.125, 1e20, 0.000001, math.SmallestNonzeroFloat64, r.Float64()}
	if r.IntN(2) == 0 {
		f := floats[r.IntN(len(floats))]
		e.Confidence = &f
	}
	if r.IntN(2) == 0 {
		n := r.Int64N(1 << 40)
		e.MergedInto = &n
	}
	if r.IntN(2) == 0 {
		s := randomString(r)
		e.ExternalID = &s
	}
	if r.IntN(5) > 0 {
		e.Actors = []model.EventActor{}
		for range r.IntN(4) {
			e.Actors = append(e.Actors, model.EventActor{ID: r.Int64(), Slug: randomString(r), Name: randomString(r),
				Kind: randomString(r), Role: randomString(r)})
		}
	}
	return e
}

// TestAppendEventListMatchesEncodingJSON: a page of events written by hand is byte for byte
// what encoding/json writes, for strings it escapes in every way, nulls, empty and missing
// lists, floats in both notations, totals and next links.
func TestAppendEventListMatchesEncodingJSON(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 2000 {
		var l eventList
		if i%7 > 0 {
			l.Data = []model.Event{}
			for range r.IntN(5) {
				l.Data = append(l.Data, randomEvent(r))
			}
		}
		if r.IntN(2) == 0 {
			s := randomString(r)
			l.Next = &s
		}
		if r.IntN(3) == 0 {
			l.total = newTotal(r.Int64N(1<<40), []string{"exact", "estimated"}[r.IntN(2)])
		}
		got, ok := appendEventList(nil, &l)
		want := encodeJSON(t, l)
		if !ok || !bytes.Equal(got, want) {
			t.Fatalf("case %d (ok %v):\ngot  %s\nwant %s", i, ok, got, want)
		}
	}
	// What encoding/json refuses, the appender refuses.
	for _, e := range []model.Event{{Confidence: ptr(math.NaN())}, {Confidence: ptr(math.Inf(1))}, {CreatedAt: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}} {
		if _, ok := appendEventList(nil, &eventList{Data: []model.Event{e}}); ok {
			t.Errorf("%+v: appended, want refused", e)
		}
		if err := json.NewEncoder(&bytes.Buffer{}).Encode(eventList{Data: []model.Event{e}}); err == nil {
			t.Errorf("%+v: encoding/json accepts it", e)
		}
	}
}

// TestAppendTimelineMatchesEncodingJSON: a timeline written by hand is what encoding/json
// writes, by_type keys sorted.
func TestAppendTimelineMatchesEncodingJSON(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 500 {
		body := timelineBody{Interval: randomString(r)}
		if r.IntN(2) == 0 {
			m := randomString(r)
			body.Metric = &m
		}
		if i%9 > 0 {
			body.Data = []model.TimelineBucket{}
		}
		for range r.IntN(6) {
			bk := model.TimelineBucket{Start: model.NewDate(2000+r.IntN(30), time.Month(1+r.IntN(12)), 1), Events: r.Int64N(1e6)}
			if r.IntN(6) > 0 {
				bk.ByType = map[string]int64{}
				for range r.IntN(20) {
					bk.ByType[randomString(r)] = r.Int64N(1e4)
				}
			}
			if r.IntN(6) > 0 {
				bk.Figures = []model.FigureStats{}
				for range r.IntN(3) {
					bk.Figures = append(bk.Figures, model.FigureStats{Unit: randomString(r), Count: r.Int64N(100),
						Sum: r.Float64() * 1e12, Min: -r.Float64(), Max: 1e22 * r.Float64()})
				}
			}
			body.Data = append(body.Data, bk)
		}
		got, ok := appendTimeline(nil, &body)
		want := encodeJSON(t, body)
		if !ok || !bytes.Equal(got, want) {
			t.Fatalf("case %d (ok %v):\ngot  %s\nwant %s", i, ok, got, want)
		}
	}
}

// FuzzAppendJSONString holds the hand-written string and float encodings to encoding/json on
// any input.
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range awkward {
		f.Add(s, 0.5)
	}
	f.Add("x", 1e21)
	f.Add("", -1e-7)
	f.Fuzz(func(t *testing.T, s string, x float64) {
		e := model.Event{Title: s, Actors: []model.EventActor{{Name: s}}, Confidence: &x, ExternalID: &s}
		got, ok := appendEventList(nil, &eventList{Data: []model.Event{e}, Next: &s})
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		err := enc.Encode(eventList{Data: []model.Event{e}, Next: &s})
		if ok != (err == nil) || (ok && !bytes.Equal(got, buf.Bytes())) {
			t.Fatalf("ok %v, encoding/json %v\ngot  %s\nwant %s", ok, err, got, buf.Bytes())
		}
	})
}

func ptr[T any](v T) *T { return &v }
