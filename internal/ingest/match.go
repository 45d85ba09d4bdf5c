package ingest

import (
	"fmt"
	"strings"

	"github.com/newsevents/newsevents/internal/extract"
	"github.com/newsevents/newsevents/internal/model"
)

// The merge rule. A report is about a stored event, and is attached to it as a new source
// instead of becoming an event of its own, when all of these hold:
//
//   - same type (layoff, acquisition…);
//   - same main actor: the actor the event is about, chosen in both by extract's rule
//     (Event.MainActor: the target of an acquisition, else its acquirer; the person dismissed or
//     appointed, else the employer; otherwise the person, employer, subject, target, acquirer or
//     decision maker, in that order, the first listed among equals); a report without one
//     matches no event;
//   - overlapping date windows: each date range widened by what its precision leaves open
//     (Window); a report whose text gives no date (the extractor took the publication date)
//     stands for the month before publication;
//   - the stored event is live: neither retracted nor merged into another.
//
// Among several such events the nearest in time wins (the smallest gap between the middles of
// the two date ranges), then the oldest. Before this rule, a report is checked against the
// events its own article is a source of already (whatever their status, so a curator's
// retraction holds): the same quoted passage, or the rule above, means the event is there
// already and nothing is written (a re-extraction).

// Rules named in model.EventMatch.Rule.
const (
	RuleSameEvidence = "same_evidence"
	RuleSameEvent    = "same_type_actor_dates"
)

// pointSlack is how many days a point date (start = end) may be off either way, by precision:
// "il y a deux semaines" (week) is any day of the week around it, "in 2019" of a point read as
// a year, half a year.
var pointSlack = map[string]int{
	"day": 1, "week": 3, "month": 15, "season": 45, "quarter": 45, "year": 182,
}

// rangeSlack is the slack of a range (start < end): a named period ("last week", "en octobre",
// "cet été") is already the whole period; one day covers reports written in other time zones.
const rangeSlack = 1

// undatedLookback is how many days before publication an undated report may be about.
const undatedLookback = 30

// maxSlack is the widest slack of any date, for bounding the search for stored events.
const maxSlack = 182

// Window returns the days a date range of that precision may stand for: a point widened by
// its precision's slack (a day by one day, a week by 3 days, a month by 15, a season or a
// quarter by 45, a year by 182), a range by one day.
func Window(start, end model.Date, precision string) (model.Date, model.Date) {
	slack := rangeSlack
	if start == end {
		slack = pointSlack[precision]
		if slack == 0 {
			slack = rangeSlack
		}
	}
	return start.AddDays(-slack), end.AddDays(slack)
}

// reportWindow is the window of an extracted event's date: Window, or for a date the text did
// not give (the publication date taken instead), the month up to the day after publication.
func reportWindow(d model.DateWindow) model.DateWindow {
	if d.Undated {
		d.WindowStart, d.WindowEnd = d.Start.AddDays(-undatedLookback), d.End.AddDays(rangeSlack)
		return d
	}
	d.WindowStart, d.WindowEnd = Window(d.Start, d.End, d.Precision)
	return d
}

// overlap returns the days two windows share; ok is false when they share none.
func overlap(a, b model.DateWindow) (model.DateRange, bool) {
	start, end := a.WindowStart, a.WindowEnd
	if start.Before(b.WindowStart) {
		start = b.WindowStart
	}
	if b.WindowEnd.Before(end) {
		end = b.WindowEnd
	}
	return model.DateRange{Start: start, End: end}, !end.Before(start)
}

// gap is the distance in days between the middles of two date ranges (doubled, to stay whole).
func gap(a, b model.DateWindow) int {
	days := func(d model.Date) int { return int(d.Time().Unix() / 86400) }
	g := days(a.Start) + days(a.End) - days(b.Start) - days(b.End)
	if g < 0 {
		g = -g
	}
	return g
}

// mainActorOf picks the main actor of a stored event by the extractor's rule; ok is false when
// it has none.
func mainActorOf(typ string, actors []model.EventActor) (model.EventActor, bool) {
	ev := extract.Event{Type: typ}
	for _, a := range actors {
		ev.Actors = append(ev.Actors, extract.Actor{Name: a.Slug, Kind: a.Kind, Role: a.Role})
	}
	main, ok := ev.MainActor()
	if !ok {
		return model.EventActor{}, false
	}
	for _, a := range actors {
		if a.Slug == main.Name && a.Role == main.Role {
			return a, true
		}
	}
	return model.EventActor{}, false
}

// storedWindow is the date window of a stored event.
func storedWindow(c model.EventRef, precision, text string) model.DateWindow {
	w := model.DateWindow{Start: c.DateStart, End: c.DateEnd, Precision: precision, Text: text}
	w.WindowStart, w.WindowEnd = Window(c.DateStart, c.DateEnd, precision)
	return w
}

// note is the sentence saying why a report was taken for event m.EventID, for event_sources.note
// and the extraction's reason: "matched event 12: same type layoff, same main actor twitter
// (employer), dates overlap 2022-11-03..2022-11-05 (report: 2022-11-04 "Friday, Nov. 4", day,
// window 2022-11-03..2022-11-05; event: 2022-11-04, week, window 2022-11-01..2022-11-07)".
func note(m *model.EventMatch) string {
	var b strings.Builder
	fmt.Fprintf(&b, "matched event %d: ", m.EventID)
	if m.Rule == RuleSameEvidence {
		fmt.Fprintf(&b, "same type %s, same quoted passage of this article", m.Type)
		return b.String()
	}
	fmt.Fprintf(&b, "same type %s, ", m.Type)
	if m.MainActor != nil {
		fmt.Fprintf(&b, "same main actor %s (%s), ", m.MainActor.Slug, m.MainActor.Role)
	}
	fmt.Fprintf(&b, "dates overlap %s (report: %s; event: %s)", rangeText(m.Overlap.Start, m.Overlap.End),
		windowText(m.Report), windowText(m.Event))
	return b.String()
}

func rangeText(start, end model.Date) string {
	if start == end {
		return start.String()
	}
	return start.String() + ".." + end.String()
}

func windowText(w *model.DateWindow) string {
	s := rangeText(w.Start, w.End)
	if w.Text != "" {
		s += fmt.Sprintf(" %q", w.Text)
	} else if w.Undated {
		s += " (no date in the text: the publication date)"
	}
	return fmt.Sprintf("%s, %s, window %s", s, w.Precision, rangeText(w.WindowStart, w.WindowEnd))
}
