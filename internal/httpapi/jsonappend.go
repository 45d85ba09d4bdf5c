package httpapi

import (
	"math"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/newsevents/newsevents/internal/model"
)

// The bodies of the busiest reads (a page of events, a timeline) written by hand: encoding/json
// took a fifth of the server's CPU on pages of events and two fifths on timelines, mostly in
// reflection and, for timelines, in sorting the keys of every by_type map (profiles in
// docs/performance.md). Each function writes exactly the bytes encoding/json writes for the same
// value, with HTML escaping off as respond has it: jsonappend_test.go holds them to it, and a
// fuzz target to random values.

// appendJSONString appends s as encoding/json writes a string with HTML escaping off: quotes,
// backslashes and control characters escaped (\b \f \n \r \t by name, others as \u00XX), U+2028
// and U+2029 escaped, invalid UTF-8 replaced by U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendJSONFloat appends f as encoding/json writes a float64 ('f' format, or 'e' for very
// large and very small magnitudes, with a two-digit exponent at least). ok is false for NaN and
// infinities, which encoding/json refuses.
func appendJSONFloat(b []byte, f float64) (_ []byte, ok bool) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return b, false
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// clean up e-09 to e-9
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, true
}

// appendJSONTime appends t as time.Time.MarshalJSON does; ok is false for years outside
// [0, 9999], which it refuses.
func appendJSONTime(b []byte, t time.Time) (_ []byte, ok bool) {
	if y := t.Year(); y < 0 || y > 9999 {
		return b, false
	}
	b = append(b, '"')
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b, '"'), true
}

func appendJSONDate(b []byte, d model.Date) []byte {
	b = append(b, '"')
	b = d.Time().AppendFormat(b, model.DateLayout)
	return append(b, '"')
}

// appendEvent appends e as encoding/json writes a model.Event; ok is false for a value it
// would refuse (see appendJSONFloat, appendJSONTime).
func appendEvent(b []byte, e *model.Event) (_ []byte, ok bool) {
	b = append(b, `{"id":`...)
	b = strconv.AppendInt(b, e.ID, 10)
	b = append(b, `,"type":`...)
	b = appendJSONString(b, e.Type)
	b = append(b, `,"title":`...)
	b = appendJSONString(b, e.Title)
	b = append(b, `,"summary":`...)
	b = appendJSONString(b, e.Summary)
	b = append(b, `,"date_start":`...)
	b = appendJSONDate(b, e.DateStart)
	b = append(b, `,"date_end":`...)
	b = appendJSONDate(b, e.DateEnd)
	b = append(b, `,"date_precision":`...)
	b = appendJSONString(b, e.DatePrecision)
	b = append(b, `,"date_text":`...)
	b = appendJSONString(b, e.DateText)
	b = append(b, `,"status":`...)
	b = appendJSONString(b, e.Status)
	b = append(b, `,"confidence":`...)
	if e.Confidence == nil {
		b = append(b, "null"...)
	} else if b, ok = appendJSONFloat(b, *e.Confidence); !ok {
		return b, false
	}
	b = append(b, `,"merged_into":`...)
	if e.MergedInto == nil {
		b = append(b, "null"...)
	} else {
		b = strconv.AppendInt(b, *e.MergedInto, 10)
	}
	b = append(b, `,"external_id":`...)
	if e.ExternalID == nil {
		b = append(b, "null"...)
	} else {
		b = appendJSONString(b, *e.ExternalID)
	}
	b = append(b, `,"actors":`...)
	if e.Actors == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range e.Actors {
			a := &e.Actors[i]
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"id":`...)
			b = strconv.AppendInt(b, a.ID, 10)
			b = append(b, `,"slug":`...)
			b = appendJSONString(b, a.Slug)
			b = append(b, `,"name":`...)
			b = appendJSONString(b, a.Name)
			b = append(b, `,"kind":`...)
			b = appendJSONString(b, a.Kind)
			b = append(b, `,"role":`...)
			b = appendJSONString(b, a.Role)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	b = append(b, `,"created_at":`...)
	if b, ok = appendJSONTime(b, e.CreatedAt); !ok {
		return b, false
	}
	b = append(b, `,"updated_at":`...)
	if b, ok = appendJSONTime(b, e.UpdatedAt); !ok {
		return b, false
	}
	return append(b, '}'), true
}

// appendEventList appends l as json.Encoder writes it (a newline at the end), ok as
// appendEvent.
func appendEventList(b []byte, l *eventList) (_ []byte, ok bool) {
	b = append(b, `{"data":`...)
	if l.Data == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range l.Data {
			if i > 0 {
				b = append(b, ',')
			}
			if b, ok = appendEvent(b, &l.Data[i]); !ok {
				return b, false
			}
		}
		b = append(b, ']')
	}
	b = append(b, `,"next":`...)
	if l.Next == nil {
		b = append(b, "null"...)
	} else {
		b = appendJSONString(b, *l.Next)
	}
	if l.Total != nil {
		b = append(b, `,"total":`...)
		b = strconv.AppendInt(b, *l.Total, 10)
	}
	if l.Estimated != nil {
		b = append(b, `,"total_estimated":`...)
		b = strconv.AppendBool(b, *l.Estimated)
	}
	return append(b, "}\n"...), true
}

// appendTimeline appends t as json.Encoder writes it (map keys sorted, a newline at the end),
// ok as appendEvent.
func appendTimeline(b []byte, t *timelineBody) (_ []byte, ok bool) {
	b = append(b, `{"interval":`...)
	b = appendJSONString(b, t.Interval)
	b = append(b, `,"metric":`...)
	if t.Metric == nil {
		b = append(b, "null"...)
	} else {
		b = appendJSONString(b, *t.Metric)
	}
	b = append(b, `,"data":`...)
	if t.Data == nil {
		return append(b, "null}\n"...), true
	}
	b = append(b, '[')
	var keys []string
	for i := range t.Data {
		bk := &t.Data[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"start":`...)
		b = appendJSONDate(b, bk.Start)
		b = append(b, `,"events":`...)
		b = strconv.AppendInt(b, bk.Events, 10)
		b = append(b, `,"by_type":`...)
		if bk.ByType == nil {
			b = append(b, "null"...)
		} else {
			keys = keys[:0]
			for k := range bk.ByType {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			b = append(b, '{')
			for j, k := range keys {
				if j > 0 {
					b = append(b, ',')
				}
				b = appendJSONString(b, k)
				b = append(b, ':')
				b = strconv.AppendInt(b, bk.ByType[k], 10)
			}
			b = append(b, '}')
		}
		b = append(b, `,"figures":`...)
		if bk.Figures == nil {
			b = append(b, "null"...)
		} else {
			b = append(b, '[')
			for j := range bk.Figures {
				fs := &bk.Figures[j]
				if j > 0 {
					b = append(b, ',')
				}
				b = append(b, `{"unit":`...)
				b = appendJSONString(b, fs.Unit)
				b = append(b, `,"count":`...)
				b = strconv.AppendInt(b, fs.Count, 10)
				for _, kv := range [...]struct {
					k string
					v float64
				}{{`,"sum":`, fs.Sum}, {`,"min":`, fs.Min}, {`,"max":`, fs.Max}} {
					b = append(b, kv.k...)
					if b, ok = appendJSONFloat(b, kv.v); !ok {
						return b, false
					}
				}
				b = append(b, '}')
			}
			b = append(b, ']')
		}
		b = append(b, '}')
	}
	return append(b, "]}\n"...), true
}
