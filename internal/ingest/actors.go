package ingest

import (
	"context"
	"strings"

	"github.com/newsevents/newsevents/internal/extract"
	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/store"
)

// actorKey identifies one actor of a text: the extractor's key of its name, and its kind.
type actorKey struct{ kind, key string }

func keyOf(a extract.Actor) actorKey {
	k := a.Key
	if k == "" {
		k = strings.ToLower(strings.TrimSpace(a.Name))
	}
	return actorKey{a.Kind, k}
}

// resolvedActor is the stored actor an actor of the text stands for.
type resolvedActor struct {
	actor     model.EventActor // Role empty
	matchedBy string
	matched   string
	ambiguous []int64
}

// resolveActors finds the stored actor of every actor the events name, creating the ones no
// stored actor has. Each actor of the text is looked up by its name, then by the extractor's
// key of it (legal suffixes and titles dropped: "Twitter Inc." -> "twitter"), then by the other
// spellings the text uses ("Musk"), among the names and aliases of stored actors, case- and
// accent-insensitively (store.FindActorsByName). The first spelling that finds actors of the
// same kind wins; failing that, organisations, groups and products match each other (the
// extractor may take a company for a product), people only people. Among several actors the
// one whose main name matched is preferred, then the first created; the others are reported
// as ambiguous. An actor found nowhere is created with its name, kind and the text's other
// spellings as aliases.
func resolveActors(ctx context.Context, tx *store.Store, events []extract.Event) (map[actorKey]*resolvedActor, error) {
	type entry struct {
		key   actorKey
		first extract.Actor
		forms []string
	}
	var (
		entries []*entry
		byKey   = map[actorKey]*entry{}
		names   []string
		seen    = map[string]bool{}
	)
	addForm := func(e *entry, s string) {
		s = strings.TrimSpace(s)
		if s == "" {
			return
		}
		for _, f := range e.forms {
			if f == s {
				return
			}
		}
		e.forms = append(e.forms, s)
		if !seen[s] {
			seen[s] = true
			names = append(names, s)
		}
	}
	for _, ev := range events {
		for _, a := range ev.Actors {
			k := keyOf(a)
			e := byKey[k]
			if e == nil {
				e = &entry{key: k, first: a}
				byKey[k] = e
				entries = append(entries, e)
			}
			addForm(e, a.Name)
			addForm(e, a.Key)
			for _, al := range a.Aliases {
				addForm(e, al)
			}
		}
	}
	out := map[actorKey]*resolvedActor{}
	if len(entries) == 0 {
		return out, nil
	}
	hits, err := tx.FindActorsByName(ctx, names)
	if err != nil {
		return nil, err
	}

	var (
		newRefs []model.ActorRef
		newKeys []actorKey
	)
	for _, e := range entries {
		if r := pick(e.forms, e.key.kind, hits); r != nil {
			out[e.key] = r
			continue
		}
		ref := model.ActorRef{Name: strings.TrimSpace(e.first.Name), Kind: e.key.kind}
		for _, f := range e.forms[1:] {
			if f != e.first.Key && !strings.EqualFold(f, ref.Name) {
				ref.Aliases = append(ref.Aliases, f)
			}
		}
		newRefs = append(newRefs, ref)
		newKeys = append(newKeys, e.key)
	}
	if len(newRefs) > 0 {
		ids, err := tx.CreateActors(ctx, newRefs, false)
		if err != nil {
			return nil, err
		}
		stored, err := tx.ActorsByID(ctx, ids)
		if err != nil {
			return nil, err
		}
		for i, k := range newKeys {
			out[k] = &resolvedActor{actor: stored[ids[i]], matchedBy: model.MatchedByCreated}
		}
	}
	return out, nil
}

// pick chooses the stored actor that spellings forms of an actor of kind kind name, or nil.
func pick(forms []string, kind string, hits map[string][]store.ActorNameMatch) *resolvedActor {
	fits := []func(string) bool{
		func(k string) bool { return k == kind },
		func(k string) bool { return kind != "person" && k != "person" },
	}
	for _, fit := range fits {
		for _, f := range forms {
			var cands []store.ActorNameMatch
			for _, h := range hits[f] {
				if fit(h.Kind) {
					cands = append(cands, h)
				}
			}
			if len(cands) == 0 {
				continue
			}
			best := 0
			for i, c := range cands {
				if c.MainName && !cands[best].MainName {
					best = i
				}
			}
			c := cands[best]
			r := &resolvedActor{
				actor:     model.EventActor{ID: c.ID, Slug: c.Slug, Name: c.Name, Kind: c.Kind},
				matchedBy: model.MatchedByAlias,
				matched:   c.Matched,
			}
			if c.MainName {
				r.matchedBy = model.MatchedByName
			}
			for i, o := range cands {
				if i != best && o.ID != c.ID {
					r.ambiguous = append(r.ambiguous, o.ID)
				}
			}
			return r
		}
	}
	return nil
}
