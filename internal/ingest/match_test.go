package ingest

import (
	"testing"

	"github.com/newsevents/newsevents/internal/model"
)

func day(t *testing.T, s string) model.Date {
	t.Helper()
	d, err := model.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestWindow(t *testing.T) {
	cases := []struct {
		start, end, precision string
		wantStart, wantEnd    string
	}{
		{"2022-11-04", "2022-11-04", "day", "2022-11-03", "2022-11-05"},
		{"2022-11-04", "2022-11-04", "week", "2022-11-01", "2022-11-07"},
		{"2022-11-04", "2022-11-04", "month", "2022-10-20", "2022-11-19"},
		{"2022-07-15", "2022-07-15", "season", "2022-05-31", "2022-08-29"},
		{"2022-07-15", "2022-07-15", "quarter", "2022-05-31", "2022-08-29"},
		{"2022-07-01", "2022-07-01", "year", "2021-12-31", "2022-12-30"},
		// A named period is already the whole period: one day either side.
		{"2022-10-01", "2022-10-31", "month", "2022-09-30", "2022-11-01"},
		{"2022-11-07", "2022-11-13", "week", "2022-11-06", "2022-11-14"},
	}
	for _, c := range cases {
		s, e := Window(day(t, c.start), day(t, c.end), c.precision)
		if s.String() != c.wantStart || e.String() != c.wantEnd {
			t.Errorf("Window(%s..%s %s) = %s..%s, want %s..%s", c.start, c.end, c.precision, s, e, c.wantStart, c.wantEnd)
		}
	}
}

// TestSameEventDates holds the date part of the merge rule to cases a curator would judge.
func TestSameEventDates(t *testing.T) {
	type date struct {
		start, end, precision string
		undated               bool
	}
	cases := []struct {
		name           string
		report, stored date
		want           bool
	}{
		{"same day", date{"2022-11-04", "2022-11-04", "day", false}, date{"2022-11-04", "2022-11-04", "day", false}, true},
		{"a day apart (time zones)", date{"2022-11-05", "2022-11-05", "day", false}, date{"2022-11-04", "2022-11-04", "day", false}, true},
		{"three days apart, both days", date{"2022-11-07", "2022-11-07", "day", false}, date{"2022-11-04", "2022-11-04", "day", false}, false},
		{"\"two weeks ago\" and the day", date{"2022-11-04", "2022-11-04", "week", false}, date{"2022-11-07", "2022-11-07", "day", false}, true},
		{"\"two weeks ago\" and a day a week later", date{"2022-11-04", "2022-11-04", "week", false}, date{"2022-11-12", "2022-11-12", "day", false}, false},
		{"\"in October\" and Nov 4", date{"2022-10-01", "2022-10-31", "month", false}, date{"2022-11-04", "2022-11-04", "day", false}, false},
		{"\"in October\" and Oct 28", date{"2022-10-01", "2022-10-31", "month", false}, date{"2022-10-28", "2022-10-28", "day", false}, true},
		{"summer and July", date{"2022-06-21", "2022-09-22", "season", false}, date{"2022-07-01", "2022-07-31", "month", false}, true},
		{"undated, published two weeks after", date{"2022-11-18", "2022-11-18", "week", true}, date{"2022-11-04", "2022-11-04", "week", false}, true},
		{"undated, published two months after", date{"2023-01-18", "2023-01-18", "week", true}, date{"2022-11-04", "2022-11-04", "week", false}, false},
		{"undated, published before", date{"2022-10-20", "2022-10-20", "week", true}, date{"2022-11-04", "2022-11-04", "day", false}, false},
	}
	for _, c := range cases {
		rep := reportWindow(model.DateWindow{Start: day(t, c.report.start), End: day(t, c.report.end), Precision: c.report.precision, Undated: c.report.undated})
		st := storedWindow(model.EventRef{DateStart: day(t, c.stored.start), DateEnd: day(t, c.stored.end)}, c.stored.precision, "")
		_, got := overlap(rep, st)
		if got != c.want {
			t.Errorf("%s: overlap %v, want %v (report %s..%s, stored %s..%s)", c.name, got, c.want,
				rep.WindowStart, rep.WindowEnd, st.WindowStart, st.WindowEnd)
		}
	}
}

func TestMainActorOf(t *testing.T) {
	actors := []model.EventActor{
		{ID: 1, Slug: "elon-musk", Role: "acquirer"},
		{ID: 2, Slug: "twitter", Role: "target"},
		{ID: 3, Slug: "twitter-employees", Role: "affected"},
	}
	if a, ok := mainActorOf("acquisition", actors); !ok || a.ID != 2 {
		t.Errorf("acquisition: main actor %+v %v, want the target", a, ok)
	}
	layoff := []model.EventActor{
		{ID: 3, Slug: "twitter-employees", Role: "affected"},
		{ID: 1, Slug: "elon-musk", Role: "decision_maker"},
		{ID: 2, Slug: "twitter", Role: "employer"},
	}
	if a, ok := mainActorOf("layoff", layoff); !ok || a.ID != 2 {
		t.Errorf("layoff: main actor %+v %v, want the employer", a, ok)
	}
	if _, ok := mainActorOf("layoff", layoff[:1]); ok {
		t.Errorf("an event with only an affected group has no main actor")
	}
}

func TestNote(t *testing.T) {
	m := &model.EventMatch{
		EventID: 12, Rule: RuleSameEvent, Type: "layoff",
		MainActor: &model.EventActor{ID: 1, Slug: "twitter", Role: "employer"},
		Report: &model.DateWindow{Start: day(t, "2022-11-18"), End: day(t, "2022-11-18"), Precision: "week", Undated: true,
			WindowStart: day(t, "2022-10-19"), WindowEnd: day(t, "2022-11-19")},
		Event: &model.DateWindow{Start: day(t, "2022-11-04"), End: day(t, "2022-11-04"), Precision: "week", Text: "il y a deux semaines",
			WindowStart: day(t, "2022-11-01"), WindowEnd: day(t, "2022-11-07")},
		Overlap: &model.DateRange{Start: day(t, "2022-11-01"), End: day(t, "2022-11-07")},
	}
	want := `matched event 12: same type layoff, same main actor twitter (employer), dates overlap 2022-11-01..2022-11-07 ` +
		`(report: 2022-11-18 (no date in the text: the publication date), week, window 2022-10-19..2022-11-19; ` +
		`event: 2022-11-04 "il y a deux semaines", week, window 2022-11-01..2022-11-07)`
	if got := note(m); got != want {
		t.Errorf("note\n got %s\nwant %s", got, want)
	}
}
