package jsonin

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/newsevents/newsevents/internal/model"
)

func TestPointerEscapes(t *testing.T) {
	if got := Pointer(Pointer("", "a/b"), "m~n"); got != "/a~1b/m~0n" {
		t.Errorf("Pointer = %q", got)
	}
}

func TestReaderCollectsEverything(t *testing.T) {
	v, err := Parse([]byte(`{"s": 1, "n": "x", "i": 1.5, "d": "2024-13-01", "a": {}, "extra": true, "o": {"deep": []}}`))
	if err != nil {
		t.Fatal(err)
	}
	r := &Reader{}
	o := r.Object("", v)
	o.String("s")
	o.Number("n")
	o.Int("i")
	o.Date("d")
	o.Array("a")
	if sub := o.Object("o"); sub != nil {
		sub.Done()
	}
	o.Require("missing")
	o.Done()
	var got []string
	for _, f := range r.Fields() {
		got = append(got, f.Pointer)
	}
	want := []string{"/s", "/n", "/i", "/d", "/a", "/o/deep", "/missing", "/extra"}
	if len(got) != len(want) {
		t.Fatalf("pointers %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("pointers %q, want %q", got, want)
		}
	}
	var me *model.Error
	if err := r.Err(); !errors.As(err, &me) || me.Code != model.Invalid {
		t.Errorf("Err = %v", err)
	}
}

func TestParseErrors(t *testing.T) {
	for _, in := range []string{``, `{`, `{"a":}`, `{} {}`, `{"a":1}x`} {
		_, err := Parse([]byte(in))
		var me *model.Error
		if !errors.As(err, &me) || me.Code != model.Invalid || len(me.Fields) != 1 {
			t.Errorf("Parse(%q) = %v", in, err)
		}
	}
	if _, err := Parse([]byte("{\n  \"a\": 1,\n  oops\n}")); err == nil || !strings.Contains(err.Error(), "line 3") {
		t.Errorf("no line number: %v", err)
	}
}

func TestMergePatch(t *testing.T) {
	// RFC 7396 appendix A, a few of its cases.
	tests := []struct{ target, patch, want string }{
		{`{"a":"b"}`, `{"a":"c"}`, `{"a":"c"}`},
		{`{"a":"b"}`, `{"b":"c"}`, `{"a":"b","b":"c"}`},
		{`{"a":"b"}`, `{"a":null}`, `{}`},
		{`{"a":["b"]}`, `{"a":"c"}`, `{"a":"c"}`},
		{`{"a":{"b":"c"}}`, `{"a":{"b":"d","c":null}}`, `{"a":{"b":"d"}}`},
		{`{"a":[{"b":"c"}]}`, `{"a":[1]}`, `{"a":[1]}`},
		{`{"e":null}`, `{"a":1}`, `{"a":1,"e":null}`},
	}
	for _, tt := range tests {
		var target, patch, want any
		_ = json.Unmarshal([]byte(tt.target), &target)
		_ = json.Unmarshal([]byte(tt.patch), &patch)
		_ = json.Unmarshal([]byte(tt.want), &want)
		got, _ := json.Marshal(MergePatch(target, patch))
		w, _ := json.Marshal(want)
		if string(got) != string(w) {
			t.Errorf("MergePatch(%s, %s) = %s, want %s", tt.target, tt.patch, got, w)
		}
	}
}
