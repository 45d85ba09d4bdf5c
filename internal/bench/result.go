// Package bench measures newsevents under load: the API's throughput and latency from a load
// tool on loopback, beside the same SQL run directly over pgx (the floor), in the same run, so
// that results are ratios against a baseline measured on the same noisy machine.
//
// It holds the pieces cmd/newsevents-bench puts together: the workload (which URLs, chosen
// from the database), the capture of the SQL the API runs for each URL, the two load
// generators (wrk for HTTP, a pgx loop for SQL), and the table of results.
package bench

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"
)

// Result is one side of one measurement: how many requests completed in how long, and their
// latencies.
type Result struct {
	Requests int64
	Errors   int64
	Elapsed  time.Duration
	P50, P99 time.Duration
	// AppCPU and DBCPU are the CPU time the side used while it was measured: the API server
	// (or the floor's client) and PostgreSQL. The load tool's own is in neither.
	AppCPU, DBCPU time.Duration
}

// CPUPerRequest returns the CPU time a request took on average in the application and in
// PostgreSQL; zero without requests or accounting.
func (r Result) CPUPerRequest() (app, db time.Duration) {
	if r.Requests == 0 {
		return 0, 0
	}
	return r.AppCPU / time.Duration(r.Requests), r.DBCPU / time.Duration(r.Requests)
}

// PerSecond is the throughput.
func (r Result) PerSecond() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Requests) / r.Elapsed.Seconds()
}

// Percentile returns the p-th percentile (0 < p <= 100) of sorted latencies by the
// nearest-rank method; 0 when there are none.
func Percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	return sorted[min(max(rank, 1), len(sorted))-1]
}

// Summarize makes a Result of latencies (sorted in place) measured over elapsed.
func Summarize(lat []time.Duration, errors int64, elapsed time.Duration) Result {
	slices.Sort(lat)
	return Result{Requests: int64(len(lat)), Errors: errors, Elapsed: elapsed,
		P50: Percentile(lat, 50), P99: Percentile(lat, 99)}
}

// Row is one query measured both ways, over one or more rounds.
type Row struct {
	Query string
	API   []Result
	SQL   []Result
}

// Ratios returns, round by round, the API's throughput over the floor's.
func (r Row) Ratios() []float64 {
	var out []float64
	for i := range min(len(r.API), len(r.SQL)) {
		if s := r.SQL[i].PerSecond(); s > 0 {
			out = append(out, r.API[i].PerSecond()/s)
		}
	}
	return out
}

// median returns the median of xs (the mean of the middle two for an even count).
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// Median is the result of the median round on each measure: throughput, p50 and p99 are each
// the median over rounds.
func Median(rs []Result) Result {
	if len(rs) == 0 {
		return Result{}
	}
	var rps, p50, p99, errs, app, db []float64
	for _, r := range rs {
		rps = append(rps, r.PerSecond())
		p50 = append(p50, float64(r.P50))
		p99 = append(p99, float64(r.P99))
		errs = append(errs, float64(r.Errors))
		a, d := r.CPUPerRequest()
		app, db = append(app, float64(a)), append(db, float64(d))
	}
	// Elapsed of one second makes Requests the median throughput; the CPU times are those of
	// the median CPU per request.
	n := int64(math.Round(median(rps)))
	return Result{Requests: n, Errors: int64(median(errs)), Elapsed: time.Second,
		P50: time.Duration(median(p50)), P99: time.Duration(median(p99)),
		AppCPU: time.Duration(median(app) * float64(n)), DBCPU: time.Duration(median(db) * float64(n))}
}

// Target is what a query must reach; zero fields do not apply.
type Target struct {
	P50, P99 time.Duration
	// MinRatio is the least API/SQL throughput ratio.
	MinRatio float64
}

// Check returns what r misses of t, empty when it meets it.
func (t Target) Check(api Result, ratio float64) []string {
	var miss []string
	if t.P50 > 0 && api.P50 > t.P50 {
		miss = append(miss, fmt.Sprintf("p50 %s > %s", ms(api.P50), ms(t.P50)))
	}
	if t.P99 > 0 && api.P99 > t.P99 {
		miss = append(miss, fmt.Sprintf("p99 %s > %s", ms(api.P99), ms(t.P99)))
	}
	if t.MinRatio > 0 && ratio < t.MinRatio {
		miss = append(miss, fmt.Sprintf("ratio %.2f < %.2f", ratio, t.MinRatio))
	}
	return miss
}

func ms(d time.Duration) string {
	return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond))
}

// WriteTable writes rows as a Markdown table: median over rounds of each side, the median
// ratio API/SQL with its range over rounds (the noise), and whether the targets are met.
func WriteTable(w io.Writer, rows []Row, targets map[string]Target) error {
	var b strings.Builder
	b.WriteString("| query | API req/s | API p50 | API p99 | SQL req/s | SQL p50 | SQL p99 | API/SQL | range | target |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n")
	for _, r := range rows {
		api, sql := Median(r.API), Median(r.SQL)
		ratios := r.Ratios()
		lo, hi := 0.0, 0.0
		if len(ratios) > 0 {
			lo, hi = slices.Min(ratios), slices.Max(ratios)
		}
		ratio := median(ratios)
		verdict := "–"
		if t, ok := targets[r.Query]; ok {
			verdict = "met"
			if miss := t.Check(api, ratio); len(miss) > 0 {
				verdict = "MISSED: " + strings.Join(miss, ", ")
			}
		}
		if api.Errors > 0 || sql.Errors > 0 {
			verdict += fmt.Sprintf(" (errors: API %d, SQL %d)", api.Errors, sql.Errors)
		}
		fmt.Fprintf(&b, "| %s | %.0f | %s | %s | %.0f | %s | %s | %.2f | %.2f–%.2f | %s |\n",
			r.Query, api.PerSecond(), ms(api.P50), ms(api.P99), sql.PerSecond(), ms(sql.P50), ms(sql.P99),
			ratio, lo, hi, verdict)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteCPUTable writes, per query, the CPU time a request took (median over rounds): in the
// API server and PostgreSQL, in the floor's client and PostgreSQL. On a shared machine these
// move less than throughput does: the ratio of the totals is what the API costs over the floor.
func WriteCPUTable(w io.Writer, rows []Row) error {
	var b strings.Builder
	b.WriteString("| query | API: server | API: PostgreSQL | API total | SQL: client | SQL: PostgreSQL | SQL total | API/SQL CPU |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|\n")
	us := func(d time.Duration) string { return fmt.Sprintf("%.0f µs", float64(d)/float64(time.Microsecond)) }
	for _, r := range rows {
		aa, ad := Median(r.API).CPUPerRequest()
		sa, sd := Median(r.SQL).CPUPerRequest()
		ratio := "–"
		if sa+sd > 0 {
			ratio = fmt.Sprintf("%.2f", float64(aa+ad)/float64(sa+sd))
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", r.Query, us(aa), us(ad), us(aa+ad), us(sa), us(sd), us(sa+sd), ratio)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
