package importer_test

import (
	"bytes"
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/newsevents/newsevents/internal/httpapi"
	"github.com/newsevents/newsevents/internal/importer"
	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/records"
	"github.com/newsevents/newsevents/internal/store"
	"github.com/newsevents/newsevents/internal/testdb"
)

func export(t *testing.T, st *store.Store, params url.Values) string {
	t.Helper()
	var buf bytes.Buffer
	if _, err := httpapi.Export(context.Background(), st, &buf, params); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestRoundTrip exports a database holding every kind of record (the demo story with its
// links and quotes, imported tables, a figure range, a retracted event, a merged one), imports
// the export into an empty database and exports that: the two exports are the same bytes.
func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	st, pool := demoStore(t)
	importFile(t, st, "testdata/layoffs.csv", importer.Options{})
	importFile(t, st, "testdata/acquisitions.csv", importer.Options{})
	voc, err := st.VocabularyCodes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rd, doc, err := records.Parse([]byte(`{"type":"layoff","title":"Range","date_start":"2023-01-10","date_end":"2023-01-20",
		"date_precision":"week","status":"disputed","confidence":0.25,
		"actors":[{"name":"Range Co","kind":"organization","role":"employer","aliases":["RC"],"country":"FR"}],
		"figures":[{"metric":"employees_affected","value":150,"unit":"person","qualifier":"range","low":100,"high":200,
		            "article_url":"https://example.com/range","text":"100 to 200","start":4,"end":14}],
		"sources":[{"article":{"url":"https://example.com/range","title":"R","body":"Cut 100 to 200 jobs","language":"en",
		            "published_at":"2023-01-21T10:00:00Z"},"evidence":{"text":"100 to 200","start":4,"end":14},"note":"n"}],
		"links":[{"type":"related","event":{"id":1}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	in := records.NewDecoder(voc, records.Create).Event(doc)
	if err := rd.Err(); err != nil {
		t.Fatal(err)
	}
	err = st.WriteTx(ctx, "test", func(tx *store.Store) error {
		outs, rels, err := records.Save(ctx, tx, []model.EventInput{in, in}, store.SaveOptions{Mode: store.SaveCreate})
		if err != nil {
			return err
		}
		if _, err := tx.SetRelations(ctx, rels); err != nil {
			return err
		}
		if err := tx.RetractEvent(ctx, 2); err != nil {
			return err
		}
		_, err = tx.SetRelations(ctx, []store.Relations{{EventID: outs[1].ID, MergedInto: &outs[0].ID}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}

	first := export(t, st, url.Values{})
	lines := strings.Count(first, "\n")
	if want := count(t, pool, "SELECT count(*) FROM events"); lines != want {
		t.Fatalf("export has %d lines, the database %d events", lines, want)
	}
	for _, want := range []string{`"status":"retracted"`, `"merged_into":`, `"direction":"incoming"`, `"qualifier":"range","low":100,"high":200`,
		`"aliases":["Twitter, Inc.","Twitter Inc","X Corp"]`, `"body":"L’oiseau bleu se déplume.`} {
		if !strings.Contains(first, want) {
			t.Errorf("the export lacks %s", want)
		}
	}

	empty := store.New(testdb.New(t))
	rep, err := importer.Import(ctx, empty, strings.NewReader(first), importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Format != importer.FormatNDJSON || rep.Created != lines || rep.Rejected != 0 || len(rep.Warnings) != 0 || !rep.KeptTimestamps {
		t.Fatalf("import of the export: %+v", rep)
	}
	second := export(t, empty, url.Values{})
	if second != first {
		t.Errorf("export -> import -> export differs:\n%s", firstDifference(first, second))
	}

	// Importing it again changes nothing.
	rep, err = importer.Import(ctx, empty, strings.NewReader(first), importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Unchanged != lines || rep.Created+rep.Updated+rep.Rejected != 0 || rep.KeptTimestamps {
		t.Errorf("re-import: %+v", rep)
	}
	if third := export(t, empty, url.Values{}); third != first {
		t.Errorf("re-import changed the export:\n%s", firstDifference(first, third))
	}
	// New records get ids after the imported ones.
	var next int64
	if err := empty.WriteTx(ctx, "test", func(tx *store.Store) error {
		ids, err := tx.CreateActors(ctx, []model.ActorRef{{Name: "After Import", Kind: "person"}}, false)
		if len(ids) == 1 {
			next = ids[0]
		}
		return err
	}); err != nil {
		t.Fatalf("a new actor after the import: %v", err)
	}
	if max := count(t, pool, "SELECT max(id) FROM actors"); next <= int64(max) {
		t.Errorf("new actor id %d, want more than %d", next, max)
	}

	// A filtered export holds only what it asks for.
	part := export(t, st, url.Values{"type": {"acquisition"}, "from": {"2015-01-01"}, "to": {"2019-12-31"}})
	if strings.Count(part, "\n") != 2 || strings.Contains(part, `"type":"layoff"`) {
		t.Errorf("filtered export:\n%s", part)
	}
	csv := export(t, st, url.Values{"format": {"csv"}, "status": {"retracted"}})
	if !strings.HasPrefix(csv, "id,type,title,") || strings.Count(csv, "\r\n") != 2 {
		t.Errorf("CSV export:\n%s", csv)
	}
}

func firstDifference(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return "first:  " + al[i] + "\nsecond: " + bl[i]
		}
	}
	return "lengths differ"
}

func TestImportNDJSONRejects(t *testing.T) {
	st, _ := demoStore(t)
	ctx := context.Background()
	lines := strings.Split(strings.TrimSpace(export(t, st, url.Values{"type": {"layoff"}})), "\n")
	good := strings.Replace(lines[0], `"id":3,`, `"id":3000,`, 1)
	good = strings.Replace(good, `"external_id":"demo:7sur7-2022-11-18:layoff"`, `"external_id":"copy"`, 1)
	file := strings.Join([]string{
		good,
		`{"type":"layoff",`,
		`{"type":"layoff","title":"x","date_start":"2024-01-01","bogus":1}`,
		``,
		`{"type":"layof","title":"x","date_start":"2024-01-01","figures":[{"metric":"headcount","value":-1,"unit":"person"}]}`,
		good,
		`{"id":3001,"type":"layoff","title":"Linked","date_start":"2024-01-01","links":[{"type":"led_to","event":{"id":999999}}]}`,
	}, "\n")
	rep, err := importer.Import(ctx, st, strings.NewReader(file), importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := rejectedLines(rep)
	if rep.Read != 6 || rep.Created != 2 || rep.Rejected != 4 {
		t.Fatalf("report %+v\n%s", rep, got)
	}
	for i, want := range []string{"2: the body is not valid JSON", "3: the body has bad members", "5: the body has values", "6: the same record as line 1"} {
		if !strings.Contains(got, want) {
			t.Errorf("rejection %d: want %q in\n%s", i, want, got)
		}
	}
	if ptrs := rep.Rejections[2].Errors; len(ptrs) != 2 || ptrs[0].Pointer != "/type" || ptrs[1].Pointer != "/figures/0/value" {
		t.Errorf("line 5 errors %+v", ptrs)
	}
	if len(rep.Warnings) != 1 || rep.Warnings[0].Line != 7 || rep.Warnings[0].Errors[0].Pointer != "/links/0/event/id" {
		t.Errorf("warnings %+v", rep.Warnings)
	}
	// The copy keeps its id, and the demo layoff is untouched.
	if ev, err := st.GetEvent(ctx, 3000); err != nil || ev.Title == "" || len(ev.Figures) == 0 {
		t.Errorf("copy: %v %+v", err, ev)
	}
}
