package model

// Intervals are the bucket sizes of timelines.
var Intervals = []string{"day", "week", "month", "quarter", "year"}

// TimelineBucket is one period of a timeline: how many events started in it, by type, and
// aggregates of the chosen metric's canonical figures, one per unit.
type TimelineBucket struct {
	// Start is the first day of the bucket (weeks start on Monday).
	Start   Date             `json:"start"`
	Events  int64            `json:"events"`
	ByType  map[string]int64 `json:"by_type"`
	Figures []FigureStats    `json:"figures"`
}

// FigureStats aggregates the canonical figures of one metric in one unit.
type FigureStats struct {
	Unit  string  `json:"unit"`
	Count int64   `json:"count"`
	Sum   float64 `json:"sum"`
	Min   float64 `json:"min"`
	Max   float64 `json:"max"`
}

// TopItem is one row of a ranking: an actor or an event type with its event count and the
// aggregates of the chosen metric's canonical figures over those events.
type TopItem struct {
	// Key is the actor's slug or the type code; ID is set for actors.
	Key     string        `json:"key"`
	ID      *int64        `json:"id,omitempty"`
	Label   string        `json:"label"`
	Events  int64         `json:"events"`
	Figures []FigureStats `json:"figures"`
}
