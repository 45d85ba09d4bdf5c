// Package records writes newsevents records. It reads client documents strictly (every bad
// member reported by its JSON pointer), checks them against the vocabularies, resolves the
// actors and articles they name (creating the new ones) and stores them through the store, in
// the caller's transaction. The HTTP API and the importer both write through it.
package records

import (
	"context"
	"fmt"

	"github.com/newsevents/newsevents/internal/jsonin"
	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/store"
)

// Decoder reads documents of one mode against the vocabularies.
type Decoder struct{ d decoder }

// NewDecoder returns a Decoder for documents of mode, checked against voc.
func NewDecoder(voc model.Vocabulary, mode Mode) Decoder {
	return Decoder{decoder{voc: voc, mode: mode}}
}

// Event reads an event document from o.
func (d Decoder) Event(o *jsonin.Object) model.EventInput { return d.d.Event(o) }

// Actor reads an actor document from o.
func (d Decoder) Actor(o *jsonin.Object) model.NewActor { return d.d.Actor(o) }

// Article reads an article document from o.
func (d Decoder) Article(o *jsonin.Object) model.ArticleInput { return d.d.Article(o) }

// Figure reads a figure document from o, with the id of its event.
func (d Decoder) Figure(o *jsonin.Object) (int64, model.FigureInput) { return d.d.Figure(o) }

// Parse reads data as one JSON document and returns a Reader and the document as an Object:
// decode it with a Decoder, then check Reader.Err.
func Parse(data []byte) (*jsonin.Reader, *jsonin.Object, error) {
	v, err := jsonin.Parse(data)
	if err != nil {
		return nil, nil, err
	}
	r := &jsonin.Reader{}
	return r, r.Object("", v), nil
}

// Outcome is what Save did with one document.
type Outcome struct {
	ID     int64
	Action string
	// Err lists the document's problems (a *model.Error whose fields point into the document);
	// such a document is not stored.
	Err error
}

// Save resolves the actors and articles of docs, creating new ones, and stores the docs with
// store.SaveEvents. It returns an Outcome per document and the links and merged_into of the
// stored ones, for the caller to write with SetRelations once every event they name exists.
// A document with problems is reported in its Outcome and nothing of it is stored; an error
// means the transaction is unusable.
func Save(ctx context.Context, tx *store.Store, docs []model.EventInput, opts store.SaveOptions) ([]Outcome, []store.Relations, error) {
	out := make([]Outcome, len(docs))
	problems, err := resolve(ctx, tx, docs, opts.KeepIDs)
	if err != nil {
		return nil, nil, err
	}
	var (
		good []model.EventInput
		idx  []int
	)
	for i := range docs {
		if len(problems[i]) > 0 {
			out[i].Err = problems[i].Err(model.Unprocessable, "the document names records that do not exist or cannot be told apart")
			continue
		}
		good = append(good, docs[i])
		idx = append(idx, i)
	}
	results, err := tx.SaveEvents(ctx, good, opts)
	if err != nil {
		return nil, nil, err
	}
	var rels []store.Relations
	for k, res := range results {
		i := idx[k]
		out[i] = Outcome{ID: res.ID, Action: res.Action, Err: res.Err}
		if res.Err != nil {
			continue
		}
		d := docs[i]
		replace := opts.Mode == store.SaveReplace && res.Action != store.ActionCreated
		if d.MergedInto != nil || d.Links != nil || replace {
			rels = append(rels, store.Relations{EventID: res.ID, MergedInto: d.MergedInto, Links: d.Links, Replace: replace})
		}
	}
	return out, rels, nil
}

// actorSlot points at one actor reference of one document.
type actorSlot struct{ doc, j int }

// articleSlot points at one article of one document: a source (figure -1) or a figure's.
type articleSlot struct{ doc, source, figure int }

// resolve sets the ids of the actors and articles docs name, creating the new ones, and
// returns each document's problems. Nothing is created for a document with problems.
func resolve(ctx context.Context, tx *store.Store, docs []model.EventInput, keepIDs bool) ([]model.FieldErrors, error) {
	problems := make([]model.FieldErrors, len(docs))
	var (
		refs  []model.ActorRef
		slots []actorSlot
	)
	for i, d := range docs {
		for j, a := range d.Actors {
			refs = append(refs, a)
			slots = append(slots, actorSlot{i, j})
		}
	}
	matches, err := tx.LookupActors(ctx, refs)
	if err != nil {
		return nil, err
	}
	for k, m := range matches {
		if m.Problem == "" {
			continue
		}
		s := slots[k]
		ref := refs[k]
		member := "name"
		switch {
		case ref.Slug != "":
			member = "slug"
		case ref.ID != nil:
			member = "id"
		}
		problems[s.doc].Pointer(fmt.Sprintf("/actors/%d/%s", s.j, member), "%s", m.Problem)
	}

	var (
		arts  []model.ArticleInput
		aslot []articleSlot
	)
	for i, d := range docs {
		if len(problems[i]) > 0 {
			continue
		}
		for j, src := range d.Sources {
			arts = append(arts, src.Article)
			aslot = append(aslot, articleSlot{i, j, -1})
		}
		for j, f := range d.Figures {
			if f.Article != nil {
				arts = append(arts, *f.Article)
				aslot = append(aslot, articleSlot{i, -1, j})
			}
		}
	}
	amatches, err := tx.ResolveArticles(ctx, arts, keepIDs)
	if err != nil {
		return nil, err
	}
	for k, m := range amatches {
		s := aslot[k]
		d := &docs[s.doc]
		if m.Problem != "" {
			ptr := fmt.Sprintf("/sources/%d/article/id", s.source)
			if s.figure >= 0 {
				ptr = fmt.Sprintf("/figures/%d/article_id", s.figure)
			}
			problems[s.doc].Pointer(ptr, "%s", m.Problem)
			continue
		}
		id := m.ID
		if s.figure >= 0 {
			d.Figures[s.figure].Article.ID = &id
		} else {
			d.Sources[s.source].Article.ID = &id
		}
	}

	var (
		newRefs  []model.ActorRef
		newSlots []actorSlot
	)
	for k, m := range matches {
		s := slots[k]
		if len(problems[s.doc]) > 0 {
			continue
		}
		if m.New {
			newRefs = append(newRefs, refs[k])
			newSlots = append(newSlots, s)
			continue
		}
		id := m.ID
		docs[s.doc].Actors[s.j].ID = &id
	}
	ids, err := tx.CreateActors(ctx, newRefs, keepIDs)
	if err != nil {
		return nil, err
	}
	for k, s := range newSlots {
		id := ids[k]
		docs[s.doc].Actors[s.j].ID = &id
	}
	return problems, nil
}
