package extract

import (
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzExtract holds Extract to its contract on any input: no panic, and
// every quote matches its offsets.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"Meta to lay off 11,000 employees, about 13% of its workforce.",
		"Il y a deux semaines, le multimilliardaire a licencié la moitié des 7.500 employés.",
		"$44bn 3,7 milliards € 10 % #RIPTwitter @x http://a.b 1er 4th 2022-11-04 12'000 k€ M€",
		"« Ils sont plusieurs centaines à avoir quitté le navire » — entre 500 et 700 postes",
		"", ".", "1", "a", "’", "\n\n\n", "Inc.", "#", "$", "%", "la moitié", "one in",
	} {
		f.Add(s, "2022-11-18")
	}
	f.Fuzz(func(t *testing.T, text, pub string) {
		if !utf8.ValidString(text) {
			return
		}
		p, _ := time.Parse("2006-01-02", pub)
		r, err := Extract(text, Options{Published: p})
		if err != nil {
			t.Fatal(err)
		}
		checkSpans(t, text, r)
	})
}
