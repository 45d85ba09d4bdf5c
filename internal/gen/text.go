package gen

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// writer builds a text and knows its length in code points, so spans can be recorded as the
// API reports them.
type writer struct {
	b     strings.Builder
	runes int
}

func (w *writer) str(s string) {
	w.b.WriteString(s)
	w.runes += utf8.RuneCountInString(s)
}

func (w *writer) String() string { return w.b.String() }

// span is a piece of text at code-point offsets [start, end).
type span struct {
	key        string
	text       string
	start, end int
}

// fill resolves one template placeholder: its text, and whether it is a figure to record.
type fill func(key string) (text string, figure bool)

// mark is a position in a writer's text.
type mark struct{ bytes, runes int }

func (w *writer) mark() mark { return mark{w.b.Len(), w.runes} }

// since returns the span of what was written after m.
func (w *writer) since(m mark) span {
	return span{text: w.b.String()[m.bytes:], start: m.runes, end: w.runes}
}

// template writes tpl, replacing each {key} through f, and returns the spans of the figures.
// A placeholder opening the template is capitalised, as it opens a sentence.
func (w *writer) template(tpl string, f fill) []span {
	var spans []span
	for first := true; ; first = false {
		i := strings.IndexByte(tpl, '{')
		if i < 0 {
			w.str(tpl)
			return spans
		}
		j := strings.IndexByte(tpl[i:], '}') + i
		w.str(tpl[:i])
		key := tpl[i+1 : j]
		text, fig := f(key)
		if first && i == 0 {
			text = capitalize(text)
		}
		start := w.runes
		w.str(text)
		if fig {
			spans = append(spans, span{key: key, text: text, start: start, end: w.runes})
		}
		tpl = tpl[j+1:]
	}
}

// keys returns the placeholders of tpl in order.
func keys(tpl string) []string {
	var out []string
	for {
		i := strings.IndexByte(tpl, '{')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(tpl[i:], '}') + i
		out = append(out, tpl[i+1:j])
		tpl = tpl[j+1:]
	}
}

// capitalize upper-cases the first letter, for sentences that start with a placeholder.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

const nbsp = "\u00a0"

// formatInt writes n with thousands separators: 1,200 in English, 1 200 in French.
func formatInt(n int64, lang string) string {
	s := strconv.FormatInt(n, 10)
	sep := ","
	if lang == "fr" {
		sep = nbsp
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	return b.String()
}

// formatDecimal writes v with at most one decimal, with the language's decimal mark.
func formatDecimal(v float64, lang string) string {
	s := strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
	if lang == "fr" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

func formatCount(v float64, lang, nounEN, nounFR string) string {
	noun := nounEN
	if lang == "fr" {
		noun = nounFR
	}
	if v == 1 {
		noun = strings.TrimSuffix(noun, "s")
	}
	return formatInt(int64(v), lang) + " " + noun
}

func formatPercent(v float64, lang string) string {
	p := strconv.Itoa(int(math.Round(v * 100)))
	if lang == "fr" {
		return p + nbsp + "%"
	}
	return p + "%"
}

var currencyNames = map[string]struct{ symbol, en, fr string }{
	"USD": {"$", "dollars", "dollars"}, "EUR": {"€", "euros", "euros"}, "GBP": {"£", "pounds", "livres"},
	"JPY": {"¥", "yen", "yens"}, "CHF": {"", "Swiss francs", "francs suisses"}, "CAD": {"", "Canadian dollars", "dollars canadiens"},
	"SEK": {"", "kronor", "couronnes suédoises"}, "CNY": {"", "yuan", "yuans"}, "INR": {"", "rupees", "roupies"},
	"BRL": {"", "reais", "réais"},
}

// formatMoney writes an amount as the press does: $4.5 billion, 4,5 milliards de dollars.
func formatMoney(v float64, cur, lang string) string {
	c := currencyNames[cur]
	var mant float64
	var scaleEN, scaleFR string
	switch {
	case v >= 1e9:
		mant, scaleEN, scaleFR = v/1e9, "billion", "milliard"
	case v >= 1e6:
		mant, scaleEN, scaleFR = v/1e6, "million", "million"
	}
	if lang == "fr" {
		if scaleFR == "" {
			return formatInt(int64(v), lang) + " " + c.fr
		}
		if mant >= 2 {
			scaleFR += "s"
		}
		de := " de "
		if strings.ContainsAny(c.fr[:1], "aeiou") {
			de = " d’"
		}
		return formatDecimal(mant, lang) + " " + scaleFR + de + c.fr
	}
	amount := formatInt(int64(v), lang)
	if scaleEN != "" {
		amount = formatDecimal(mant, lang) + " " + scaleEN
	}
	if c.symbol != "" {
		return c.symbol + amount
	}
	return amount + " " + c.en
}

// formatFact writes a fact's value in lang.
func formatFact(f fact, v float64, lang string) string {
	switch {
	case f.unit == "ratio":
		return formatPercent(v, lang)
	case f.nounEN == "":
		return formatMoney(v, f.unit, lang)
	default:
		return formatCount(v, lang, f.nounEN, f.nounFR)
	}
}

// dateText says when an event happened, as precisely as its precision allows.
func dateText(start time.Time, precision, lang string) string {
	y := strconv.Itoa(start.Year())
	m := start.Month()
	fr := lang == "fr"
	dayMonth := func() string {
		if fr {
			return strconv.Itoa(start.Day()) + " " + monthsFR[m-1] + " " + y
		}
		return strconv.Itoa(start.Day()) + " " + m.String() + " " + y
	}
	switch precision {
	case "day":
		if fr {
			return "le " + dayMonth()
		}
		return "on " + dayMonth()
	case "week":
		if fr {
			return "la semaine du " + dayMonth()
		}
		return "in the week of " + dayMonth()
	case "month":
		if fr {
			return "en " + monthsFR[m-1] + " " + y
		}
		return "in " + m.String() + " " + y
	case "season":
		seasonsEN := []string{"winter", "spring", "summer", "autumn"}
		seasonsFR := []string{"l’hiver", "le printemps", "l’été", "l’automne"}
		s := int(m) % 12 / 3
		if fr {
			return "durant " + seasonsFR[s] + " " + y
		}
		return "in the " + seasonsEN[s] + " of " + y
	case "quarter":
		q := (int(m) - 1) / 3
		if fr {
			return "au " + []string{"premier", "deuxième", "troisième", "quatrième"}[q] + " trimestre " + y
		}
		return "in the " + []string{"first", "second", "third", "fourth"}[q] + " quarter of " + y
	default:
		if fr {
			return "en " + y
		}
		return "in " + y
	}
}

// slugify turns a name into lower-case ASCII words joined by hyphens.
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		case unicode.Is(unicode.Mn, r):
			// accents fold away
		default:
			dash = true
		}
	}
	return b.String()
}
