package extract

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// Every code in every result on every test text belongs to Codes(), so
// that the database's vocabulary tables can hold them.
func TestCodesCoverOutput(t *testing.T) {
	v := Codes()
	var texts []string
	for _, dir := range []string{"passages", "holdout", "holdout2", "holdout3"} {
		paths, _ := filepath.Glob(filepath.Join("testdata", dir, "*.txt"))
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			texts = append(texts, string(b))
		}
	}
	texts = append(texts, readTestdata(t, "seed_fr_twitter.txt"), readTestdata(t, "bench_en_meta.txt"))
	seen := 0
	for _, text := range texts {
		r := mustExtract(t, text, "auto", "2023-01-01")
		for _, e := range r.Events {
			seen++
			check := func(what, code string, list []string) {
				if !slices.Contains(list, code) {
					t.Errorf("%s %q not in Codes()", what, code)
				}
			}
			check("event type", e.Type, v.EventTypes)
			if e.Date != nil {
				check("precision", e.Date.Precision, v.Precisions)
				if _, _, ok := e.Date.Range(); !ok {
					t.Errorf("unresolved date %+v with a publication date", e.Date)
				}
			}
			for _, a := range e.Actors {
				check("kind", a.Kind, v.Kinds)
				check("role", a.Role, v.Roles)
				if a.Key != NameKey(a.Name) {
					t.Errorf("actor %q key %q", a.Name, a.Key)
				}
			}
			for _, f := range e.Figures {
				check("metric", f.Metric, v.Metrics)
				check("qualifier", f.Qualifier, v.Qualifiers)
				check("unit", f.Unit, append(slices.Clone(v.Units), v.Currencies...))
				if (f.Qualifier == QualRange) != (f.Low != "" && f.High != "") {
					t.Errorf("figure %+v: low/high only for ranges", f)
				}
			}
			if _, ok := e.MainActor(); !ok && len(e.Actors) > 0 {
				t.Errorf("%s has actors but no main actor", e.Type)
			}
		}
	}
	if seen < 50 {
		t.Errorf("only %d events seen", seen)
	}
}
