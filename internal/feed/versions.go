package feed

import "time"

// versions remembers the updated_at of the last version of each event a stream sent, for the
// limit most recently first sent events: older ones are forgotten first. The versions that
// matter are recent ones (a change both read from the database and heard live), so forgetting
// old ones costs at worst a change sent twice, never one lost. A version is kept as
// microseconds since 1970 (PostgreSQL's precision): about 30 bytes an event, so a stream
// remembering 10,000 takes about 300 KB.
type versions struct {
	at    map[int64]int64
	ring  []int64 // ids in the order they were first put, up to limit of them
	next  int     // the slot to reuse once the ring is full
	limit int
}

func newVersions(limit int) versions {
	return versions{at: map[int64]int64{}, limit: max(limit, 1)}
}

func (v *versions) get(id int64) (time.Time, bool) {
	t, ok := v.at[id]
	return time.UnixMicro(t).UTC(), ok
}

func (v *versions) put(id int64, t time.Time) {
	if _, ok := v.at[id]; !ok {
		if len(v.ring) < v.limit {
			v.ring = append(v.ring, id)
		} else {
			delete(v.at, v.ring[v.next])
			v.ring[v.next] = id
			v.next = (v.next + 1) % v.limit
		}
	}
	v.at[id] = t.UnixMicro()
}
