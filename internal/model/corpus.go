package model

import "time"

// The Corpus types are complete records with their ids, as a bulk load writes them: a
// generator makes them, the store copies them into the tables as they are. Every reference
// between them is by id and must hold (the bulk load does not check foreign keys).

// CorpusActor is an actor row.
type CorpusActor struct {
	ID          int64
	Kind        string
	Name        string
	Slug        string
	Aliases     []string
	WikidataQID *string
	Country     *string
	Description string
	CreatedAt   time.Time
}

// CorpusArticle is an article row. Language is a two-letter code.
type CorpusArticle struct {
	ID          int64
	URL         string
	Source      string
	Title       string
	Language    string
	PublishedAt time.Time
	Body        string
	RetrievedAt time.Time
}

// CorpusEvent is an event row with the rows that hang off it.
type CorpusEvent struct {
	ID            int64
	Type          string
	Title         string
	Summary       string
	DateStart     Date
	DateEnd       Date
	DatePrecision string
	DateText      string
	Status        string
	Confidence    float64
	MergedInto    *int64
	CreatedAt     time.Time
	UpdatedAt     time.Time

	Actors  []CorpusEventActor
	Figures []CorpusFigure
	Sources []CorpusSource
	// Links go from this event to earlier ones.
	Links []CorpusLink
}

// CorpusEventActor is an event_actors row of the event that holds it.
type CorpusEventActor struct {
	ActorID  int64
	Role     string
	Position int16
}

// CorpusFigure is a figure row of the event that holds it. Start and End are code-point
// offsets of Text in the body of article ArticleID.
type CorpusFigure struct {
	ID        int64
	Metric    string
	Value     float64
	Unit      string
	Qualifier string
	Low, High *float64
	Derived   string
	ArticleID int64
	Text      string
	Start     int32
	End       int32
}

// CorpusSource is an event_sources row of the event that holds it: Quote is found at the
// code-point offsets Start..End of the article's body.
type CorpusSource struct {
	ArticleID int64
	Quote     string
	Start     int32
	End       int32
}

// CorpusLink is an event_links row from the event that holds it.
type CorpusLink struct {
	Type      string
	ToEventID int64
}

// CorpusBatch is a run of consecutive events with the articles they introduce. Sources and
// figures may also refer to articles of earlier batches.
type CorpusBatch struct {
	Articles []CorpusArticle
	Events   []CorpusEvent
}
