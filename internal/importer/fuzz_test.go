package importer

import (
	"bufio"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/newsevents/newsevents/internal/model"
)

// FuzzCSVTable reads an arbitrary CSV file as the importer does (header detection, every row to
// an event document): no panic, and each row is a document or a reason, never both or neither.
func FuzzCSVTable(f *testing.F) {
	for _, s := range []string{
		"company,location,total_laid_off,date,percentage_laid_off,industry,source,stage,funds_raised,country\nAmazon,Seattle,16000.0,1/28/2026,,Retail,https://example.com/a,Post-IPO,8100,United States\n",
		"Parent Company,Acquired Company,Year,Month,Price,Business,Country\nGoogle,Fitbit,2021,January,$2.1B,Wearables,US\n",
		"company,date,total_laid_off\nX,2022-13-45,1e309\nY,,-5\n\"unterminated,2022-01-01,3\n",
		"company,date,# Laid Off,percentage\nA,Nov 2022,~300,15%\nB,2022,1000+,200%\nC,4 Nov 2022,\"1 265\",0.5\n",
		"a,b,c\n1,2,3,4\n", "\xef\xbb\xbfcompany,date\nA,2022-01-01\n", "company\x00,date\nA\x00,2022-01-01\n", "", "\n\n\n",
	} {
		f.Add(s, "")
		f.Add(s, TableLayoffs)
	}
	f.Add("Acquirer,Target,Date,Price\nA,B,11/4/2022,$44B\n", TableAcquisitions)
	f.Fuzz(func(t *testing.T, data, kind string) {
		if kind != TableLayoffs && kind != TableAcquisitions {
			kind = ""
		}
		tbl, err := newTable(bufio.NewReader(strings.NewReader(data)), kind, nil)
		if err != nil {
			var me *model.Error
			if !errors.As(err, &me) {
				t.Fatalf("header refused with %v, want a model error", err)
			}
			return
		}
		for n := 0; n < 1000; n++ {
			it, err := tbl.next()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				return // reading failed (not a CSV problem of a row); reported as a whole
			}
			if it.err == nil && it.doc.Title == "" {
				t.Fatalf("line %d: a document with no title and no reason", it.line)
			}
		}
	})
}
