package model

import "time"

// NewArticle is an article to store.
type NewArticle struct {
	URL         string
	Source      string
	Title       string
	Language    *string
	PublishedAt *time.Time
	Body        string
	RetrievedAt *time.Time
}

// NewActor is an actor to store.
type NewActor struct {
	Kind        string   `json:"kind"`
	Name        string   `json:"name"`
	Slug        string   `json:"slug"`
	Aliases     []string `json:"aliases"`
	WikidataQID *string  `json:"wikidata_qid"`
	Country     *string  `json:"country"`
	Description string   `json:"description"`
}

// NewEvent is an event to store with everything that hangs off it.
type NewEvent struct {
	Type          string
	Title         string
	Summary       string
	DateStart     Date
	DateEnd       Date
	DatePrecision string
	DateText      string
	Status        string
	Confidence    *float64
	ExternalID    *string
	Actors        []NewEventActor
	Figures       []NewFigure
	Sources       []NewSource
}

// NewEventActor ties an already stored actor to an event.
type NewEventActor struct {
	ActorID int64
	Role    string
}

// NewFigure is a figure to store. ArticleID names the article it was read from, if any.
type NewFigure struct {
	Metric    string
	Value     float64
	Unit      string
	Qualifier string
	Low       *float64
	High      *float64
	Derived   string
	ArticleID *int64
	Text      string
	Start     *int
	End       *int
}

// NewSource attaches an already stored article to an event.
type NewSource struct {
	ArticleID int64
	Evidence  *Span
	Note      string
}

// NewLink relates two stored events.
type NewLink struct {
	FromEventID int64
	Type        string
	ToEventID   int64
}
