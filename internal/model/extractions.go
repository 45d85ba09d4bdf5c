package model

import (
	"encoding/json"
	"time"
)

// What storing an extracted event did (ExtractedEvent.Action).
const (
	// ExtractCreated: a new event was stored, with status extracted.
	ExtractCreated = "created"
	// ExtractMerged: the report was attached as a source of a stored event about the same
	// happening, its figures added beside the event's.
	ExtractMerged = "merged"
	// ExtractUnchanged: the stored event already has this article as a source (a re-extraction);
	// nothing was written.
	ExtractUnchanged = "unchanged"
	// ExtractSkipped: the candidate cannot be stored (Reason says why); nothing was written.
	ExtractSkipped = "skipped"
)

// How an extracted actor mention found its stored actor (CandidateActor.MatchedBy).
const (
	MatchedByName    = "name"    // the main name of a stored actor
	MatchedByAlias   = "alias"   // an alias of a stored actor
	MatchedByCreated = "created" // no stored actor had the name: one was created
)

// Extraction is one run of the extractor over an article and what storing its output did: the
// shape of an item of GET /v1/articles/{id}/extractions.
type Extraction struct {
	ID        int64 `json:"id"`
	ArticleID int64 `json:"article_id"`
	// Language is the language the text was read as.
	Language string `json:"language"`
	// Published is the date relative dates were resolved against; nil when unknown.
	Published *Date            `json:"published"`
	CreatedBy string           `json:"created_by"`
	CreatedAt time.Time        `json:"created_at"`
	Events    []ExtractedEvent `json:"events"`
}

// ExtractedEvent is one candidate event of an extraction and what became of it.
type ExtractedEvent struct {
	// Action is ExtractCreated, ExtractMerged, ExtractUnchanged or ExtractSkipped.
	Action string `json:"action"`
	// Event is the stored event (created, merged into, or already sourced); nil when skipped.
	Event *EventRef `json:"event"`
	// Reason explains a merge, an unchanged event or a skip in one sentence; empty for a
	// created event.
	Reason string `json:"reason"`
	// Match is the structured reason of a merge or an unchanged event.
	Match *EventMatch `json:"match"`
	// Candidate is what the extractor read.
	Candidate Candidate `json:"candidate"`
}

// EventMatch says why an extracted event was taken for a stored one.
type EventMatch struct {
	EventID int64 `json:"event_id"`
	// Rule names the rule that matched: "same_evidence" (the stored event already quotes the
	// same passage of this article) or "same_type_actor_dates".
	Rule string `json:"rule"`
	Type string `json:"type"`
	// MainActor is the actor both are about; nil when matched by evidence without one.
	MainActor *EventActor `json:"main_actor"`
	// Report and Event are the date windows compared: each date widened by its precision.
	Report *DateWindow `json:"report"`
	Event  *DateWindow `json:"event"`
	// Overlap is the part of the two windows they share.
	Overlap *DateRange `json:"overlap"`
}

// DateWindow is an event date and the window of days it may stand for.
type DateWindow struct {
	Start     Date   `json:"start"`
	End       Date   `json:"end"`
	Precision string `json:"precision"`
	Text      string `json:"text"`
	// Undated reports that the text gives no date: Start and End are the publication date, and
	// the window is the month before it.
	Undated bool `json:"undated"`
	// WindowStart and WindowEnd are Start and End widened by the precision.
	WindowStart Date `json:"window_start"`
	WindowEnd   Date `json:"window_end"`
}

// DateRange is a range of days, both ends included.
type DateRange struct {
	Start Date `json:"start"`
	End   Date `json:"end"`
}

// Candidate is an event as the extractor read it (the "Extraction output" shape), each actor
// with the stored actor it matched and each figure with the figure stored from it.
type Candidate struct {
	Type       string            `json:"type"`
	Title      string            `json:"title"`
	Actors     []CandidateActor  `json:"actors"`
	Date       *CandidateDate    `json:"date"`
	Figures    []CandidateFigure `json:"figures"`
	Evidence   Span              `json:"evidence"`
	Confidence float64           `json:"confidence"`
}

// CandidateActor is an actor mention of a candidate event.
type CandidateActor struct {
	Name string `json:"name"`
	Kind string `json:"kind"`
	Role string `json:"role"`
	// Actor is the stored actor the mention stands for, matched or created, in its role.
	Actor *EventActor `json:"actor"`
	// MatchedBy is MatchedByName, MatchedByAlias or MatchedByCreated.
	MatchedBy string `json:"matched_by"`
	// Matched is the stored name or alias that matched; empty for a created actor.
	Matched string `json:"matched"`
	// Ambiguous lists other stored actors the name fits as well (the first created won).
	Ambiguous []int64 `json:"ambiguous,omitempty"`
}

// CandidateDate is the date of a candidate event; Start and End are nil when the text's date
// could not be resolved (no publication date).
type CandidateDate struct {
	Start     *Date  `json:"start"`
	End       *Date  `json:"end"`
	Precision string `json:"precision"`
	// Text is the expression the date was read from; empty when the extractor took the
	// publication date for lack of any.
	Text string `json:"text"`
}

// CandidateFigure is a figure of a candidate event; offsets count code points of the article
// body.
type CandidateFigure struct {
	Metric    string       `json:"metric"`
	Value     json.Number  `json:"value"`
	Unit      string       `json:"unit"`
	Qualifier string       `json:"qualifier"`
	Low       *json.Number `json:"low,omitempty"`
	High      *json.Number `json:"high,omitempty"`
	Derived   string       `json:"derived"`
	Text      string       `json:"text"`
	Start     int          `json:"start"`
	End       int          `json:"end"`
	// FigureID is the figure stored from this one; nil when none was (see Skipped).
	FigureID *int64 `json:"figure_id"`
	// Skipped says why the figure was not stored; empty when it was, or when its event was
	// not changed.
	Skipped string `json:"skipped,omitempty"`
}
