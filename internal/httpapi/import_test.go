package httpapi_test

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/newsevents/newsevents/internal/httpapi"
	"github.com/newsevents/newsevents/internal/importer"
	"github.com/newsevents/newsevents/internal/store"
)

// layoffsCSV holds rows in the columns of the layoffs.fyi tracker, one of them bad.
const layoffsCSV = `company,location,total_laid_off,date,percentage_laid_off,industry,source,stage,funds_raised,country,date_added
Amazon,Seattle,16000.0,1/28/2026,,Retail,https://www.aboutamazon.com/news/company-news/amazon-layoffs-corporate-jan-2026,Post-IPO,8100,United States,1/28/2026
Pinterest,SF Bay Area,700.0,1/27/2026,0.15,Consumer,https://www.theverge.com/news/868531/pinterest-layoffs-cuts-15-percent-ai-transformation,Post-IPO,1500,United States,1/27/2026
Nowhere,Seattle,12,sometime,,Retail,,Seed,,United States,1/28/2026
`

func TestImportEndpoint(t *testing.T) {
	h, pool, key := newWriteServer(t)
	post := func(query, body string, header ...string) (int, http.Header, []byte) {
		t.Helper()
		return call(t, h, "POST", "/v1/import"+query, key, body, append([]string{"Content-Type", "text/csv"}, header...)...)
	}
	code, _, out := post("", layoffsCSV)
	if code != 200 {
		t.Fatalf("import = %d %s", code, out)
	}
	rep := decode[importer.Report](t, out)
	if rep.Table != "layoffs" || rep.Created != 2 || rep.Rejected != 1 || rep.Rejections[0].Line != 4 || !strings.Contains(rep.Rejections[0].Reason, `"sometime" is not a date`) {
		t.Errorf("report %+v", rep)
	}
	if n := count(t, pool, `SELECT count(*) FROM event_history WHERE changed_by = 'curator'`); n == 0 {
		t.Errorf("the import is not recorded as the key's change")
	}
	// Again: nothing new.
	code, _, out = post("", layoffsCSV)
	if rep := decode[importer.Report](t, out); code != 200 || rep.Unchanged != 2 || rep.Created != 0 {
		t.Errorf("second import = %d %s", code, out)
	}
	// All or nothing: 422 with the report, nothing written.
	before := count(t, pool, `SELECT count(*) FROM events`)
	code, hdr, out := post("?all_or_nothing=true", strings.Replace(layoffsCSV, "Amazon", "Amazone", 1))
	var p struct {
		Status int             `json:"status"`
		Report importer.Report `json:"report"`
	}
	if err := json.Unmarshal(out, &p); err != nil || code != 422 || hdr.Get("Content-Type") != "application/problem+json" || !p.Report.RolledBack || p.Report.Rejected != 1 {
		t.Errorf("all or nothing = %d %s", code, out)
	}
	if n := count(t, pool, `SELECT count(*) FROM events`); n != before {
		t.Errorf("%d events after a rolled back import, %d before", n, before)
	}
	// An Idempotency-Key replays the first report.
	body := strings.Replace(layoffsCSV, "Pinterest", "Pinterest Inc", 1)
	c1, _, o1 := post("", body, "Idempotency-Key", "imp-1")
	c2, h2, o2 := post("", body, "Idempotency-Key", "imp-1")
	if c1 != 200 || c2 != 200 || string(o1) != string(o2) || h2.Get("Idempotency-Replayed") != "true" {
		t.Errorf("replay: %d %s / %d %s", c1, o1, c2, o2)
	}
	// Bad parameters and headers that say nothing of the table are 400s.
	code, _, out = post("?map=company", layoffsCSV)
	if code != 400 || !strings.Contains(string(out), `"parameter":"map"`) {
		t.Errorf("bad map = %d %s", code, out)
	}
	code, _, out = post("", "a,b\n1,2\n")
	if code != 400 || !strings.Contains(string(out), "cannot tell what this table holds") {
		t.Errorf("unknown table = %d %s", code, out)
	}
	// A file over the limit is refused whole.
	opts := httpapi.DefaultOptions()
	opts.MaxImportBytes = 100
	small := httpapi.NewServer(slog.New(slog.DiscardHandler), store.New(pool), opts)
	if code, _, out := call(t, small, "POST", "/v1/import", key, layoffsCSV, "Content-Type", "text/csv"); code != 413 {
		t.Errorf("import over the limit = %d %s", code, out)
	}
	// Writes need a key.
	if code, _, _ := call(t, h, "POST", "/v1/import", "", layoffsCSV, "Content-Type", "text/csv"); code != 401 {
		t.Errorf("import without a key = %d", code)
	}
}

func TestExportEndpoint(t *testing.T) {
	h, _, _ := newWriteServer(t)
	code, hdr, out := call(t, h, "GET", "/v1/export", "", "")
	if code != 200 || hdr.Get("Content-Type") != "application/x-ndjson" {
		t.Fatalf("export = %d %s", code, hdr.Get("Content-Type"))
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 9 || !strings.HasPrefix(lines[0], `{"id":1,`) || !strings.Contains(lines[0], `"body":"L’oiseau bleu`) {
		t.Errorf("%d lines; first %.200s", len(lines), lines[0])
	}
	code, hdr, out = call(t, h, "GET", "/v1/export?format=csv&type=layoff", "", "")
	if code != 200 || !strings.HasPrefix(hdr.Get("Content-Type"), "text/csv") || strings.Count(string(out), "\r\n") != 2 {
		t.Errorf("CSV export = %d %s", code, out)
	}
	code, _, out = call(t, h, "GET", "/v1/export?format=xml&from=yesterday", "", "")
	if code != 400 || !strings.Contains(string(out), `"parameter":"format"`) || !strings.Contains(string(out), `"parameter":"from"`) {
		t.Errorf("bad export = %d %s", code, out)
	}
}
