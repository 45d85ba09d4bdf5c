package records

import (
	"errors"
	"strings"
	"testing"

	"github.com/newsevents/newsevents/internal/model"
)

// fuzzVocabulary is a small vocabulary, as the database would give.
var fuzzVocabulary = model.Vocabulary{
	EventTypes: map[string]bool{"layoff": true, "acquisition": true},
	Metrics:    map[string]string{"employees_affected": "count", "workforce_share": "ratio", "deal_value": "currency"},
	Units:      map[string]string{"person": "count", "ratio": "ratio", "USD": "currency"},
	Roles:      map[string]bool{"employer": true, "acquirer": true, "target": true},
}

// FuzzDocuments reads an arbitrary body as every kind of document in every mode: no panic, and
// any problem is an Invalid or Unprocessable error whose fields each name a JSON pointer.
func FuzzDocuments(f *testing.F) {
	for _, s := range []string{
		`{"type":"layoff","title":"T","date_start":"2024-03-05","actors":[{"name":"X","kind":"organization","role":"employer"}],
		  "figures":[{"metric":"employees_affected","value":120,"unit":"person","qualifier":"exact"}],
		  "sources":[{"article":{"url":"https://example.com/a"},"evidence":{"text":"x","start":0,"end":1}}],
		  "links":[{"type":"led_to","event":{"id":1}}]}`,
		`{"name":"Linda Yaccarino","kind":"person","wikidata_qid":"Q18378716","country":"US","aliases":["LY"]}`,
		`{"url":"https://www.7sur7.be/a?utm_source=x","title":"t","language":"fr","published_at":"2022-11-18T09:00:00Z"}`,
		`{"event_id":10,"metric":"workforce_share","value":0.1,"unit":"ratio","qualifier":"range","low":0.05,"high":0.2}`,
		`{"type":"layoff","title":"a\u0000b","date_start":"2024-03-05"}`, `{"title":"\ud800"}`,
		`{"value":1e400}`, `{"value":123456789012345678901234567890}`, `{"date":{"start":"2022-11-04","precision":"week"}}`,
		strings.Repeat("[", 10000), `{"a":1}{"b":2}`, ``, `null`, `"x"`, `{"figures":[null,1,"x",{}]}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		for _, mode := range []Mode{Create, Import, Patch} {
			d := NewDecoder(fuzzVocabulary, mode)
			for kind := range 4 {
				r, o, err := Parse([]byte(body))
				if err != nil {
					checkDocError(t, err)
					return
				}
				switch kind {
				case 0:
					d.Event(o)
				case 1:
					d.Actor(o)
				case 2:
					d.Article(o)
				case 3:
					d.Figure(o)
				}
				checkDocError(t, r.Err())
			}
		}
	})
}

func checkDocError(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var me *model.Error
	if !errors.As(err, &me) || (me.Code != model.Invalid && me.Code != model.Unprocessable) || len(me.Fields) == 0 {
		t.Fatalf("error %v: want Invalid or Unprocessable with fields", err)
	}
	for _, fe := range me.Fields {
		if fe.Parameter != "" || fe.Detail == "" {
			t.Fatalf("field error %+v: want a pointer and a detail", fe)
		}
	}
}
