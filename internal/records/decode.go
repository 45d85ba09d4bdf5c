package records

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/newsevents/newsevents/internal/jsonin"
	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/urlnorm"
)

// Mode says where a document comes from, which decides the members it may carry.
type Mode int

const (
	// Create is a new record sent by a client: members the server sets (id, created_at,
	// updated_at, computed fields) are refused.
	Create Mode = iota
	// Import is a record read from a file, in the shape the API returns: ids and timestamps
	// are kept, computed members ignored.
	Import
	// Patch is a stored record with a merge patch applied: ids name the stored parts,
	// timestamps and computed members are ignored.
	Patch
)

// Limits on text members, generous for real reports and small enough to stop abuse.
const (
	maxTitle = 500
	maxText  = 100_000
	maxName  = 300
	maxBody  = 2_000_000
)

var (
	slugPattern     = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	qidPattern      = regexp.MustCompile(`^Q[1-9][0-9]*$`)
	countryPattern  = regexp.MustCompile(`^[A-Z]{2}$`)
	languagePattern = regexp.MustCompile(`^[a-z]{2}$`)
	externalPattern = regexp.MustCompile(`^\S(.{0,198}\S)?$`)
)

// decoder reads documents against the vocabularies.
type decoder struct {
	voc  model.Vocabulary
	mode Mode
}

// serverSet is the detail for members a client cannot write.
const serverSet = "read-only: set by the server"

// text reads a string member with a length limit.
func text(o *jsonin.Object, name string, limit int) string {
	s := o.String(name)
	if n := utf8.RuneCountInString(s); n > limit {
		o.Unprocessable(name, "too long: %d characters, at most %d", n, limit)
	}
	return s
}

// oneOf checks that member name's value v is in allowed.
func oneOf(o *jsonin.Object, name, v string, allowed []string) {
	if v != "" && !slices.Contains(allowed, v) {
		o.Unprocessable(name, "%q is not one of %s", v, strings.Join(allowed, ", "))
	}
}

// Event reads an event document.
func (d decoder) Event(o *jsonin.Object) model.EventInput {
	var e model.EventInput
	switch d.mode {
	case Create:
		o.Forbid(serverSet, "id", "created_at", "updated_at")
	case Import:
		e.ID = o.ID("id")
		e.CreatedAt = o.Time("created_at")
		e.UpdatedAt = o.Time("updated_at")
	case Patch:
		e.ID = o.ID("id")
		o.Ignore("created_at", "updated_at")
	}
	o.Require("type", "title")
	e.Type = o.String("type")
	if e.Type != "" && !d.voc.EventTypes[e.Type] {
		o.Unprocessable("type", "%q is not an event type; known types: %s", e.Type, model.Codes(d.voc.EventTypes))
	}
	e.Title = text(o, "title", maxTitle)
	if o.IsString("title") && strings.TrimSpace(e.Title) == "" {
		o.Unprocessable("title", "must not be blank")
	}
	e.Summary = text(o, "summary", maxText)
	d.dates(o, &e)
	e.Status = o.String("status")
	oneOf(o, "status", e.Status, model.Statuses)
	if e.Confidence = o.Number("confidence"); e.Confidence != nil && (*e.Confidence < 0 || *e.Confidence > 1) {
		o.Unprocessable("confidence", "%g is out of range: a confidence is between 0 and 1", *e.Confidence)
	}
	e.MergedInto = o.ID("merged_into")
	if e.ExternalID = o.OptString("external_id"); e.ExternalID != nil && !externalPattern.MatchString(*e.ExternalID) {
		o.Unprocessable("external_id", "must be 1 to 200 characters, not starting or ending with a space")
	}

	o.Objects("actors", func(i int, a *jsonin.Object) { e.Actors = append(e.Actors, d.actorRef(a)) })
	o.Objects("sources", func(i int, s *jsonin.Object) { e.Sources = append(e.Sources, d.source(s)) })
	seen := map[string]int{}
	for i, s := range e.Sources {
		key := s.Article.URL
		if key == "" && s.Article.ID != nil {
			key = fmt.Sprint("id:", *s.Article.ID)
		}
		if j, ok := seen[key]; ok && key != "" {
			o.Reader().Unprocessable(jsonin.Pointer(o.Ptr("sources"), i), "the same article as /sources/%d: give each article once", j)
		}
		seen[key] = i
	}
	if ev := o.Object("evidence"); ev != nil {
		span := d.span(ev)
		switch {
		case len(e.Sources) != 1:
			o.Unprocessable("evidence", "evidence needs exactly one source article to quote from; give it in sources, or put the evidence in sources/0/evidence")
		case e.Sources[0].Evidence != nil:
			o.Unprocessable("evidence", "the source already has evidence (/sources/0/evidence)")
		default:
			e.Sources[0].Evidence = span
		}
	}
	o.Objects("figures", func(i int, f *jsonin.Object) {
		fig := d.figure(f)
		if fig.Article == nil && fig.Start != nil && len(e.Sources) == 1 {
			a := e.Sources[0].Article
			fig.Article = &model.ArticleInput{ID: a.ID, URL: a.URL}
		}
		if fig.Article == nil && fig.Start != nil {
			f.Unprocessable("start", "offsets point into an article: name it with article_url (or give the event exactly one source)")
		}
		e.Figures = append(e.Figures, fig)
	})
	if items, ok := o.Array("links"); ok {
		e.Links = make([]model.LinkInput, 0, len(items))
		o.Objects("links", func(i int, l *jsonin.Object) { e.Links = append(e.Links, d.link(l)) })
	}
	o.Done()
	return e
}

// dates reads date_start, date_end, date_precision and date_text, or the date object of the
// extraction output ({"start", "end", "precision", "text"}).
func (d decoder) dates(o *jsonin.Object, e *model.EventInput) {
	var start, end *model.Date
	if dt := o.Object("date"); dt != nil {
		if o.Present("date_start") || o.Present("date_end") || o.Present("date_precision") || o.Present("date_text") {
			o.Invalid("date", "give either the date object or date_start, date_end, date_precision and date_text, not both")
		}
		dt.Require("start")
		start, end = dt.Date("start"), dt.Date("end")
		e.DatePrecision = dt.String("precision")
		oneOf(dt, "precision", e.DatePrecision, model.DatePrecisions)
		e.DateText = text(dt, "text", maxName)
		dt.Done()
		if start != nil && end != nil && end.Before(*start) {
			dt.Unprocessable("end", "%s is before start (%s)", end, start)
		}
	} else {
		o.Require("date_start")
		start, end = o.Date("date_start"), o.Date("date_end")
		e.DatePrecision = o.String("date_precision")
		oneOf(o, "date_precision", e.DatePrecision, model.DatePrecisions)
		e.DateText = text(o, "date_text", maxName)
		if start != nil && end != nil && end.Before(*start) {
			o.Unprocessable("date_end", "%s is before date_start (%s)", end, start)
		}
	}
	if e.DatePrecision == "" {
		e.DatePrecision = "day"
	}
	if start != nil {
		e.DateStart, e.DateEnd = *start, *start
	}
	if end != nil {
		e.DateEnd = *end
	}
}

// actorRef reads an actor taking part in an event.
func (d decoder) actorRef(o *jsonin.Object) model.ActorRef {
	var a model.ActorRef
	a.ID = o.ID("id")
	a.Slug = o.String("slug")
	if a.Slug != "" && !slugPattern.MatchString(a.Slug) {
		o.Unprocessable("slug", "%q is not a slug: lower-case letters and digits separated by single hyphens", a.Slug)
	}
	a.Name = text(o, "name", maxName)
	if o.IsString("name") && strings.TrimSpace(a.Name) == "" {
		o.Unprocessable("name", "must not be blank")
	}
	a.Name = strings.TrimSpace(a.Name)
	if !o.Present("id") && !o.Present("slug") && !o.Present("name") {
		o.Invalid("name", "required: name the actor by id, slug or name")
	}
	a.Kind = o.String("kind")
	oneOf(o, "kind", a.Kind, model.ActorKinds)
	o.Require("role")
	a.Role = o.String("role")
	if a.Role != "" && !d.voc.Roles[a.Role] {
		o.Unprocessable("role", "%q is not a role; known roles: %s", a.Role, model.Codes(d.voc.Roles))
	}
	d.actorDetails(o, &a.Aliases, &a.WikidataQID, &a.Country, &a.Description)
	o.Done()
	return a
}

// actorDetails reads the members describing an actor beyond its name.
func (d decoder) actorDetails(o *jsonin.Object, aliases *[]string, qid, country **string, description *string) {
	*aliases = o.Strings("aliases")
	for i, al := range *aliases {
		if strings.TrimSpace(al) == "" || utf8.RuneCountInString(al) > maxName {
			o.Reader().Unprocessable(jsonin.Pointer(o.Ptr("aliases"), i), "an alias is 1 to %d characters", maxName)
		}
	}
	if *qid = o.OptString("wikidata_qid"); *qid != nil && !qidPattern.MatchString(**qid) {
		o.Unprocessable("wikidata_qid", "%q is not a Wikidata id such as Q918", **qid)
	}
	if *country = o.OptString("country"); *country != nil && !countryPattern.MatchString(**country) {
		o.Unprocessable("country", "%q is not an ISO 3166-1 alpha-2 code such as US or FR", **country)
	}
	*description = text(o, "description", maxText)
}

// article reads an article named by id or URL, with what describes it.
func (d decoder) article(o *jsonin.Object) model.ArticleInput {
	var a model.ArticleInput
	a.ID = o.ID("id")
	if raw := o.String("url"); raw != "" {
		u, err := urlnorm.Normalize(raw)
		if err != nil {
			o.Unprocessable("url", "%v", err)
		}
		a.URL = u
	}
	if !o.Present("id") && !o.Present("url") {
		o.Invalid("url", "required: the article's url (or, for a stored article, its id)")
	}
	a.Source = text(o, "source", maxName)
	a.Title = text(o, "title", maxTitle)
	if a.Language = o.OptString("language"); a.Language != nil && !languagePattern.MatchString(*a.Language) {
		o.Unprocessable("language", "%q is not an ISO 639-1 code such as fr or en", *a.Language)
	}
	a.PublishedAt = o.Time("published_at")
	a.Body = text(o, "body", maxBody)
	a.RetrievedAt = o.Time("retrieved_at")
	if d.mode != Create {
		o.Ignore("created_at", "updated_at")
	}
	return a
}

// Article reads the body of POST /v1/articles.
func (d decoder) Article(o *jsonin.Object) model.ArticleInput {
	o.Forbid(serverSet, "id", "created_at", "updated_at")
	a := d.article(o)
	o.Done()
	return a
}

// source reads an article reported as a source of an event.
func (d decoder) source(o *jsonin.Object) model.SourceInput {
	var s model.SourceInput
	o.Require("article")
	if a := o.Object("article"); a != nil {
		s.Article = d.article(a)
		a.Done()
	}
	if ev := o.Object("evidence"); ev != nil {
		s.Evidence = d.span(ev)
	}
	s.Note = text(o, "note", maxText)
	o.Done()
	return s
}

// span reads a quote with its code-point offsets.
func (d decoder) span(o *jsonin.Object) *model.Span {
	sp := &model.Span{Text: text(o, "text", maxText)}
	start, end := o.Int("start"), o.Int("end")
	if (start == nil) != (end == nil) {
		o.Invalid("end", "give both start and end, or neither")
	}
	if start != nil && end != nil {
		d.offsets(o, *start, *end)
		sp.Start, sp.End = int(*start), int(*end)
	}
	o.Done()
	return sp
}

func (d decoder) offsets(o *jsonin.Object, start, end int64) {
	if start < 0 {
		o.Unprocessable("start", "%d is out of range: offsets count code points from 0", start)
	}
	if end < start {
		o.Unprocessable("end", "%d is before start (%d)", end, start)
	}
	if end > maxBody {
		o.Unprocessable("end", "%d is out of range: at most %d", end, maxBody)
	}
}

// figure reads a figure of an event.
func (d decoder) figure(o *jsonin.Object) model.FigureInput {
	var f model.FigureInput
	switch d.mode {
	case Create:
		o.Forbid(serverSet, "id", "event_id", "canonical", "created_at", "updated_at")
	case Import:
		f.ID = o.ID("id")
		f.CreatedAt, f.UpdatedAt = o.Time("created_at"), o.Time("updated_at")
		o.Ignore("event_id", "canonical")
	case Patch:
		f.ID = o.ID("id")
		o.Ignore("event_id", "canonical", "created_at", "updated_at")
	}
	d.figureBody(o, &f)
	o.Done()
	return f
}

// figureBody reads the members of a figure that say what it is.
func (d decoder) figureBody(o *jsonin.Object, f *model.FigureInput) {
	o.Require("metric", "value", "unit")
	f.Metric = o.String("metric")
	wantKind, known := d.voc.Metrics[f.Metric]
	if f.Metric != "" && !known {
		o.Unprocessable("metric", "%q is not a metric; known metrics: %s", f.Metric, model.Codes(d.voc.Metrics))
	}
	if v := o.Number("value"); v != nil {
		f.Value = *v
	}
	f.Unit = o.String("unit")
	kind, unitKnown := d.voc.Units[f.Unit]
	switch {
	case f.Unit != "" && !unitKnown:
		o.Unprocessable("unit", "%q is not a unit; known units: %s", f.Unit, model.Codes(d.voc.Units))
	case known && unitKnown && kind != wantKind:
		o.Unprocessable("unit", "%s is a %s unit, but %s is measured in %s units", f.Unit, kind, f.Metric, wantKind)
	}
	f.Qualifier = o.String("qualifier")
	oneOf(o, "qualifier", f.Qualifier, model.Qualifiers)
	f.Low, f.High = o.Number("low"), o.Number("high")
	if f.Qualifier == "range" && (f.Low == nil || f.High == nil) {
		o.Unprocessable("qualifier", "a range needs low and high")
	}
	if f.Low != nil && f.High != nil && *f.Low > *f.High {
		o.Unprocessable("low", "%g is above high (%g)", *f.Low, *f.High)
	}
	if o.Has("value") {
		switch kind {
		case "count", "duration":
			if f.Value < 0 {
				o.Unprocessable("value", "%g is out of range: a %s cannot be negative", f.Value, kind)
			}
		case "ratio":
			if f.Value < 0 || f.Value > 1 {
				o.Unprocessable("value", "%g is out of range: a ratio is between 0 and 1 (write 15%% as 0.15)", f.Value)
			}
		}
	}
	f.Derived = text(o, "derived", maxName)
	f.Text = text(o, "text", maxText)
	start, end := o.Int("start"), o.Int("end")
	if (start == nil) != (end == nil) {
		o.Invalid("end", "give both start and end, or neither")
	}
	if start != nil && end != nil {
		d.offsets(o, *start, *end)
		s, e := int(*start), int(*end)
		f.Start, f.End = &s, &e
	}
	id := o.ID("article_id")
	var url string
	if raw := o.String("article_url"); raw != "" {
		u, err := urlnorm.Normalize(raw)
		if err != nil {
			o.Unprocessable("article_url", "%v", err)
		}
		url = u
	}
	if id != nil || url != "" {
		f.Article = &model.ArticleInput{ID: id, URL: url}
	}
}

// link reads a link to another event: {"type", "direction", "event": {"id"}} as GET returns it,
// or {"type", "event_id"}.
func (d decoder) link(o *jsonin.Object) model.LinkInput {
	l := model.LinkInput{Outgoing: true}
	o.Require("type")
	l.Type = o.String("type")
	oneOf(o, "type", l.Type, model.LinkTypes)
	switch dir := o.String("direction"); dir {
	case "", "outgoing":
	case "incoming":
		l.Outgoing = false
	default:
		o.Unprocessable("direction", "%q is not outgoing or incoming", dir)
	}
	if ev := o.Object("event"); ev != nil {
		ev.Require("id")
		if id := ev.ID("id"); id != nil {
			l.EventID = *id
		}
		ev.Ignore("type", "title", "date_start", "date_end", "status")
		ev.Done()
	} else if id := o.ID("event_id"); id != nil {
		l.EventID = *id
	} else {
		o.Invalid("event", "required: the linked event, as {\"id\": …}")
	}
	o.Done()
	return l
}

// Actor reads the body of POST /v1/actors, or an actor after a merge patch.
func (d decoder) Actor(o *jsonin.Object) model.NewActor {
	var a model.NewActor
	if d.mode == Create {
		o.Forbid(serverSet, "id", "created_at", "updated_at")
	} else {
		o.Ignore("id", "event_count", "created_at", "updated_at")
	}
	o.Require("name", "kind")
	a.Name = strings.TrimSpace(text(o, "name", maxName))
	if o.IsString("name") && a.Name == "" {
		o.Unprocessable("name", "must not be blank")
	}
	a.Kind = o.String("kind")
	oneOf(o, "kind", a.Kind, model.ActorKinds)
	a.Slug = o.String("slug")
	if a.Slug != "" && !slugPattern.MatchString(a.Slug) {
		o.Unprocessable("slug", "%q is not a slug: lower-case letters and digits separated by single hyphens", a.Slug)
	}
	d.actorDetails(o, &a.Aliases, &a.WikidataQID, &a.Country, &a.Description)
	o.Done()
	return a
}

// Figure reads the body of POST /v1/figures ({"event_id", …}) or a figure after a merge
// patch, returning the event it belongs to.
func (d decoder) Figure(o *jsonin.Object) (int64, model.FigureInput) {
	var f model.FigureInput
	if d.mode == Create {
		o.Forbid(serverSet, "id", "canonical", "created_at", "updated_at")
	} else {
		o.Ignore("id", "canonical", "created_at", "updated_at")
	}
	o.Require("event_id")
	var eventID int64
	if id := o.ID("event_id"); id != nil {
		eventID = *id
	}
	d.figureBody(o, &f)
	o.Done()
	return eventID, f
}
