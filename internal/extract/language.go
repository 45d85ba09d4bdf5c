package extract

import "strings"

// Languages the extractor reads.
const (
	French  = "fr"
	English = "en"
)

// functionWords are frequent words that tell French from English; the
// shared ones ("a", "on", "en"…) are left out.
var functionWords = map[string]string{
	"le": French, "la": French, "les": French, "des": French, "du": French, "de": French, "et": French,
	"est": French, "une": French, "dans": French, "pour": French, "que": French, "qui": French,
	"sur": French, "au": French, "aux": French, "avec": French, "pas": French, "ne": French, "ce": French,
	"cette": French, "il": French, "elle": French, "ont": French, "sont": French, "été": French,
	"ete": French, "l'": French, "d'": French, "qu'": French, "n'": French, "s'": French, "selon": French,
	"the": English, "and": English, "of": English, "to": English, "is": English, "was": English,
	"for": English, "that": English, "with": English, "by": English, "from": English, "it": English,
	"has": English, "have": English, "are": English, "were": English, "said": English, "its": English,
	"this": English, "which": English, "will": English, "their": English, "after": English, "at": English,
}

// detectLanguage guesses French or English from function-word counts;
// a tie (a line too short to have any) goes to French when a lower-case
// word carries a French accent ("Acme a licencié 120 salariés"; names such as
// "Café" do not count), to English otherwise.
func detectLanguage(toks []token) string {
	fr, en, accented := 0, 0, 0
	for _, t := range toks {
		if t.kind != tkWord {
			continue
		}
		switch functionWords[t.fold] {
		case French:
			fr++
		case English:
			en++
		}
		if !t.upper && strings.ContainsAny(t.text, "éèêàâçùûîôëïœ") {
			accented++
		}
	}
	if fr > en || (fr == en && accented > 0) {
		return French
	}
	return English
}
