// Package extract turns the text of a news report into candidate events:
// what happened (a layoff, resignations, an acquisition…), who was involved
// and in which role, when (a date range with its precision), how much
// (figures with units and qualifiers) and the exact quote that supports
// each claim, with code-point offsets into the text.
//
// It is pure: no I/O, no database, no network, no model. In the spirit of
// Duckling, small rules turn tokens into typed values (numerals, scales,
// number words, fractions, percents, currencies, vague quantities, dates,
// relative dates), combining rules build bigger ones ("44" + "milliards" +
// "de dollars" -> 44e9 USD), per-language lexicons find event triggers, and
// an assembly step gives each event only its own figures, actors, date and
// evidence sentence. French and English are read.
//
// Conventions of the output:
//   - Offsets count Unicode code points of the input; every quote equals the
//     runes [Start, End) of the text.
//   - Values are exact decimals: 3,7 milliards is 3700000000, 13 % is 0.13.
//     A range ("entre 500 et 700") has qualifier range, low and high, and
//     its midpoint as value. "plusieurs centaines" is at least 200,
//     "une centaine" about 100, "hundreds of" at least 200.
//   - A share of a stated base ("la moitié des 7.500 employés") gives the
//     base as headcount and the count as employees_affected, approximate,
//     with derived "0.5 * 7500"; a share of an unstated workforce gives
//     workforce_share.
//   - "il y a deux semaines", "two weeks ago" are a point (start = end)
//     with the unit's precision; named periods ("last week", "en octobre",
//     "cet été") are their whole range. Seasons are astronomical, northern
//     hemisphere. An event whose text gives no date gets the publication
//     date with precision week and no text; without a publication date,
//     relative dates keep text and precision and have no start and end.
//   - The headline and the first paragraph carry the main event; other
//     mentions become events only when told as facts: negations, denials,
//     rumours, claims and alternatives ("ou partir") are dropped, and so
//     are background mentions (relative clauses and "after/avant"
//     phrases recalling the past, pluperfects, events more than a year
//     old, earlier rounds of the main event, the same kind of news about
//     other companies).
package extract

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Options tell Extract how to read a text.
type Options struct {
	// Language is "fr", "en", or "" / "auto" to detect it from the text.
	Language string
	// Published is the publication date; only its calendar date is used.
	// Relative dates ("hier", "last week", "mercredi") are resolved against
	// it. When it is zero they keep their text and precision but get no
	// start and end; explicit dates without a year ("4 novembre") too.
	Published time.Time
}

// Result is what Extract finds in one text. It marshals to the JSON of the
// "Extraction output" section of the design.
type Result struct {
	Language  string  `json:"language"`
	Published string  `json:"published,omitempty"` // YYYY-MM-DD, absent when unknown
	Events    []Event `json:"events"`
}

// Event is one candidate event. Type, MainActor and Date are what a caller
// matches stored events on.
type Event struct {
	Type       string   `json:"type"`
	Title      string   `json:"title"`
	Actors     []Actor  `json:"actors"`
	Date       *Date    `json:"date,omitempty"` // absent when neither the text nor the publication date tells
	Figures    []Figure `json:"figures"`
	Evidence   Span     `json:"evidence"`
	Confidence float64  `json:"confidence"` // 0..1
	// Mentions are the spans of every trigger merged into this event.
	Mentions []Span `json:"-"`
}

// MainActor is the actor an event is about: the employer of a layoff, the
// target of an acquisition, the person who resigns or is appointed, the
// subject of a closure. ok is false when the event has none.
func (e Event) MainActor() (a Actor, ok bool) {
	prefer := map[string][]string{
		TypeAcquisition: {RoleTarget, RoleAcquirer},
		TypeDismissal:   {RolePerson, RoleEmployer},
		TypeAppointment: {RolePerson, RoleEmployer},
	}[e.Type]
	prefer = append(prefer, RolePerson, RoleEmployer, RoleSubject, RoleTarget, RoleAcquirer, RoleDecisionMaker)
	for _, role := range prefer {
		for _, a := range e.Actors {
			if a.Role == role {
				return a, true
			}
		}
	}
	return Actor{}, false
}

// Actor roles.
const (
	RoleEmployer      = "employer"
	RoleDecisionMaker = "decision_maker"
	RoleAcquirer      = "acquirer"
	RoleTarget        = "target"
	RoleSeller        = "seller"
	RolePerson        = "person"
	RolePredecessor   = "predecessor"
	RoleSubject       = "subject"
)

// Actor is an organisation, person, group or product and its role in an
// event.
type Actor struct {
	Name string `json:"name"`
	Kind string `json:"kind"` // person | organization | group | product
	Role string `json:"role"`
	// Key is NameKey(Name), for matching stored actors.
	Key string `json:"-"`
	// Aliases are the other spellings found in the text ("Musk").
	Aliases []string `json:"-"`
}

// Date is the date range of an event. Start and End are YYYY-MM-DD,
// absent when the expression could not be resolved (no publication date);
// Text is the expression, absent when the date is the publication date
// taken for lack of any.
type Date struct {
	Start     string `json:"start,omitempty"`
	End       string `json:"end,omitempty"`
	Precision string `json:"precision"`
	Text      string `json:"text,omitempty"`
}

// Figure is a number the text gives about an event.
type Figure struct {
	Metric    string      `json:"metric"`
	Value     json.Number `json:"value"` // exact decimal: 44 milliards -> 44000000000
	Unit      string      `json:"unit"`
	Qualifier string      `json:"qualifier"`
	Low       json.Number `json:"low,omitempty"`  // ranges only
	High      json.Number `json:"high,omitempty"` // ranges only
	Derived   string      `json:"derived,omitempty"`
	Text      string      `json:"text"`
	Start     int         `json:"start"`
	End       int         `json:"end"`
}

// Span is a quote of the text with its code-point offsets: Text equals
// the runes [Start, End) of the input.
type Span struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// ErrLanguage is returned for a language Extract does not read.
type ErrLanguage struct{ Language string }

func (e *ErrLanguage) Error() string {
	return fmt.Sprintf("unknown language %q: want fr, en or auto", e.Language)
}

// extractor holds the state of one Extract call.
type extractor struct {
	text    string
	lang    string
	pub     time.Time
	hasPub  bool
	toks    []token
	sents   []sentence
	sentOf  []int32
	dates   []dateVal
	dateAt  []int32
	vals    []value
	valAt   []int32
	valUsed []bool
	// headcountVal marks counts that are a whole workforce because a count
	// of it comes first ("3,700 of its 7,500 employees").
	headcountVal []bool
	figs         []figure
	mentions     []mention
	actors       []actorInfo
	refs         []actorRef
	// quebecText is 1 when a French text is from Québec, -1 when not, 0
	// before it is known.
	quebecText int8
	// cfaCode is the CFA franc of the text's amounts (XOF or XAF), "-" when it cannot be
	// told, "" before it is known.
	cfaCode string
}

// Extract reads text and returns the events it reports. It fails only on
// invalid options.
func Extract(text string, opts Options) (Result, error) {
	lang := strings.ToLower(strings.TrimSpace(opts.Language))
	switch lang {
	case French, English, "", "auto":
	default:
		return Result{}, &ErrLanguage{Language: opts.Language}
	}
	x := &extractor{text: text}
	if !opts.Published.IsZero() {
		y, m, d := opts.Published.Date()
		x.pub, x.hasPub = day(y, m, d), true
	}
	x.toks = tokenize(text)
	if lang == "" || lang == "auto" {
		lang = detectLanguage(x.toks)
	}
	x.lang = lang
	res := Result{Language: lang, Events: []Event{}}
	if x.hasPub {
		res.Published = isoDay(x.pub)
	}
	if len(x.toks) == 0 {
		return res, nil
	}
	x.sents = splitSentences(x.toks)
	x.sentOf = make([]int32, len(x.toks))
	for si, s := range x.sents {
		for k := s.first; k < s.last; k++ {
			x.sentOf[k] = int32(si)
		}
	}
	x.markFuture()
	x.readDates()
	x.readValues()
	x.readFigures()
	x.findActors()
	x.findMentions()
	x.qualify()
	res.Events = x.assemble()
	return res, nil
}

// futureWords mark a sentence about what is to come; they steer the
// resolution of bare weekdays, months and seasons.
var futureWords = map[string]bool{
	"va": true, "vont": true, "sera": true, "seront": true, "prevoit": true, "prevoient": true, "devrait": true,
	"devraient": true, "prochain": true, "prochaine": true, "prochains": true, "prochaines": true, "will": true,
	"shall": true, "plans": true, "planned": true, "upcoming": true, "next": true, "would": true, "starting": true, "beginning": true, "s'apprete": true, "entend": true, "aura": true, "auront": true,
}

func (x *extractor) markFuture() {
	for si := range x.sents {
		s := &x.sents[si]
		for k := s.first; k < s.last; k++ {
			if futureWords[x.toks[k].fold] {
				s.future = true
				break
			}
		}
	}
}
