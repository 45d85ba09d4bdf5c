package store

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/newsevents/newsevents/internal/model"
)

// TestActorListScan holds the fast reading of event_actor_lists to encoding/json: the same
// actors for what the database writes, and encoding/json's answer for anything else.
func TestActorListScan(t *testing.T) {
	for _, tc := range []struct {
		in   string
		fast bool
	}{
		{`[]`, true},
		{`[{"id":12,"slug":"twitter","name":"Twitter","kind":"organization","role":"employer"}]`, true},
		{`[{"id":1,"slug":"a","name":"Élise Ünal","kind":"person","role":"subject"},{"id":2,"slug":"b","name":"B","kind":"group","role":"target"}]`, true},
		{`[{"id":1,"slug":"a","name":"Tab\t \"q\" \\ \u2028","kind":"person","role":"subject"}]`, false},
		{`[{"slug":"a","id":1,"name":"A","kind":"person","role":"subject"}]`, false},
		{`[ {"id" : 1, "slug" : "a", "name" : "A", "kind" : "person", "role" : "subject"} ]`, false},
	} {
		var want []model.EventActor
		if err := json.Unmarshal([]byte(tc.in), &want); err != nil {
			t.Fatalf("%s: %v", tc.in, err)
		}
		if _, ok := parseActorList([]byte(tc.in)); ok != tc.fast {
			t.Errorf("%s: fast path %v, want %v", tc.in, ok, tc.fast)
		}
		var got []model.EventActor
		if err := (actorList{&got}).ScanBytes([]byte(tc.in)); err != nil {
			t.Fatalf("%s: %v", tc.in, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\ngot  %+v\nwant %+v", tc.in, got, want)
		}
	}
	var got []model.EventActor
	if err := (actorList{&got}).ScanBytes(nil); err != nil || got == nil || len(got) != 0 {
		t.Errorf("NULL: %v, %v; want an empty list", got, err)
	}
	for _, bad := range []string{`[{"id":1`, `[{"id":1,"slug":"a","name":"A","kind":"p","role":"r"}]x`, `{}`} {
		if err := (actorList{&got}).ScanBytes([]byte(bad)); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}
