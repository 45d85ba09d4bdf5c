package store

import (
	"bytes"
	"encoding/json"
	"strconv"

	"github.com/newsevents/newsevents/internal/model"
)

// eventActorsJSON selects the actors of event e as kept in event_actor_lists (migration
// 00010): a compact JSON array of model.EventActor, main actor first (by position, then name
// and role); an event without actors has no row there. Scan it with actorList.
const eventActorsJSON = `coalesce((SELECT l.actors FROM event_actor_lists l WHERE l.event_id = e.id), '[]')`

// actorList scans the JSON of event_actor_lists into a slice of EventActor. encoding/json spent
// more time on these small arrays than the rest of a page's scanning (CPU profile of events by
// date, docs/performance.md): the arrays the database writes have one fixed shape, read here
// directly; anything else (an escaped character, another key order) goes to encoding/json.
type actorList struct{ dst *[]model.EventActor }

// ScanBytes implements pgtype.BytesScanner. b is only valid during the call.
func (l actorList) ScanBytes(b []byte) error {
	if b == nil {
		*l.dst = []model.EventActor{}
		return nil
	}
	if out, ok := parseActorList(b); ok {
		*l.dst = out
		return nil
	}
	out := []model.EventActor{}
	if err := json.Unmarshal(b, &out); err != nil {
		return err
	}
	*l.dst = out
	return nil
}

// parseActorList reads [{"id":1,"slug":"…","name":"…","kind":"…","role":"…"},…] as
// event_actor_list_source writes it, strings without escapes; ok is false for anything else.
func parseActorList(b []byte) (_ []model.EventActor, ok bool) {
	out := make([]model.EventActor, 0, 2)
	p := actorParser{b: b}
	if !p.lit("[") {
		return nil, false
	}
	if p.lit("]") {
		return out, p.i == len(b)
	}
	for {
		var a model.EventActor
		if !p.lit(`{"id":`) {
			return nil, false
		}
		id, ok := p.int()
		if !ok || !p.lit(`,"slug":`) {
			return nil, false
		}
		if a.Slug, ok = p.str(); !ok || !p.lit(`,"name":`) {
			return nil, false
		}
		if a.Name, ok = p.str(); !ok || !p.lit(`,"kind":`) {
			return nil, false
		}
		if a.Kind, ok = p.str(); !ok || !p.lit(`,"role":`) {
			return nil, false
		}
		if a.Role, ok = p.str(); !ok || !p.lit("}") {
			return nil, false
		}
		a.ID = id
		out = append(out, a)
		if p.lit("]") {
			return out, p.i == len(b)
		}
		if !p.lit(",") {
			return nil, false
		}
	}
}

type actorParser struct {
	b []byte
	i int
}

func (p *actorParser) lit(s string) bool {
	if len(p.b)-p.i < len(s) || string(p.b[p.i:p.i+len(s)]) != s {
		return false
	}
	p.i += len(s)
	return true
}

func (p *actorParser) int() (int64, bool) {
	j := p.i
	for j < len(p.b) && (p.b[j] >= '0' && p.b[j] <= '9' || j == p.i && p.b[j] == '-') {
		j++
	}
	n, err := strconv.ParseInt(string(p.b[p.i:j]), 10, 64)
	p.i = j
	return n, err == nil
}

// str reads a JSON string with no escape sequence and no control character.
func (p *actorParser) str() (string, bool) {
	if p.i >= len(p.b) || p.b[p.i] != '"' {
		return "", false
	}
	end := bytes.IndexByte(p.b[p.i+1:], '"')
	if end < 0 {
		return "", false
	}
	s := p.b[p.i+1 : p.i+1+end]
	for _, c := range s {
		if c == '\\' || c < 0x20 {
			return "", false
		}
	}
	p.i += end + 2
	return string(s), true
}
