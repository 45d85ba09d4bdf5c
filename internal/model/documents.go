package model

import "time"

// EventInput is an event as clients write it: the body of POST /v1/events, a line of an NDJSON
// import (the shape GET /v1/events/{id} returns), an event after a merge patch, or a row of an
// imported table. Actors and articles are named by reference and resolved when it is stored.
type EventInput struct {
	// ID keeps the id of an imported event; nil lets the database choose.
	ID            *int64
	Type          string
	Title         string
	Summary       string
	DateStart     Date
	DateEnd       Date
	DatePrecision string
	DateText      string
	// Status is empty when not given: new events get "extracted", stored ones keep theirs.
	Status     string
	Confidence *float64
	MergedInto *int64
	ExternalID *string
	// CreatedAt and UpdatedAt are kept from an import into an empty database.
	CreatedAt *time.Time
	UpdatedAt *time.Time
	Actors    []ActorRef
	Figures   []FigureInput
	Sources   []SourceInput
	// Links is nil when not given (the stored links are left alone).
	Links []LinkInput
}

// ActorRef names an actor taking part in an event: by ID, by Slug, or by Name (matched against
// names and aliases, case- and accent-insensitively, and created with Kind when no actor has it).
type ActorRef struct {
	ID   *int64
	Slug string
	Name string
	Kind string
	// Aliases, WikidataQID, Country and Description describe an actor created from this reference.
	Aliases     []string
	WikidataQID *string
	Country     *string
	Description string
	Role        string
}

// ArticleInput names an article by ID or URL; the other fields describe it when it is created.
type ArticleInput struct {
	ID          *int64
	URL         string
	Source      string
	Title       string
	Language    *string
	PublishedAt *time.Time
	Body        string
	RetrievedAt *time.Time
}

// FigureInput is a figure as clients write it. ID names a stored figure of the same event.
type FigureInput struct {
	ID        *int64
	Metric    string
	Value     float64
	Unit      string
	Qualifier string
	Low       *float64
	High      *float64
	Derived   string
	// Article is the article the figure was read from, if any.
	Article   *ArticleInput
	Text      string
	Start     *int
	End       *int
	CreatedAt *time.Time
	UpdatedAt *time.Time
}

// SourceInput attaches an article to an event with the quote that supports it.
type SourceInput struct {
	Article  ArticleInput
	Evidence *Span
	Note     string
}

// LinkInput relates the event being written to another stored event.
type LinkInput struct {
	Type string
	// Outgoing links go from this event to EventID, incoming ones from EventID to this event.
	Outgoing bool
	EventID  int64
}

// Change is one entry of an event's history: who changed what, when, with the versions before
// and after (null for a creation or a deletion).
type Change struct {
	ID     int64  `json:"id"`
	Entity string `json:"entity"`
	// EntityID is the id of the changed row: the event, the figure, the actor or the article
	// (for a source), or the other event (for a link).
	EntityID  int64          `json:"entity_id"`
	Action    string         `json:"action"`
	Fields    []string       `json:"fields"`
	Before    map[string]any `json:"before"`
	After     map[string]any `json:"after"`
	ChangedBy string         `json:"changed_by"`
	ChangedAt time.Time      `json:"changed_at"`
}

// EventRecord is an event as exported: the shape of GET /v1/events/{id}, with the whole record
// of each actor (aliases, Wikidata id, country, description) and of each source article (body,
// retrieved_at), so that importing an export into an empty database loses nothing.
type EventRecord struct {
	EventDetail
	Actors  []RecordActor  `json:"actors"`
	Sources []RecordSource `json:"sources"`
}

// RecordActor is an actor of an exported event.
type RecordActor struct {
	EventActor
	Aliases     []string `json:"aliases"`
	WikidataQID *string  `json:"wikidata_qid"`
	Country     *string  `json:"country"`
	Description string   `json:"description"`
}

// RecordSource is a source of an exported event.
type RecordSource struct {
	Article  RecordArticle `json:"article"`
	Evidence *Span         `json:"evidence"`
	Note     string        `json:"note"`
}

// RecordArticle is an article of an exported event.
type RecordArticle struct {
	ArticleRef
	Body        string     `json:"body"`
	RetrievedAt *time.Time `json:"retrieved_at"`
}
