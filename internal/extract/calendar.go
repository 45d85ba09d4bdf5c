package extract

import "time"

// Date precisions.
const (
	PrecisionDay     = "day"
	PrecisionWeek    = "week"
	PrecisionMonth   = "month"
	PrecisionSeason  = "season"
	PrecisionQuarter = "quarter"
	PrecisionYear    = "year"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func monthRange(y int, m time.Month) (time.Time, time.Time) {
	s := day(y, m, 1)
	return s, s.AddDate(0, 1, -1)
}

// weekRange is the Monday-to-Sunday week holding t.
func weekRange(t time.Time) (time.Time, time.Time) {
	back := (int(t.Weekday()) + 6) % 7
	s := t.AddDate(0, 0, -back)
	return s, s.AddDate(0, 0, 6)
}

func quarterRange(y, q int) (time.Time, time.Time) {
	s := day(y, time.Month(3*(q-1)+1), 1)
	return s, s.AddDate(0, 3, -1)
}

func yearRange(y int) (time.Time, time.Time) { return day(y, 1, 1), day(y, 12, 31) }

// Seasons are astronomical (northern hemisphere) with fixed dates; winter
// Y runs from December Y to March Y+1.
const (
	spring = iota
	summer
	autumn
	winter
)

func seasonRange(y, s int) (time.Time, time.Time) {
	switch s {
	case spring:
		return day(y, 3, 20), day(y, 6, 20)
	case summer:
		return day(y, 6, 21), day(y, 9, 22)
	case autumn:
		return day(y, 9, 23), day(y, 12, 20)
	}
	return day(y, 12, 21), day(y+1, 3, 19)
}

// seasonOf names the season holding t and the year it is counted in.
func seasonOf(t time.Time) (year, s int) {
	for _, y := range []int{t.Year() - 1, t.Year()} {
		for s := spring; s <= winter; s++ {
			a, b := seasonRange(y, s)
			if !t.Before(a) && !t.After(b) {
				return y, s
			}
		}
	}
	return t.Year(), winter
}

// pickYear chooses the year of a day or month written without one: the
// publication year, unless that puts it well after publication in a text
// about the past (then the year before) or well before it in a text about
// the future (then the year after).
func pickYear(pub time.Time, m time.Month, d int, future bool) int {
	y := pub.Year()
	if d == 0 {
		d = 1
	}
	t := day(y, m, d)
	switch {
	case !future && t.After(pub.AddDate(0, 0, 31)):
		return y - 1
	case future && t.Before(pub.AddDate(0, -2, 0)):
		return y + 1
	}
	return y
}

func isoDay(t time.Time) string { return t.Format("2006-01-02") }
