package gen

import (
	"iter"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/newsevents/newsevents/internal/model"
)

// built is the article of one event once written: the article row, the evidence sentence,
// the figures it states about its own event, and what it says of the next two events.
type built struct {
	article  model.CorpusArticle
	lead     span
	figures  []model.CorpusFigure // ids not yet assigned
	mentions [2]*mention
}

// mention is a sentence of an article about another event, with the figure it gives.
type mention struct {
	sentence span
	figures  []model.CorpusFigure
}

// Batches yields the events in batches of size (the last may be shorter), each with the
// articles its events introduce. Ids are given in order from the configured first ids.
func (c *Corpus) Batches(size int) iter.Seq[*model.CorpusBatch] {
	size = max(1, size)
	return func(yield func(*model.CorpusBatch) bool) {
		n := c.cfg.Events
		var (
			cores [4]*core // event i is in cores[i%4]
			arts  [3]*built
			figID = c.cfg.FirstFigureID
		)
		coreAt := func(i int) *core {
			if i >= n {
				return nil
			}
			if k := cores[i%4]; k == nil || k.index != i {
				cores[i%4] = c.event(i)
			}
			return cores[i%4]
		}
		b := &model.CorpusBatch{}
		for i := range n {
			e := coreAt(i)
			art := c.article(e, coreAt(i+1), coreAt(i+2))
			arts[i%3] = art
			var prev1, prev2 *built
			if i >= 1 {
				prev1 = arts[(i-1)%3]
			}
			if i >= 2 {
				prev2 = arts[(i-2)%3]
			}
			b.Articles = append(b.Articles, art.article)
			b.Events = append(b.Events, c.record(e, art, prev1, prev2, &figID))
			if len(b.Events) == size {
				if !yield(b) {
					return
				}
				b = &model.CorpusBatch{}
			}
		}
		if len(b.Events) > 0 {
			yield(b)
		}
	}
}

func (c *Corpus) eventID(i int) int64   { return c.cfg.FirstEventID + int64(i) }
func (c *Corpus) articleID(i int) int64 { return c.cfg.FirstArticleID + int64(i) }

// record assembles the rows of event e from its own article and the two before it, which
// may mention it.
func (c *Corpus) record(e *core, own, prev1, prev2 *built, figID *int64) model.CorpusEvent {
	t := e.spec.texts(e.lang)
	var title writer
	title.template(t.titles[e.title], c.fillExact(e, e.lang))
	ev := model.CorpusEvent{
		ID:            c.eventID(e.index),
		Type:          e.spec.code,
		Title:         title.String(),
		Summary:       own.lead.text,
		DateStart:     model.DateOf(e.start),
		DateEnd:       model.DateOf(e.end),
		DatePrecision: e.precision,
		DateText:      dateText(e.start, e.precision, e.lang),
		Status:        e.status,
		Confidence:    e.confidence,
	}
	ev.CreatedAt = e.published.Add(time.Duration(2+e.index%29) * time.Hour)
	if ev.CreatedAt.After(c.now) {
		ev.CreatedAt = c.now
	}
	ev.UpdatedAt = ev.CreatedAt
	if e.index%10 == 3 && ev.CreatedAt.Before(c.now.AddDate(0, 0, -30)) {
		ev.UpdatedAt = ev.CreatedAt.Add(time.Duration(1+e.index%29) * 24 * time.Hour)
	}
	if e.mergedInto > 0 {
		id := c.eventID(e.index - e.mergedInto)
		ev.MergedInto = &id
	}
	if e.linkTo > 0 {
		ev.Links = []model.CorpusLink{{Type: e.linkType, ToEventID: c.eventID(e.index - e.linkTo)}}
	}
	for p, a := range e.actors {
		ev.Actors = append(ev.Actors, model.CorpusEventActor{ActorID: c.cfg.FirstActorID + int64(a.index), Role: a.role, Position: int16(p)})
	}
	ev.Sources = []model.CorpusSource{{ArticleID: own.article.ID, Quote: own.lead.text, Start: int32(own.lead.start), End: int32(own.lead.end)}}
	ev.Figures = append(ev.Figures, own.figures...)
	for k, prev := range []*built{prev1, prev2} {
		if prev == nil || prev.mentions[k] == nil {
			continue
		}
		m := prev.mentions[k]
		ev.Sources = append(ev.Sources, model.CorpusSource{ArticleID: prev.article.ID, Quote: m.sentence.text,
			Start: int32(m.sentence.start), End: int32(m.sentence.end)})
		for _, f := range m.figures {
			if len(ev.Figures) < 4 {
				ev.Figures = append(ev.Figures, f)
			}
		}
	}
	for k := range ev.Figures {
		ev.Figures[k].ID = *figID
		*figID++
	}
	return ev
}

// qualified is a fact as one article states it.
type qualified struct {
	qualifier string
	value     float64
	low, high *float64
	text      string
}

// state words a fact with a qualifier drawn from r: mostly exact, sometimes approximate, a
// lower bound or a range. With approx, it is always approximate and the value is off by up
// to 10%, as when another report rounds differently.
func state(r *rand.Rand, f fact, lang string, approx bool) qualified {
	q := qualified{qualifier: "exact", value: f.value}
	x := r.Float64()
	if approx {
		x = 0.85
		if f.unit == "ratio" {
			q.value = math.Max(0.01, math.Round(f.value*(90+20*r.Float64()))/100)
		} else {
			q.value = math.Max(1, round2(f.value*(0.9+0.2*r.Float64())))
		}
	}
	words := func(en, fr string) string {
		if lang == "fr" {
			return fr
		}
		return en
	}
	switch {
	case x < 0.82:
		q.text = formatFact(f, q.value, lang)
	case x < 0.92:
		q.qualifier = "approximate"
		q.text = words("about ", "environ ") + formatFact(f, q.value, lang)
	case x < 0.97 || f.unit == "ratio" || q.value < 20:
		q.qualifier = "at_least"
		q.text = words("at least ", "au moins ") + formatFact(f, q.value, lang)
	default:
		lo, hi := round2(q.value*0.8), round2(q.value*1.2)
		q.qualifier, q.low, q.high, q.value = "range", &lo, &hi, (lo+hi)/2
		low := formatFact(f, lo, lang)
		if n := noun(f, lo, lang); n != "" {
			low = strings.TrimSuffix(low, " "+n)
		}
		q.text = words("between ", "entre ") + low + words(" and ", " et ") + formatFact(f, hi, lang)
	}
	return q
}

// noun returns the noun formatFact puts after a count ("" for money and ratios, which do not
// repeat it in a range).
func noun(f fact, v float64, lang string) string {
	if f.nounEN == "" || f.unit == "ratio" {
		return ""
	}
	full := formatCount(v, lang, f.nounEN, f.nounFR)
	return full[len(formatInt(int64(v), lang))+1:]
}

// names resolves the actor placeholders of e, with words standing in for absent actors.
func (c *Corpus) names(e *core, key, lang string) (string, bool) {
	for _, a := range e.actors {
		if a.key == key {
			return c.actorName(a.index), true
		}
	}
	fallback := map[string][2]string{
		"org2":    {"another company", "une autre entreprise"},
		"person":  {"its chief executive", "son directeur général"},
		"group":   {"a group of employees", "un collectif de salariés"},
		"product": {"a new service", "un nouveau service"},
	}[key]
	if fallback[0] == "" {
		return "", false
	}
	if lang == "fr" {
		return fallback[1], true
	}
	return fallback[0], true
}

func (e *core) fact(key string) (fact, bool) {
	for _, f := range e.facts {
		if f.key == key {
			return f, true
		}
	}
	return fact{}, false
}

// fillExact resolves placeholders with exact figures (for titles).
func (c *Corpus) fillExact(e *core, lang string) fill {
	return func(key string) (string, bool) {
		if f, ok := e.fact(key); ok {
			return formatFact(f, f.value, lang), false
		}
		return c.context(e, key, lang), false
	}
}

// context resolves the placeholders that are neither figures nor absent.
func (c *Corpus) context(e *core, key, lang string) string {
	if name, ok := c.names(e, key, lang); ok {
		return name
	}
	o := c.orgs[e.org]
	switch key {
	case "city":
		return o.city
	case "date":
		return dateText(e.start, e.precision, lang)
	case "weekday":
		if lang == "fr" {
			return weekdaysFR[e.published.Weekday()]
		}
		return e.published.Weekday().String()
	case "sector":
		if lang == "fr" {
			return sectorsFR[industries[o.sector].word]
		}
		return industries[o.sector].word
	}
	return key
}

// article writes the article of event e, mentioning next1 and next2 as e's draws say.
func (c *Corpus) article(e, next1, next2 *core) *built {
	r := c.rng(streamArticle, e.index)
	lang := e.lang
	t := e.spec.texts(lang)
	pubs := publishers[lang]
	pub := pubs[r.IntN(len(pubs))]
	out := &built{}
	id := c.articleID(e.index)

	var title writer
	title.template(t.titles[(e.title+1)%len(t.titles)], c.fillExact(e, lang))

	var w writer
	dash := " — "
	if lang == "fr" {
		dash = " – "
	}
	w.str(c.orgs[e.org].city + dash)
	stated := map[string]qualified{}
	own := func(key string) (string, bool) {
		f, ok := e.fact(key)
		if !ok {
			return c.context(e, key, lang), false
		}
		q, ok := stated[key]
		if !ok {
			q = state(r, f, lang, false)
			stated[key] = q
		}
		return q.text, true
	}
	addFigures := func(e *core, spans []span, st map[string]qualified) []model.CorpusFigure {
		var out []model.CorpusFigure
		for _, s := range spans {
			f, _ := e.fact(s.key)
			q := st[s.key]
			out = append(out, model.CorpusFigure{Metric: f.metric, Value: q.value, Unit: f.unit, Qualifier: q.qualifier,
				Low: q.low, High: q.high, ArticleID: id, Text: s.text, Start: int32(s.start), End: int32(s.end)})
		}
		return out
	}

	mark := w.mark()
	spans := w.template(t.leads[e.lead], own)
	out.lead = w.since(mark)
	if e.detail >= 0 {
		d := t.details[e.detail%len(t.details)]
		if hasNew(d, stated, e) {
			w.str(" ")
			spans = append(spans, w.template(d, own)...)
		}
	}
	out.figures = addFigures(e, spans, stated)

	w.str("\n\n")
	c.fillers(&w, r, e, lang, 2+r.IntN(2))

	for k, m := range []*core{next1, next2} {
		if m == nil || (k == 0 && !e.mention1) || (k == 1 && !e.mention2) {
			continue
		}
		mt := m.spec.texts(lang).mentions
		tpl := mt[m.mention%len(mt)]
		mst := map[string]qualified{}
		w.str("\n\n")
		mark := w.mark()
		spans := w.template(tpl, func(key string) (string, bool) {
			f, ok := m.fact(key)
			if !ok {
				return c.context(m, key, lang), false
			}
			q := state(r, f, lang, true)
			mst[key] = q
			return q.text, true
		})
		out.mentions[k] = &mention{
			sentence: w.since(mark),
			figures:  addFigures(m, spans, mst),
		}
		for f := range out.mentions[k].figures {
			out.mentions[k].figures[f].ArticleID = id
		}
	}

	w.str("\n\n")
	c.fillers(&w, r, e, lang, 1+r.IntN(2))

	published := e.published
	out.article = model.CorpusArticle{
		ID:          id,
		URL:         "https://" + pub.domain + "/" + published.Format("2006/01/02") + "/" + clip(slugify(title.String()), 60) + "-" + strconv.FormatInt(id, 10),
		Source:      pub.name,
		Title:       title.String(),
		Language:    lang,
		PublishedAt: published,
		Body:        w.String(),
		RetrievedAt: published.Add(time.Duration(1+r.IntN(48)) * time.Hour),
	}
	return out
}

// hasNew reports whether template d states a fact of e not stated yet.
func hasNew(d string, stated map[string]qualified, e *core) bool {
	for _, k := range keys(d) {
		if _, ok := e.fact(k); ok {
			if _, done := stated[k]; !done {
				return true
			}
		}
	}
	return false
}

// fillers writes n background sentences, different from one another.
func (c *Corpus) fillers(w *writer, r *rand.Rand, e *core, lang string, n int) {
	pool := fillers[lang]
	first := r.IntN(len(pool))
	step := 1 + r.IntN(max(1, len(pool)/n-1)) // k*step < len(pool): no sentence twice
	for k := range n {
		if k > 0 {
			w.str(" ")
		}
		w.template(pool[(first+k*step)%len(pool)], func(key string) (string, bool) {
			return c.context(e, key, lang), false
		})
	}
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	for len(s) > 0 && s[len(s)-1] == '-' {
		s = s[:len(s)-1]
	}
	return s
}
