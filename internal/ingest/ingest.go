// Package ingest stores what the extractor reads in an article. It runs internal/extract on
// the article's stored body (so every offset points into the stored text), matches each actor
// mention to a stored actor by its names and aliases (creating the actors no one has), and for
// each candidate event decides, by the merge rule of match.go, whether the article reports an
// event already stored (the article becomes one more source of it, its figures added beside
// the others, with a note saying why) or a new one (created with status extracted and the
// extractor's confidence). It records the extraction, candidate by candidate, with what was
// done and why. It writes through the store, in the caller's transaction.
//
//	POST /v1/articles {"url": …, "body": …, "extract": true}   -> Ensure
//	POST /v1/articles/{id}/extractions                         -> Run
package ingest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/newsevents/newsevents/internal/extract"
	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/store"
)

// Languages returns the languages events are extracted from (ISO 639-1 codes).
func Languages() []string { return []string{extract.French, extract.English} }

// maxTitle is the longest event title stored (the API's limit).
const maxTitle = 500

// Article stores article a, found by its URL (normalised) or created, and returns its latest
// extraction, extracting it first when it has none (Ensure): what POST /v1/articles does with
// "extract": true. A stored article without text takes a's body, and its other empty members.
// An article with no text, or in a language the extractor does not read, is an Unprocessable
// error naming /body or /language.
func Article(ctx context.Context, tx *store.Store, a model.ArticleInput) (id int64, created bool, x model.Extraction, err error) {
	m, err := tx.ResolveArticles(ctx, []model.ArticleInput{a}, false)
	if err != nil {
		return 0, false, x, err
	}
	if m[0].Problem != "" {
		return 0, false, x, model.Errorf(model.Unprocessable, "%s", m[0].Problem)
	}
	id, created = m[0].ID, m[0].Created
	if !created {
		if _, err := tx.FillArticle(ctx, id, a); err != nil {
			return 0, false, x, err
		}
	}
	text, err := tx.GetArticleText(ctx, id)
	if err != nil {
		return 0, false, x, err
	}
	var fe model.FieldErrors
	if strings.TrimSpace(text.Body) == "" {
		fe.Pointer("/body", "required to extract events: the text of the article")
	}
	if l := text.Language; l != nil && !slices.Contains(Languages(), *l) {
		fe.Pointer("/language", "events are extracted from text in %s, not %q", strings.Join(Languages(), " or "), *l)
	}
	if err := fe.Err(model.Unprocessable, "the article cannot be extracted"); err != nil {
		return 0, false, x, err
	}
	x, _, err = Ensure(ctx, tx, id)
	return id, created, x, err
}

// Ensure returns the latest extraction of article articleID, running one first (Run) when the
// article has none; created reports that it ran. Sending the same article twice therefore
// extracts it once.
func Ensure(ctx context.Context, tx *store.Store, articleID int64) (x model.Extraction, created bool, err error) {
	if err := tx.LockExtractions(ctx); err != nil {
		return x, false, err
	}
	x, err = tx.LatestExtraction(ctx, articleID)
	if err == nil {
		return x, false, nil
	}
	if model.ErrorCode(err) != model.NotFound {
		return x, false, err
	}
	x, err = Run(ctx, tx, articleID)
	return x, err == nil, err
}

// Run extracts the events of article articleID from its stored body and stores them, and
// records the extraction. Events the article is a source of already are left as they are (a
// curator may have corrected or retracted them), so running it again creates nothing twice.
// The article's language is used when it has one (and set to the detected one otherwise);
// relative dates resolve against its publication date (UTC).
//
// It returns a NotFound error when there is no such article, and an Unprocessable one when the
// article has no text or is in a language the extractor does not read.
func Run(ctx context.Context, tx *store.Store, articleID int64) (model.Extraction, error) {
	if err := tx.LockExtractions(ctx); err != nil {
		return model.Extraction{}, err
	}
	art, err := tx.GetArticleText(ctx, articleID)
	if err != nil {
		return model.Extraction{}, err
	}
	if strings.TrimSpace(art.Body) == "" {
		return model.Extraction{}, model.Errorf(model.Unprocessable, "article %d has no text to extract events from: post it with its body", articleID)
	}
	opts := extract.Options{Language: "auto"}
	if art.Language != nil {
		opts.Language = *art.Language
	}
	var published *model.Date
	if art.PublishedAt != nil {
		opts.Published = art.PublishedAt.UTC()
		d := model.DateOf(opts.Published)
		published = &d
	}
	res, err := extract.Extract(art.Body, opts)
	var le *extract.ErrLanguage
	if errors.As(err, &le) {
		return model.Extraction{}, model.Errorf(model.Unprocessable, "article %d is in language %q: events are extracted from French (fr) and English (en) text", articleID, le.Language)
	}
	if err != nil {
		return model.Extraction{}, fmt.Errorf("extract article %d: %w", articleID, err)
	}
	if art.Language == nil {
		if _, err := tx.FillArticle(ctx, articleID, model.ArticleInput{Language: &res.Language}); err != nil {
			return model.Extraction{}, err
		}
	}
	voc, err := tx.VocabularyCodes(ctx)
	if err != nil {
		return model.Extraction{}, err
	}
	actors, err := resolveActors(ctx, tx, res.Events)
	if err != nil {
		return model.Extraction{}, err
	}
	r := &run{tx: tx, articleID: articleID, body: []rune(art.Body), voc: voc, actors: actors}
	out := make([]model.ExtractedEvent, 0, len(res.Events))
	for _, ev := range res.Events {
		x, err := r.store(ctx, ev)
		if err != nil {
			return model.Extraction{}, err
		}
		out = append(out, x)
	}
	return tx.CreateExtraction(ctx, articleID, res.Language, published, out)
}

// run holds what storing the events of one article needs.
type run struct {
	tx        *store.Store
	articleID int64
	body      []rune
	voc       model.Vocabulary
	actors    map[actorKey]*resolvedActor
}

// store places one candidate: skipped, unchanged, merged into a stored event, or created.
func (r *run) store(ctx context.Context, ev extract.Event) (model.ExtractedEvent, error) {
	x := model.ExtractedEvent{Candidate: r.candidate(ev)}
	skip := func(format string, args ...any) (model.ExtractedEvent, error) {
		x.Action, x.Reason = model.ExtractSkipped, fmt.Sprintf(format, args...)
		return x, nil
	}
	if !r.voc.EventTypes[ev.Type] {
		return skip("the event type %q is not in the vocabulary", ev.Type)
	}
	rep, ok := reportDate(ev)
	if !ok {
		if ev.Date != nil && ev.Date.Text != "" {
			return skip("no date: %q cannot be placed in time without the article's publication date (published_at)", ev.Date.Text)
		}
		return skip("no date: the text gives none and the article has no publication date (published_at)")
	}
	var main *model.EventActor
	if a, ok := ev.MainActor(); ok {
		if ra := r.actors[keyOf(a)]; ra != nil {
			m := ra.actor
			m.Role = a.Role
			main = &m
		}
	}
	var mainID int64
	if main != nil {
		mainID = main.ID
	}
	cands, err := r.tx.MatchCandidates(ctx, ev.Type, r.articleID, mainID,
		rep.WindowStart.AddDays(-maxSlack), rep.WindowEnd.AddDays(maxSlack))
	if err != nil {
		return x, err
	}
	if c, m := r.match(ev, rep, main, cands); c != nil {
		x.Event, x.Match, x.Reason = &c.EventRef, m, note(m)
		if c.Sourced {
			x.Action = model.ExtractUnchanged
			x.Reason = fmt.Sprintf("unchanged: this article is a source of event %d already (%s); %s", c.ID, c.Status, x.Reason)
			return x, nil
		}
		x.Action = model.ExtractMerged
		if err := r.tx.AddSource(ctx, c.ID, model.NewSource{ArticleID: r.articleID, Evidence: r.evidence(ev), Note: x.Reason}); err != nil {
			return x, err
		}
		return x, r.addFigures(ctx, c.ID, ev, &x.Candidate)
	}
	id, err := r.create(ctx, ev, rep)
	if err != nil {
		return x, err
	}
	x.Action = model.ExtractCreated
	x.Event = &model.EventRef{ID: id}
	return x, r.addFigures(ctx, id, ev, &x.Candidate)
}

// reportDate is the date window of an extracted event; ok is false when its date is unresolved.
func reportDate(ev extract.Event) (model.DateWindow, bool) {
	if ev.Date == nil {
		return model.DateWindow{}, false
	}
	s, e, ok := ev.Date.Range()
	if !ok {
		return model.DateWindow{}, false
	}
	w := model.DateWindow{Start: model.DateOf(s), End: model.DateOf(e), Precision: ev.Date.Precision, Text: ev.Date.Text}
	w.Undated = w.Text == ""
	return reportWindow(w), true
}

// match finds the stored event a candidate reports, and why; nil when there is none.
func (r *run) match(ev extract.Event, rep model.DateWindow, main *model.EventActor, cands []store.MatchCandidate) (*store.MatchCandidate, *model.EventMatch) {
	// An event this article is a source of already, quoting the same passage.
	for i := range cands {
		c := &cands[i]
		if c.Sourced && c.Evidence != nil && c.Evidence.Start == ev.Evidence.Start && c.Evidence.End == ev.Evidence.End &&
			c.Evidence.Text == ev.Evidence.Text {
			sw := storedWindow(c.EventRef, c.DatePrecision, c.DateText)
			return c, &model.EventMatch{EventID: c.ID, Rule: RuleSameEvidence, Type: ev.Type, MainActor: main, Report: &rep, Event: &sw}
		}
	}
	if main == nil {
		return nil, nil
	}
	// Then by the merge rule, events of this article first; the nearest in time, then the oldest.
	var (
		best  *store.MatchCandidate
		bestM *model.EventMatch
		bestG int
	)
	for pass := 0; pass < 2 && best == nil; pass++ {
		for i := range cands {
			c := &cands[i]
			if c.Sourced != (pass == 0) {
				continue
			}
			if !c.Sourced && (c.Status == "retracted" || c.MergedInto != nil) {
				continue
			}
			cm, ok := mainActorOf(c.Type, c.Actors)
			if !ok || cm.ID != main.ID {
				continue
			}
			sw := storedWindow(c.EventRef, c.DatePrecision, c.DateText)
			ov, ok := overlap(rep, sw)
			if !ok {
				continue
			}
			g := gap(rep, sw)
			if best == nil || g < bestG {
				mainCopy := *main
				best, bestG = c, g
				bestM = &model.EventMatch{EventID: c.ID, Rule: RuleSameEvent, Type: ev.Type, MainActor: &mainCopy, Report: &rep, Event: &sw, Overlap: &ov}
			}
		}
	}
	return best, bestM
}

// create stores a candidate as a new event with status extracted, its actors (the main one
// first) and the article as its source; figures are added by addFigures.
func (r *run) create(ctx context.Context, ev extract.Event, rep model.DateWindow) (int64, error) {
	conf := ev.Confidence
	ne := model.NewEvent{
		Type: ev.Type, Title: title(ev), DateStart: rep.Start, DateEnd: rep.End,
		DatePrecision: rep.Precision, DateText: rep.Text, Status: "extracted", Confidence: &conf,
		Sources: []model.NewSource{{ArticleID: r.articleID, Evidence: r.evidence(ev)}},
	}
	if !slices.Contains(model.DatePrecisions, ne.DatePrecision) {
		ne.DatePrecision = "day"
	}
	actors := ev.Actors
	if main, ok := ev.MainActor(); ok {
		i := slices.IndexFunc(actors, func(a extract.Actor) bool { return a.Name == main.Name && a.Role == main.Role })
		if i > 0 {
			rest := slices.Delete(slices.Clone(actors), i, i+1)
			actors = append([]extract.Actor{main}, rest...)
		}
	}
	seen := map[[2]any]bool{}
	for _, a := range actors {
		ra := r.actors[keyOf(a)]
		if ra == nil || !r.voc.Roles[a.Role] || seen[[2]any{ra.actor.ID, a.Role}] {
			continue
		}
		seen[[2]any{ra.actor.ID, a.Role}] = true
		ne.Actors = append(ne.Actors, model.NewEventActor{ActorID: ra.actor.ID, Role: a.Role})
	}
	return r.tx.CreateEvent(ctx, ne)
}

// title is the event title: the extractor's, or the type and main actor when it gives none.
func title(ev extract.Event) string {
	t := strings.TrimSpace(ev.Title)
	if t == "" {
		t = strings.ReplaceAll(ev.Type, "_", " ")
		if a, ok := ev.MainActor(); ok {
			t += ": " + a.Name
		}
	}
	if utf8.RuneCountInString(t) > maxTitle {
		t = string([]rune(t)[:maxTitle-1]) + "…"
	}
	return t
}

// evidence is the candidate's evidence as a source quote; nil unless it is the stored body's
// text at its offsets (the extractor promises so: a source never points at the wrong text).
func (r *run) evidence(ev extract.Event) *model.Span {
	sp := &model.Span{Text: ev.Evidence.Text, Start: ev.Evidence.Start, End: ev.Evidence.End}
	if sp.Text == "" || !r.quotes(sp.Text, sp.Start, sp.End) {
		return nil
	}
	return sp
}

// quotes reports whether text is the body's code points [start, end).
func (r *run) quotes(text string, start, end int) bool {
	return start >= 0 && start <= end && end <= len(r.body) && string(r.body[start:end]) == text
}

// addFigures stores the candidate's figures on event id, with the article as their source,
// and notes in c the id of each figure stored, or why it was not.
func (r *run) addFigures(ctx context.Context, eventID int64, ev extract.Event, c *model.Candidate) error {
	for i, f := range ev.Figures {
		in, problem := r.figure(f)
		if problem != "" {
			c.Figures[i].Skipped = problem
			continue
		}
		id, err := r.tx.CreateFigure(ctx, eventID, in)
		if err != nil {
			return err
		}
		c.Figures[i].FigureID = &id
	}
	return nil
}

// figure turns an extracted figure into a figure to store, or says why it cannot be stored.
func (r *run) figure(f extract.Figure) (model.FigureInput, string) {
	kind, ok := r.voc.Metrics[f.Metric]
	if !ok {
		return model.FigureInput{}, fmt.Sprintf("the metric %q is not in the vocabulary", f.Metric)
	}
	unitKind, ok := r.voc.Units[f.Unit]
	switch {
	case !ok:
		return model.FigureInput{}, fmt.Sprintf("the unit %q is not in the vocabulary", f.Unit)
	case unitKind != kind:
		return model.FigureInput{}, fmt.Sprintf("%s is a %s unit, but %s is measured in %s units", f.Unit, unitKind, f.Metric, kind)
	}
	if !slices.Contains(model.Qualifiers, f.Qualifier) {
		return model.FigureInput{}, fmt.Sprintf("the qualifier %q is unknown", f.Qualifier)
	}
	v, err := f.Value.Float64()
	if err != nil {
		return model.FigureInput{}, fmt.Sprintf("the value %q is not a number", f.Value)
	}
	if v < 0 || (kind == "ratio" && v > 1) {
		return model.FigureInput{}, fmt.Sprintf("the value %s is out of range for %s", f.Value, f.Metric)
	}
	in := model.FigureInput{Metric: f.Metric, Value: v, Unit: f.Unit, Qualifier: f.Qualifier, Derived: f.Derived, Text: f.Text}
	if f.Low != "" && f.High != "" {
		lo, err1 := f.Low.Float64()
		hi, err2 := f.High.Float64()
		if err1 != nil || err2 != nil || lo > hi {
			return model.FigureInput{}, fmt.Sprintf("the range %s..%s is not one", f.Low, f.High)
		}
		in.Low, in.High = &lo, &hi
	}
	if in.Qualifier == "range" && in.Low == nil {
		return model.FigureInput{}, "a range without its bounds"
	}
	aid := r.articleID
	in.Article = &model.ArticleInput{ID: &aid}
	if r.quotes(f.Text, f.Start, f.End) {
		s, e := f.Start, f.End
		in.Start, in.End = &s, &e
	}
	return in, ""
}

// candidate is the extractor's event as recorded, each actor with its stored actor.
func (r *run) candidate(ev extract.Event) model.Candidate {
	c := model.Candidate{
		Type: ev.Type, Title: ev.Title, Confidence: ev.Confidence,
		Evidence: model.Span{Text: ev.Evidence.Text, Start: ev.Evidence.Start, End: ev.Evidence.End},
		Actors:   []model.CandidateActor{}, Figures: []model.CandidateFigure{},
	}
	for _, a := range ev.Actors {
		ca := model.CandidateActor{Name: a.Name, Kind: a.Kind, Role: a.Role}
		if ra := r.actors[keyOf(a)]; ra != nil {
			sa := ra.actor
			sa.Role = a.Role
			ca.Actor, ca.MatchedBy, ca.Matched, ca.Ambiguous = &sa, ra.matchedBy, ra.matched, ra.ambiguous
		}
		c.Actors = append(c.Actors, ca)
	}
	if d := ev.Date; d != nil {
		cd := &model.CandidateDate{Precision: d.Precision, Text: d.Text}
		if s, e, ok := d.Range(); ok {
			ds, de := model.DateOf(s), model.DateOf(e)
			cd.Start, cd.End = &ds, &de
		}
		c.Date = cd
	}
	for _, f := range ev.Figures {
		cf := model.CandidateFigure{Metric: f.Metric, Value: f.Value, Unit: f.Unit, Qualifier: f.Qualifier,
			Derived: f.Derived, Text: f.Text, Start: f.Start, End: f.End}
		if f.Low != "" {
			lo := f.Low
			cf.Low = &lo
		}
		if f.High != "" {
			hi := f.High
			cf.High = &hi
		}
		c.Figures = append(c.Figures, cf)
	}
	return c
}
