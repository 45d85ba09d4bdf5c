package importer_test

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/newsevents/newsevents/internal/httpapi"
	"github.com/newsevents/newsevents/internal/importer"
	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/seed"
	"github.com/newsevents/newsevents/internal/store"
	"github.com/newsevents/newsevents/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

func demoStore(t *testing.T) (*store.Store, *pgxpool.Pool) {
	t.Helper()
	pool := testdb.New(t)
	st := store.New(pool)
	d, _ := seed.Demo()
	if _, err := seed.Load(context.Background(), st, d); err != nil {
		t.Fatal(err)
	}
	return st, pool
}

func importFile(t *testing.T, st *store.Store, path string, opts importer.Options) *importer.Report {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rep, err := importer.Import(context.Background(), st, f, opts)
	if err != nil {
		t.Fatalf("import %s: %v", path, err)
	}
	return rep
}

func count(t *testing.T, pool *pgxpool.Pool, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := pool.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// tableCounts counts the rows of every table an import writes.
func tableCounts(t *testing.T, pool *pgxpool.Pool) string {
	t.Helper()
	var parts []string
	for _, tb := range []string{"events", "actors", "articles", "figures", "event_actors", "event_sources", "event_links", "event_history"} {
		parts = append(parts, fmt.Sprintf("%s=%d", tb, count(t, pool, "SELECT count(*) FROM "+tb)))
	}
	return strings.Join(parts, " ")
}

func rejectedLines(rep *importer.Report) string {
	var out []string
	for _, r := range rep.Rejections {
		out = append(out, fmt.Sprintf("%d: %s", r.Line, r.Reason))
	}
	return strings.Join(out, "\n")
}

func TestImportLayoffs(t *testing.T) {
	st, pool := demoStore(t)
	ctx := context.Background()
	rep := importFile(t, st, "testdata/layoffs.csv", importer.Options{Who: "test"})
	if rep.Table != importer.TableLayoffs || rep.Read != 9 || rep.Created != 8 || rep.Rejected != 1 || rep.Columns["total_laid_off"] != "laid_off" {
		t.Fatalf("report %+v\n%s", rep, rejectedLines(rep))
	}
	if r := rep.Rejections[0]; r.Line != 8 || !strings.Contains(r.Reason, "line 7") {
		t.Errorf("rejection %+v, want line 8 as a duplicate of line 7", r)
	}

	// The Twitter row joins the demo's Twitter (found by name), with its figures and article.
	id, err := st.EventIDByExternalID(ctx, "layoffs:twitter:2022-11-04:"+externalSuffix(t, pool, "twitter", "2022-11-04"))
	if err != nil {
		t.Fatal(err)
	}
	ev, err := st.GetEvent(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if ev.Title != "Twitter lays off 3,700 employees (50%)" || ev.DatePrecision != "day" || ev.DateStart.String() != "2022-11-04" {
		t.Errorf("event %+v", ev.Event)
	}
	if len(ev.Actors) != 1 || ev.Actors[0].Slug != "twitter" || ev.Actors[0].Role != "employer" {
		t.Errorf("actors %+v", ev.Actors)
	}
	figs := map[string]model.Figure{}
	for _, f := range ev.Figures {
		figs[f.Metric] = f
	}
	if f := figs["employees_affected"]; f.Value != 3700 || f.Unit != "person" || f.ArticleURL == nil || *f.ArticleURL != "https://www.nytimes.com/2022/11/04/technology/elon-musk-twitter-layoffs.html" {
		t.Errorf("employees_affected %+v", f)
	}
	if f := figs["workforce_share"]; f.Value != 0.5 || f.Unit != "ratio" {
		t.Errorf("workforce_share %+v", f)
	}
	if f := figs["funds_raised"]; f.Value != 12.9e9 || f.Unit != "USD" || f.Derived != "12900 million USD" {
		t.Errorf("funds_raised %+v", f)
	}
	if len(ev.Sources) != 1 || ev.Sources[0].Article.Source != "nytimes.com" {
		t.Errorf("sources %+v", ev.Sources)
	}
	// Unknown is not zero: Expedia's row has no number and no share, so no such figures.
	if n := count(t, pool, `SELECT count(*) FROM figures f JOIN events e ON e.id = f.event_id
		WHERE e.title LIKE 'Expedia%' AND f.metric IN ('employees_affected', 'workforce_share')`); n != 0 {
		t.Errorf("Expedia has %d people or share figures, want none", n)
	}
	if n := count(t, pool, `SELECT count(*) FROM events WHERE title = 'Entropy shuts down, laying off all its staff'`); n != 1 {
		t.Errorf("Entropy title")
	}
	if n := count(t, pool, `SELECT count(*) FROM events e WHERE e.summary LIKE '%Source: Internal memo.%'
		AND NOT EXISTS (SELECT 1 FROM event_sources es WHERE es.event_id = e.id)`); n != 1 {
		t.Errorf("Personio: the source that is not a URL should be in the summary, with no article")
	}
	if n := count(t, pool, `SELECT count(*) FROM figures WHERE metric = 'workforce_share' AND value = 0.7`); n != 1 {
		t.Errorf("PhableCare's 0.7000000000000001 should be stored as 0.7")
	}
	if n := count(t, pool, `SELECT count(*) FROM event_history WHERE changed_by = 'test'`); n == 0 {
		t.Errorf("the import is not in the history")
	}

	// Importing again writes nothing: no new rows, no history.
	before := tableCounts(t, pool)
	rep = importFile(t, st, "testdata/layoffs.csv", importer.Options{Who: "test"})
	if rep.Created != 0 || rep.Updated != 0 || rep.Unchanged != 8 || rep.Rejected != 1 {
		t.Errorf("second import %+v", rep)
	}
	if after := tableCounts(t, pool); after != before {
		t.Errorf("second import changed the database:\n%s\n%s", before, after)
	}
}

// externalSuffix finds the digest part of a layoff's external id.
func externalSuffix(t *testing.T, pool *pgxpool.Pool, slug, date string) string {
	t.Helper()
	var ext string
	if err := pool.QueryRow(context.Background(), `SELECT external_id FROM events WHERE external_id LIKE $1`,
		"layoffs:"+slug+":"+date+":%").Scan(&ext); err != nil {
		t.Fatal(err)
	}
	return ext[strings.LastIndex(ext, ":")+1:]
}

func TestImportDirtyTable(t *testing.T) {
	st := store.New(testdb.New(t))
	rep := importFile(t, st, "testdata/dirty_layoffs.csv", importer.Options{Map: map[string]string{"% of Staff": "percentage", "Notes": "ignore"}})
	want := []string{
		`5: company: empty: a layoff needs its company`,
		`6: laid_off: "forty" is not a number`,
		`7: date: "2024-02-30" is not a date`,
		`8: date: empty: a layoff needs its date`,
		`9: percentage: "150%" is out of range`,
	}
	got := rejectedLines(rep)
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("rejections lack %q:\n%s", w, got)
		}
	}
	if rep.Read != 9 || rep.Created != 4 || rep.Rejected != 5 {
		t.Fatalf("report %+v\n%s", rep, got)
	}
	ctx := context.Background()
	var buf bytes.Buffer
	if _, err := httpapi.Export(ctx, st, &buf, url.Values{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		`"title":"Acme Robotics lays off 1,265 employees (12%)"`,
		`"article_url":"https://example.com/acme"`,
		`"title":"Béta Café announces layoffs"`,
		`"value":300,"unit":"person","qualifier":"approximate"`,
		`"date_start":"2024-04-13"`,
		`"value":1000,"unit":"person","qualifier":"at_least"`,
		`"date_start":"2024-01-01","date_end":"2024-12-31","date_precision":"year"`,
		`"summary":"Location: Austin. Source: Internal memo."`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("export lacks %s\n%s", want, out)
		}
	}

	// A mapping naming no column, or no field, is refused before anything is read.
	f, _ := os.Open("testdata/dirty_layoffs.csv")
	defer f.Close()
	if _, err := importer.Import(ctx, st, f, importer.Options{Map: map[string]string{"Nope": "company"}}); err == nil || !strings.Contains(err.Error(), "no column is named") {
		t.Errorf("bad mapping: %v", err)
	}
}

func TestImportAllOrNothing(t *testing.T) {
	st, pool := demoStore(t)
	before := tableCounts(t, pool)
	rep := importFile(t, st, "testdata/dirty_layoffs.csv", importer.Options{AllOrNothing: true, Map: map[string]string{"% of Staff": "percentage"}})
	if !rep.RolledBack || rep.Rejected != 5 || len(rep.Rejections) != 5 {
		t.Fatalf("report %+v", rep)
	}
	if after := tableCounts(t, pool); after != before {
		t.Errorf("a rolled back import changed the database:\n%s\n%s", before, after)
	}
	rep = importFile(t, st, "testdata/layoffs.csv", importer.Options{AllOrNothing: true})
	if !rep.RolledBack {
		t.Errorf("the duplicate line should roll the import back")
	}
	rep = importFile(t, st, "testdata/acquisitions.csv", importer.Options{AllOrNothing: true, Table: importer.TableAcquisitions})
	if !rep.RolledBack || rep.Rejected != 1 {
		t.Errorf("acquisitions: %+v", rep)
	}
}

func TestImportAcquisitions(t *testing.T) {
	st, pool := demoStore(t)
	rep := importFile(t, st, "testdata/acquisitions.csv", importer.Options{})
	if rep.Table != importer.TableAcquisitions || rep.Created != 6 || rep.Rejected != 1 || rep.Rejections[0].Line != 8 {
		t.Fatalf("report %+v\n%s", rep, rejectedLines(rep))
	}
	var (
		start, end, precision string
		value                 float64
	)
	err := pool.QueryRow(context.Background(), `
		SELECT e.date_start::text, e.date_end::text, e.date_precision, f.value
		FROM events e JOIN figures f ON f.event_id = e.id AND f.metric = 'deal_value'
		WHERE e.title = 'Twitter acquires Periscope'`).Scan(&start, &end, &precision, &value)
	if err != nil {
		t.Fatal(err)
	}
	if start != "2015-03-01" || end != "2015-03-31" || precision != "month" || value != 50100000000 {
		t.Errorf("Periscope: %s %s %s %v", start, end, precision, value)
	}
	// Both Twitter rows name the demo's Twitter; the targets are new actors.
	if n := count(t, pool, `SELECT count(DISTINCT ea.actor_id) FROM event_actors ea JOIN actors a ON a.id = ea.actor_id
		WHERE ea.role = 'acquirer' AND a.slug = 'twitter'`); n != 1 {
		t.Errorf("Twitter is %d actors", n)
	}
	if n := count(t, pool, `SELECT count(*) FROM events e WHERE e.title = 'Hp acquires Trilead'
		AND NOT EXISTS (SELECT 1 FROM figures f WHERE f.event_id = e.id)`); n != 1 {
		t.Errorf("an undisclosed price must give no figure")
	}
	if rep := importFile(t, st, "testdata/acquisitions.csv", importer.Options{}); rep.Unchanged != 6 || rep.Created+rep.Updated != 0 {
		t.Errorf("second import %+v", rep)
	}
}
