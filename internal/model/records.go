package model

import "time"

// Vocabularies of values the database CHECKs; the open vocabularies (event types, metrics,
// units, roles) are tables instead.
var (
	// ActorKinds are the kinds of actor.
	ActorKinds = []string{"person", "organization", "group", "product"}
	// DatePrecisions say how precisely an event's date is known, finest first.
	DatePrecisions = []string{"day", "week", "month", "season", "quarter", "year"}
	// Statuses are the states of an event record.
	Statuses = []string{"extracted", "confirmed", "disputed", "retracted"}
	// Qualifiers say how a figure's value relates to the truth.
	Qualifiers = []string{"exact", "approximate", "at_least", "at_most", "range"}
	// LinkTypes are the relations between events.
	LinkTypes = []string{"led_to", "part_of", "same_as", "related"}
)

// Event is what happened, when, and who was involved: the shape of an item of an event list.
type Event struct {
	ID            int64        `json:"id"`
	Type          string       `json:"type"`
	Title         string       `json:"title"`
	Summary       string       `json:"summary"`
	DateStart     Date         `json:"date_start"`
	DateEnd       Date         `json:"date_end"`
	DatePrecision string       `json:"date_precision"`
	DateText      string       `json:"date_text"`
	Status        string       `json:"status"`
	Confidence    *float64     `json:"confidence"`
	MergedInto    *int64       `json:"merged_into"`
	ExternalID    *string      `json:"external_id"`
	Actors        []EventActor `json:"actors"`
	CreatedAt     time.Time    `json:"created_at"`
	UpdatedAt     time.Time    `json:"updated_at"`
}

// EventDetail is an event with everything that hangs off it: the shape of GET /v1/events/{id}.
type EventDetail struct {
	Event
	Figures []Figure `json:"figures"`
	Sources []Source `json:"sources"`
	Links   []Link   `json:"links"`
}

// EventActor is an actor as it takes part in an event.
type EventActor struct {
	ID   int64  `json:"id"`
	Slug string `json:"slug"`
	Name string `json:"name"`
	Kind string `json:"kind"`
	Role string `json:"role"`
}

// Figure is one number reported about an event, with its unit, how exact it is, and where it
// was reported.
type Figure struct {
	ID        int64    `json:"id"`
	EventID   int64    `json:"event_id"`
	Metric    string   `json:"metric"`
	Value     float64  `json:"value"`
	Unit      string   `json:"unit"`
	Qualifier string   `json:"qualifier"`
	Low       *float64 `json:"low"`
	High      *float64 `json:"high"`
	// Derived is how the value was computed from the text, e.g. "0.5 * 7500".
	Derived string `json:"derived"`
	// ArticleID and ArticleURL name the article the figure was read from.
	ArticleID  *int64  `json:"article_id"`
	ArticleURL *string `json:"article_url"`
	// Text is the quote the figure was read from; Start and End are its code-point offsets in
	// the article body.
	Text  string `json:"text"`
	Start *int   `json:"start"`
	End   *int   `json:"end"`
	// Canonical marks, among the figures of an event with the same metric, the one to use.
	Canonical bool      `json:"canonical"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Source is an article reporting an event, with the quote that supports it.
type Source struct {
	Article  ArticleRef `json:"article"`
	Evidence *Span      `json:"evidence"`
	// Note says why the source is attached, e.g. why two reports were merged.
	Note string `json:"note"`
}

// Span is a quote with its code-point offsets in an article body.
type Span struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// ArticleRef is the short form of an article, as embedded in other records.
type ArticleRef struct {
	ID          int64      `json:"id"`
	URL         string     `json:"url"`
	Source      string     `json:"source"`
	Title       string     `json:"title"`
	Language    *string    `json:"language"`
	PublishedAt *time.Time `json:"published_at"`
}

// Link relates an event to another: outgoing links go from this event to Event, incoming ones
// from Event to this event.
type Link struct {
	Type      string   `json:"type"`
	Direction string   `json:"direction"`
	Event     EventRef `json:"event"`
}

// EventRef is the short form of an event, as embedded in other records.
type EventRef struct {
	ID        int64  `json:"id"`
	Type      string `json:"type"`
	Title     string `json:"title"`
	DateStart Date   `json:"date_start"`
	DateEnd   Date   `json:"date_end"`
	Status    string `json:"status"`
}

// Article is a news report.
type Article struct {
	ArticleRef
	Body        string     `json:"body"`
	RetrievedAt *time.Time `json:"retrieved_at"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
}

// Actor is a person, organisation, group or product taking part in events.
type Actor struct {
	ID          int64     `json:"id"`
	Kind        string    `json:"kind"`
	Name        string    `json:"name"`
	Slug        string    `json:"slug"`
	Aliases     []string  `json:"aliases"`
	WikidataQID *string   `json:"wikidata_qid"`
	Country     *string   `json:"country"`
	Description string    `json:"description"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// EventType is an entry of the event type vocabulary.
type EventType struct {
	Code        string `json:"code"`
	Label       string `json:"label"`
	Description string `json:"description"`
}

// Metric is an entry of the figure metric vocabulary.
type Metric struct {
	Code        string `json:"code"`
	Label       string `json:"label"`
	UnitKind    string `json:"unit_kind"`
	Description string `json:"description"`
}

// Unit is an entry of the unit vocabulary: a count word, "ratio", or an ISO 4217 currency code.
type Unit struct {
	Code  string `json:"code"`
	Kind  string `json:"kind"`
	Label string `json:"label"`
}

// Role is an entry of the vocabulary of roles actors play in events.
type Role struct {
	Code        string `json:"code"`
	Label       string `json:"label"`
	Description string `json:"description"`
}

// ActorDetail is an actor with the number of live events (neither retracted nor merged) it
// takes part in: the shape of GET /v1/actors/{id}.
type ActorDetail struct {
	Actor
	EventCount int64 `json:"event_count"`
}

// ArticleSummary is an article without its body: the shape of an item of an article list.
type ArticleSummary struct {
	ArticleRef
	RetrievedAt *time.Time `json:"retrieved_at"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
}

// ArticleDetail is an article with the events it supports: the shape of GET /v1/articles/{id}.
type ArticleDetail struct {
	Article
	Events []ArticleEvent `json:"events"`
}

// ArticleEvent is an event an article supports, with the quote that supports it.
type ArticleEvent struct {
	EventRef
	Evidence *Span  `json:"evidence"`
	Note     string `json:"note"`
}

// FigureRow is a figure flattened with its event and source, one row per figure, for analysts:
// the shape of an item of GET /v1/figures.
type FigureRow struct {
	FigureID      int64  `json:"figure_id"`
	EventID       int64  `json:"event_id"`
	EventType     string `json:"event_type"`
	EventTitle    string `json:"event_title"`
	EventStatus   string `json:"event_status"`
	DateStart     Date   `json:"date_start"`
	DateEnd       Date   `json:"date_end"`
	DatePrecision string `json:"date_precision"`
	// Actors are the event's actors as "name (role)", main actor first.
	Actors    []string `json:"actors"`
	Metric    string   `json:"metric"`
	Value     float64  `json:"value"`
	Unit      string   `json:"unit"`
	Qualifier string   `json:"qualifier"`
	Low       *float64 `json:"low"`
	High      *float64 `json:"high"`
	Derived   string   `json:"derived"`
	// Canonical marks the figure to use among the event's figures of the same metric.
	Canonical     bool       `json:"canonical"`
	ArticleID     *int64     `json:"article_id"`
	ArticleURL    *string    `json:"article_url"`
	ArticleSource *string    `json:"article_source"`
	PublishedAt   *time.Time `json:"published_at"`
	Quote         string     `json:"quote"`
	QuoteStart    *int       `json:"quote_start"`
	QuoteEnd      *int       `json:"quote_end"`
}
