package bench

import (
	"strings"
	"testing"
	"time"
)

func TestPercentileNearestRank(t *testing.T) {
	var lat []time.Duration
	for i := 1; i <= 100; i++ {
		lat = append(lat, time.Duration(i)*time.Millisecond)
	}
	for _, c := range []struct {
		p    float64
		want time.Duration
	}{{50, 50 * time.Millisecond}, {99, 99 * time.Millisecond}, {100, 100 * time.Millisecond}, {0.5, time.Millisecond}} {
		if got := Percentile(lat, c.p); got != c.want {
			t.Errorf("p%v = %v, want %v", c.p, got, c.want)
		}
	}
	if got := Percentile(nil, 50); got != 0 {
		t.Errorf("p50 of nothing = %v", got)
	}
	r := Summarize([]time.Duration{3 * time.Millisecond, time.Millisecond, 2 * time.Millisecond}, 1, 2*time.Second)
	if r.Requests != 3 || r.P50 != 2*time.Millisecond || r.P99 != 3*time.Millisecond || r.PerSecond() != 1.5 {
		t.Errorf("summary %+v (%.2f/s)", r, r.PerSecond())
	}
}

func TestRatiosAndMedians(t *testing.T) {
	row := Row{
		Query: QueryByDate,
		API:   []Result{{Requests: 400, Elapsed: time.Second, P50: 3 * time.Millisecond, P99: 9 * time.Millisecond}, {Requests: 900, Elapsed: 2 * time.Second, P50: 5 * time.Millisecond, P99: 8 * time.Millisecond}, {Requests: 500, Elapsed: time.Second, P50: 4 * time.Millisecond, P99: 20 * time.Millisecond}},
		SQL:   []Result{{Requests: 1000, Elapsed: time.Second}, {Requests: 1000, Elapsed: time.Second}, {Requests: 2000, Elapsed: 2 * time.Second}},
	}
	got := row.Ratios()
	want := []float64{0.4, 0.45, 0.5}
	if len(got) != len(want) {
		t.Fatalf("ratios %v, want %v", got, want)
	}
	for i := range want {
		if d := got[i] - want[i]; d > 1e-9 || d < -1e-9 {
			t.Fatalf("ratios %v, want %v", got, want)
		}
	}
	m := Median(row.API)
	if m.PerSecond() != 450 || m.P50 != 4*time.Millisecond || m.P99 != 9*time.Millisecond {
		t.Errorf("median %+v, want 450/s, p50 4ms, p99 9ms", m)
	}
	if median([]float64{4, 1, 3, 2}) != 2.5 {
		t.Error("median of an even count is the mean of the middle two")
	}
}

func TestTable(t *testing.T) {
	rows := []Row{
		{Query: QueryByDate,
			API: []Result{{Requests: 300, Elapsed: time.Second, P50: 2 * time.Millisecond, P99: 12 * time.Millisecond}},
			SQL: []Result{{Requests: 1000, Elapsed: time.Second, P50: time.Millisecond, P99: 3 * time.Millisecond}}},
		{Query: QueryTimeline,
			API: []Result{{Requests: 100, Elapsed: time.Second, P50: 8 * time.Millisecond, P99: 40 * time.Millisecond}},
			SQL: []Result{{Requests: 125, Elapsed: time.Second, P50: 7 * time.Millisecond, P99: 30 * time.Millisecond}}},
	}
	var b strings.Builder
	if err := WriteTable(&b, rows, Targets()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"| events by date range | 300 | 2.00 ms | 12.00 ms | 1000 | 1.00 ms | 3.00 ms | 0.30 | 0.30–0.30 | MISSED: p99 12.00 ms > 10.00 ms, ratio 0.30 < 0.40 |",
		"| timeline by month, 20 years | 100 | 8.00 ms | 40.00 ms | 125 | 7.00 ms | 30.00 ms | 0.80 | 0.80–0.80 | met |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}
