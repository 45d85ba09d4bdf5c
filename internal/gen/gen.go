// Package gen makes a synthetic corpus of news records for load tests and benchmarks: actors
// with aliases; events over twenty years with skewed type and actor distributions (layoffs
// dominate, a few organisations are in many events), two to four figures and one to three
// sources each; articles in English and French whose bodies contain every quoted figure and
// evidence at its code-point offsets.
//
// It is pure: no I/O, no clock. The same Config gives the same records, byte for byte, and
// records are made one batch at a time, so a million events never sit in memory at once.
//
//	c, _ := gen.New(gen.Config{Events: 1_000_000, Seed: 1})
//	actors := c.Actors()
//	for b := range c.Batches(5000) { ... }
package gen

import (
	"errors"
	"math"
	"math/rand/v2"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/newsevents/newsevents/internal/model"
)

// Config says what to generate. Zero values take the documented defaults.
type Config struct {
	// Events is the number of events (at least 1).
	Events int
	// Seed selects the corpus: the same seed gives the same records.
	Seed uint64
	// Actors is the number of actors; Events/20 (at least 50) when zero.
	Actors int
	// Last is the last day events may happen on; they spread over the 20 years up to it.
	// 2024-12-31 when zero.
	Last model.Date
	// FirstActorID, FirstEventID, FirstArticleID and FirstFigureID are the ids the records
	// start from (1 when zero), so a corpus can be added to a database holding records.
	FirstActorID, FirstEventID, FirstArticleID, FirstFigureID int64
}

// Years is how many years the events span.
const Years = 20

// Corpus generates the records of one Config.
type Corpus struct {
	cfg    Config
	first  time.Time // first day events may happen on
	days   int       // days from first to Last, inclusive
	now    time.Time // the corpus' "now": nothing is created after it
	nOrg   int
	nPer   int
	nGrp   int
	nProd  int
	orgs   []orgInfo
	typeCW []float64 // cumulative type weights
}

// orgInfo is what events need to know of an organisation.
type orgInfo struct {
	name    string
	stem    string
	city    string
	country int
	sector  int
}

// New checks cfg and prepares the corpus.
func New(cfg Config) (*Corpus, error) {
	if cfg.Events < 1 {
		return nil, errors.New("gen: the number of events must be at least 1")
	}
	if cfg.Actors == 0 {
		cfg.Actors = max(50, cfg.Events/20)
	}
	if cfg.Actors < 10 {
		return nil, errors.New("gen: the number of actors must be at least 10")
	}
	if cfg.Last.IsZero() {
		cfg.Last = model.NewDate(2024, time.December, 31)
	}
	for _, p := range []*int64{&cfg.FirstActorID, &cfg.FirstEventID, &cfg.FirstArticleID, &cfg.FirstFigureID} {
		if *p <= 0 {
			*p = 1
		}
	}
	last := cfg.Last.Time()
	c := &Corpus{cfg: cfg, first: last.AddDate(-Years, 0, 1), now: last.AddDate(0, 0, 1)}
	c.days = int(last.Sub(c.first).Hours()/24) + 1
	c.nOrg = cfg.Actors * 60 / 100
	c.nPer = cfg.Actors * 28 / 100
	c.nGrp = cfg.Actors * 6 / 100
	c.nProd = cfg.Actors - c.nOrg - c.nPer - c.nGrp
	c.orgs = make([]orgInfo, c.nOrg)
	for i := range c.orgs {
		c.orgs[i] = c.makeOrg(i)
	}
	sum := 0.0
	for _, t := range types {
		sum += t.weight
		c.typeCW = append(c.typeCW, sum)
	}
	return c, nil
}

// Config returns the configuration with its defaults filled in.
func (c *Corpus) Config() Config { return c.cfg }

// Streams of the random number generator: each record draws from its own, so records can be
// made in any order and still come out the same.
const (
	streamActor uint64 = iota + 1
	streamEvent
	streamArticle
)

func (c *Corpus) rng(stream uint64, i int) *rand.Rand {
	return rand.New(rand.NewPCG(c.cfg.Seed, stream<<48^uint64(i)))
}

// pick returns an index drawn with the cumulative weights cw.
func pick(r *rand.Rand, cw []float64) int {
	x := r.Float64() * cw[len(cw)-1]
	for i, w := range cw {
		if x < w {
			return i
		}
	}
	return len(cw) - 1
}

var countryCW = func() []float64 {
	var cw []float64
	sum := 0.0
	for _, c := range countries {
		sum += c.weight
		cw = append(cw, sum)
	}
	return cw
}()

func (c *Corpus) makeOrg(i int) orgInfo {
	r := c.rng(streamActor, i)
	o := orgInfo{country: pick(r, countryCW), sector: r.IntN(len(industries))}
	o.stem = stemHeads[r.IntN(len(stemHeads))] + stemTails[r.IntN(len(stemTails))]
	cities := countries[o.country].cities
	o.city = cities[r.IntN(len(cities))]
	ind := industries[o.sector]
	if countries[o.country].code == "FR" && r.IntN(2) == 0 {
		o.name = ind.fr + " " + o.stem
	} else {
		o.name = o.stem + " " + ind.en
	}
	return o
}

// Actors returns every actor: organisations, then people, groups and products.
func (c *Corpus) Actors() []model.CorpusActor {
	out := make([]model.CorpusActor, 0, c.cfg.Actors)
	for i := range c.cfg.Actors {
		out = append(out, c.actor(i))
	}
	return out
}

// actorName returns the name of actor i (an index, not an id).
func (c *Corpus) actorName(i int) string {
	switch {
	case i < c.nOrg:
		return c.orgs[i].name
	case i < c.nOrg+c.nPer:
		r := c.rng(streamActor, i)
		return firstNames[r.IntN(len(firstNames))] + " " + lastNames[r.IntN(len(lastNames))]
	case i < c.nOrg+c.nPer+c.nGrp:
		o := c.orgs[(i-c.nOrg-c.nPer)%c.nOrg]
		r := c.rng(streamActor, i)
		return sprintf(groupForms[r.IntN(len(groupForms))].en, o.stem)
	default:
		o := c.orgs[(i-c.nOrg-c.nPer-c.nGrp)%c.nOrg]
		r := c.rng(streamActor, i)
		return o.stem + " " + productWords[r.IntN(len(productWords))]
	}
}

func (c *Corpus) actor(i int) model.CorpusActor {
	id := c.cfg.FirstActorID + int64(i)
	a := model.CorpusActor{ID: id, Name: c.actorName(i), Aliases: []string{}}
	r := c.rng(streamActor, 1<<40|i)
	var country string
	switch {
	case i < c.nOrg:
		o := c.orgs[i]
		a.Kind = "organization"
		country = countries[o.country].code
		a.Description = capitalize(industries[o.sector].word) + " company based in " + o.city + "."
		if r.Float64() < 0.6 {
			a.Aliases = append(a.Aliases, o.stem)
		}
		if r.Float64() < 0.3 {
			a.Aliases = append(a.Aliases, o.name+" "+countries[o.country].suffix)
		}
		if r.Float64() < 0.2 {
			qid := "Q" + strconv.FormatInt(1_000_000+id*7, 10)
			a.WikidataQID = &qid
		}
	case i < c.nOrg+c.nPer:
		o := c.orgs[(i-c.nOrg)%c.nOrg]
		a.Kind = "person"
		country = countries[o.country].code
		a.Description = "Executive at " + o.name + "."
		first, last, _ := cut(a.Name)
		if r.Float64() < 0.5 {
			a.Aliases = append(a.Aliases, last)
		}
		if r.Float64() < 0.2 {
			initial, _ := utf8.DecodeRuneInString(first)
			a.Aliases = append(a.Aliases, string(initial)+". "+last)
		}
	case i < c.nOrg+c.nPer+c.nGrp:
		o := c.orgs[(i-c.nOrg-c.nPer)%c.nOrg]
		a.Kind = "group"
		country = countries[o.country].code
		a.Description = "Group of people tied to " + o.name + "."
		if r.Float64() < 0.5 {
			a.Aliases = append(a.Aliases, sprintf(groupForms[r.IntN(len(groupForms))].fr, o.stem))
		}
	default:
		o := c.orgs[(i-c.nOrg-c.nPer-c.nGrp)%c.nOrg]
		a.Kind = "product"
		a.Description = "Product of " + o.name + "."
	}
	if country != "" {
		a.Country = &country
	}
	// The id suffix keeps slugs unique when names repeat.
	a.Slug = slugify(a.Name) + "-" + strconv.FormatInt(id, 36)
	// Actors are recorded during the first year, before most of their events.
	a.CreatedAt = c.first.Add(time.Duration(r.IntN(365*24*3600)) * time.Second)
	return a
}

func cut(name string) (first, last string, ok bool) {
	for i := 0; i < len(name); i++ {
		if name[i] == ' ' {
			return name[:i], name[i+1:], true
		}
	}
	return name, name, false
}

// sprintf replaces the one %s of format with s (the group forms), without fmt's cost.
func sprintf(format, s string) string {
	for i := 0; i+1 < len(format); i++ {
		if format[i] == '%' && format[i+1] == 's' {
			return format[:i] + s + format[i+2:]
		}
	}
	return format
}

// core is what an event is, before it is written down: enough to tell it in any article.
type core struct {
	index     int
	spec      *typeSpec
	lang      string
	start     time.Time
	end       time.Time
	precision string
	org       int // main organisation (index)
	actors    []roleActor
	facts     []fact
	title     int // template indexes
	lead      int
	detail    int // -1: none
	mention   int
	// mention1 and mention2: the article of this event also reports the next event, and the
	// one after it.
	mention1, mention2 bool
	status             string
	confidence         float64
	published          time.Time
	// mergedInto and linkTo are how many events back the event this one was merged into or
	// links to lies (0: none); linkType is the type of that link.
	mergedInto, linkTo int
	linkType           string
}

type roleActor struct {
	key   string // the template placeholder: org, org2, person, group or product
	role  string
	index int // actor index
}

var precisions = []struct {
	name string
	w    float64
}{{"day", 55}, {"week", 12}, {"month", 20}, {"season", 3}, {"quarter", 5}, {"year", 5}}

var precisionCW = func() []float64 {
	var cw []float64
	sum := 0.0
	for _, p := range precisions {
		sum += p.w
		cw = append(cw, sum)
	}
	return cw
}()

// currencies by country code; amounts are drawn in dollars and converted at rough rates.
var currencies = map[string]struct {
	code string
	rate float64
}{
	"US": {"USD", 1}, "FR": {"EUR", 1}, "DE": {"EUR", 1}, "BE": {"EUR", 1}, "GB": {"GBP", 1},
	"JP": {"JPY", 150}, "CN": {"CNY", 7}, "IN": {"INR", 80}, "CH": {"CHF", 1}, "SE": {"SEK", 10},
	"CA": {"CAD", 1}, "BR": {"BRL", 5},
}

// bursts are the periods when layoffs surged (2008-2009, 2020, 2022-2023).
var bursts = [][2]time.Time{
	{time.Date(2008, 10, 1, 0, 0, 0, 0, time.UTC), time.Date(2009, 12, 31, 0, 0, 0, 0, time.UTC)},
	{time.Date(2020, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2020, 9, 30, 0, 0, 0, 0, time.UTC)},
	{time.Date(2022, 11, 1, 0, 0, 0, 0, time.UTC), time.Date(2023, 6, 30, 0, 0, 0, 0, time.UTC)},
}

// day draws the day an event happens: news grows over the years (three times as many events
// at the end as at the start), and layoffs come in bursts.
func (c *Corpus) day(r *rand.Rand, layoff bool) time.Time {
	if layoff && r.Float64() < 0.25 {
		b := bursts[r.IntN(len(bursts))]
		if !b[0].Before(c.first) && !b[1].After(c.now) {
			n := int(b[1].Sub(b[0]).Hours()/24) + 1
			return b[0].AddDate(0, 0, r.IntN(n))
		}
	}
	// Density 1+2t on [0,1): the inverse of its distribution function.
	t := (math.Sqrt(1+8*r.Float64()) - 1) / 2
	return c.first.AddDate(0, 0, min(c.days-1, int(t*float64(c.days))))
}

// event draws the core of event i.
func (c *Corpus) event(i int) *core {
	r := c.rng(streamEvent, i)
	e := &core{index: i}
	e.spec = &types[pick(r, c.typeCW)]
	e.lang = "en"
	if r.Float64() < 0.25 {
		e.lang = "fr"
	}
	d := c.day(r, e.spec.code == "layoff")
	e.precision = precisions[pick(r, precisionCW)].name
	e.start, e.end = d, d
	switch e.precision {
	case "week":
		e.end = d.AddDate(0, 0, 6)
	case "month":
		e.start = time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC)
		e.end = e.start.AddDate(0, 1, -1)
	case "season":
		e.end = d.AddDate(0, 0, 90)
	case "quarter":
		e.start = time.Date(d.Year(), d.Month()-(d.Month()-1)%3, 1, 0, 0, 0, 0, time.UTC)
		e.end = e.start.AddDate(0, 3, -1)
	case "year":
		e.start = time.Date(d.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
		e.end = time.Date(d.Year(), 12, 31, 0, 0, 0, 0, time.UTC)
	}
	if !e.end.Before(c.now) {
		e.end = c.now.AddDate(0, 0, -1)
	}

	// A few organisations are in many events: Zipf over a shuffled order of organisations.
	z := rand.NewZipf(r, 1.1, 5, uint64(c.nOrg-1))
	e.org = c.shuffle(int(z.Uint64()), c.nOrg)
	other := c.shuffle(int(z.Uint64()), c.nOrg)
	if other == e.org {
		other = (other + 1) % c.nOrg
	}
	for _, rs := range e.spec.roles {
		if r.Float64() >= rs.p {
			continue
		}
		ra := roleActor{key: rs.kind, role: rs.role}
		switch rs.kind {
		case "organization":
			ra.key, ra.index = "org", e.org
		case "org2":
			ra.index = other
		case "person":
			ra.index = c.nOrg + e.org%c.nPer
		case "group":
			ra.index = c.nOrg + c.nPer + e.org%c.nGrp
		case "product":
			ra.index = c.nOrg + c.nPer + c.nGrp + e.org%c.nProd
		}
		e.actors = append(e.actors, ra)
	}
	cur := currencies[countries[c.orgs[e.org].country].code]
	e.facts = e.spec.facts(r, cur.code)
	for k := range e.facts {
		if e.facts[k].unit == cur.code {
			e.facts[k].value = round2(e.facts[k].value * cur.rate)
		}
	}
	t := e.spec.texts(e.lang)
	e.title = r.IntN(len(t.titles))
	e.lead = r.IntN(len(t.leads))
	e.detail = -1
	if r.Float64() < 0.6 {
		e.detail = r.IntN(len(t.details))
	}
	e.mention = r.IntN(len(t.mentions))
	e.mention1 = r.Float64() < 0.5
	e.mention2 = r.Float64() < 0.15
	switch x := r.Float64(); {
	case x < 0.60:
		e.status = "extracted"
	case x < 0.93:
		e.status = "confirmed"
	case x < 0.98:
		e.status = "disputed"
	default:
		e.status = "retracted"
	}
	e.confidence = math.Round((0.5+0.5*r.Float64())*100) / 100
	pub := e.start.AddDate(0, 0, r.IntN(int(e.end.Sub(e.start).Hours()/24)+1)+r.IntN(3))
	e.published = pub.Add(time.Duration(6+r.IntN(15))*time.Hour + time.Duration(r.IntN(60))*time.Minute)
	if !e.published.Before(c.now) {
		e.published = c.now.Add(-time.Hour)
	}
	if i > 0 && r.Float64() < 0.005 {
		e.mergedInto = 1 + r.IntN(min(i, 1000))
	}
	if i > 0 && r.Float64() < 0.06 {
		e.linkTo = 1 + r.IntN(min(i, 50))
		e.linkType = "related"
		if r.Float64() < 0.4 {
			e.linkType = "part_of"
		}
	}
	return e
}

// shuffle maps rank k to an index of [0, n) by a fixed permutation, so the busiest actors are
// not simply the first ones.
func (c *Corpus) shuffle(k, n int) int {
	const step = 7919 // prime: a bijection whenever n is not a multiple of it
	if n%step == 0 {
		return k
	}
	return int((uint64(k)*step + c.cfg.Seed) % uint64(n))
}

func (s *typeSpec) texts(lang string) *texts {
	if lang == "fr" {
		return &s.fr
	}
	return &s.en
}
