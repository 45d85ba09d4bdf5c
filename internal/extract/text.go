package extract

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// tokKind classifies a token.
type tokKind uint8

const (
	tkWord    tokKind = iota // letters, with inner hyphens and digits (dix-sept, Q3, covid-19)
	tkNum                    // a run of ASCII digits; separators are read by the number rules
	tkPunct                  // one punctuation rune
	tkSymbol                 // currency signs, %, &, +
	tkHashtag                // #RIPTwitter, #1
	tkMention                // @elonmusk
	tkURL                    // http://…, www.…
)

// spaceKind says what separates a token from the one before it.
type spaceKind uint8

const (
	spNone  spaceKind = iota // adjacent
	spSpace                  // ordinary spaces or tabs
	spHard                   // no-break spaces (U+00A0, U+202F, U+2007, U+2009)
	spLine                   // one line break
	spPara                   // a blank line
)

// token is one unit of the input. start/end are code-point offsets into the
// input text; text is the original spelling, fold its lower-cased,
// accent-free form (apostrophes, quotes and dashes unified).
type token struct {
	kind       tokKind
	space      spaceKind
	upper      bool // first letter is upper case
	caps       bool // two or more letters, all upper case
	start, end int  // code points
	bs, be     int  // bytes
	text, fold string
}

// foldTable maps the Latin-1 and Latin Extended-A/B letters to their
// lower-cased base letter, computed once from Unicode decompositions.
var foldTable = sync.OnceValue(func() []rune {
	t := make([]rune, 0x250-0xC0)
	for r := rune(0xC0); r < 0x250; r++ {
		l := unicode.ToLower(r)
		d := norm.NFD.String(string(l))
		b, _ := utf8.DecodeRuneInString(d)
		if b < 0x80 && unicode.IsLetter(b) {
			l = b
		}
		t[r-0xC0] = l
	}
	return t
})

// foldRune appends the folded form of r to b.
func foldRune(b []byte, r rune) []byte {
	switch {
	case r < 0x80:
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(b, byte(r))
	case r == 'œ' || r == 'Œ':
		return append(b, 'o', 'e')
	case r == 'æ' || r == 'Æ':
		return append(b, 'a', 'e')
	case r == 'ß':
		return append(b, 's', 's')
	case r == '’' || r == '‘' || r == 'ʼ' || r == '´' || r == '′':
		return append(b, '\'')
	case r == '“' || r == '”' || r == '«' || r == '»' || r == '„' || r == '‟':
		return append(b, '"')
	case r == '–' || r == '—' || r == '‐' || r == '‑' || r == '‒' || r == '−':
		return append(b, '-')
	case r >= 0xC0 && r < 0x250:
		return utf8.AppendRune(b, foldTable()[r-0xC0])
	}
	return utf8.AppendRune(b, unicode.ToLower(r))
}

func isHardSpace(r rune) bool {
	return r == '\u00a0' || r == '\u202f' || r == '\u2007' || r == '\u2009' || r == '\u200a'
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

func isHyphen(r rune) bool { return r == '-' || r == '‐' || r == '‑' }

func isWordRune(r rune) bool {
	if r < 0x80 {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}

// isElision tells whether the letters before an apostrophe are a French
// elided word ("l", "qu", "jusqu"), without allocating.
func isElision(rs []rune) bool {
	if len(rs) == 0 || len(rs) > 7 {
		return false
	}
	var b [7]byte
	for i, r := range rs {
		if r >= 0x80 {
			return false
		}
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		b[i] = byte(r)
	}
	return elisions[string(b[:len(rs)])]
}

// elisions are the French words written with an apostrophe before a vowel;
// "l'été" is read as "l'" + "été".
var elisions = map[string]bool{
	"l": true, "d": true, "j": true, "m": true, "n": true, "s": true, "t": true, "c": true,
	"qu": true, "jusqu": true, "lorsqu": true, "puisqu": true, "quoiqu": true, "presqu": true,
}

// tokenize splits text into tokens with code-point offsets.
func tokenize(text string) []token {
	rs := []rune(text)
	toks := make([]token, 0, len(rs)/4+8)
	fold := make([]byte, 0, len(text)+16)
	// Byte offsets follow rune offsets: tokens come in order, so a cursor
	// walks the text once.
	curRune, curByte := 0, 0
	byteAt := func(r int) int {
		for curRune < r {
			_, n := utf8.DecodeRuneInString(text[curByte:])
			curByte += n
			curRune++
		}
		return curByte
	}
	type span struct{ fs, fe int }
	folds := make([]span, 0, cap(toks))
	space := spNone
	newlines := 0
	emit := func(k tokKind, s, e int) {
		// Lower-case ASCII is its own fold: no copy (fs = -1).
		fs := -1
		for _, r := range rs[s:e] {
			if r >= 0x80 || 'A' <= r && r <= 'Z' || r == '\'' {
				fs = len(fold)
				break
			}
		}
		if fs >= 0 {
			for _, r := range rs[s:e] {
				fold = foldRune(fold, r)
			}
		}
		bs := byteAt(s)
		be := byteAt(e)
		t := token{kind: k, start: s, end: e, bs: bs, be: be, text: text[bs:be], space: space}
		if newlines >= 2 {
			t.space = spPara
		} else if newlines == 1 {
			t.space = spLine
		}
		letters, uppers := 0, 0
		for i, r := range rs[s:e] {
			if r < 0x80 && !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') {
				continue
			}
			if r < 0x80 && r >= 'a' {
				letters++
				continue
			}
			if r < 0x80 || unicode.IsLetter(r) {
				letters++
				if r < 0x80 || unicode.IsUpper(r) {
					uppers++
					if i == 0 || (k == tkHashtag && i == 1) {
						t.upper = true
					}
				}
			}
		}
		t.caps = letters >= 2 && uppers == letters
		toks = append(toks, t)
		folds = append(folds, span{fs, len(fold)})
		space, newlines = spNone, 0
	}
	n := len(rs)
	for i := 0; i < n; {
		r := rs[i]
		switch {
		case r == '\n':
			newlines++
			if space == spNone {
				space = spSpace
			}
			i++
		case isHardSpace(r):
			if space != spSpace {
				space = spHard
			}
			i++
		case unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff':
			space = spSpace
			i++
		case (r == 'h' || r == 'w' || r == 'H' || r == 'W') && isURLStart(rs[i:]):
			j := i
			for j < n && !unicode.IsSpace(rs[j]) && !isHardSpace(rs[j]) {
				j++
			}
			for j > i+1 && strings.ContainsRune(".,;:)!?»”\"'", rs[j-1]) {
				j--
			}
			emit(tkURL, i, j)
			i = j
		case (r == '#' || r == '@') && i+1 < n && (isWordRune(rs[i+1]) || unicode.IsDigit(rs[i+1])):
			j := i + 1
			for j < n && (isWordRune(rs[j]) || unicode.IsDigit(rs[j]) || rs[j] == '_') {
				j++
			}
			if r == '#' {
				emit(tkHashtag, i, j)
			} else {
				emit(tkMention, i, j)
			}
			i = j
		case '0' <= r && r <= '9':
			j := i
			for j < n && '0' <= rs[j] && rs[j] <= '9' {
				j++
			}
			emit(tkNum, i, j)
			i = j
		case isWordRune(r):
			i = scanWord(rs, i, emit)
		case r == '$' || r == '€' || r == '£' || r == '¥' || r == '%' || r == '‰' || r == '&' || r == '+' || r == '₹' || r == '₩':
			emit(tkSymbol, i, i+1)
			i++
		default:
			emit(tkPunct, i, i+1)
			i++
		}
	}
	f := string(fold)
	for i := range toks {
		if folds[i].fs < 0 {
			toks[i].fold = toks[i].text
		} else {
			toks[i].fold = f[folds[i].fs:folds[i].fe]
		}
	}
	return toks
}

// scanWord reads a word starting at rs[i], emits it (splitting French
// elisions and English possessives) and returns the index after it.
func scanWord(rs []rune, i int, emit func(tokKind, int, int)) int {
	n := len(rs)
	start := i
	j := i
	for j < n {
		r := rs[j]
		if isWordRune(r) || (j > start && '0' <= r && r <= '9') {
			j++
			continue
		}
		if isHyphen(r) && j+1 < n && (isWordRune(rs[j+1]) || ('0' <= rs[j+1] && rs[j+1] <= '9')) && j > start {
			j++
			continue
		}
		// "Amazon.com", "7sur7.be": a domain name is one word.
		if r == '.' && j+2 < n && isWordRune(rs[j+1]) && j > start {
			k := j + 1
			for k < n && isWordRune(rs[k]) {
				k++
			}
			switch strings.ToLower(string(rs[j+1 : k])) {
			case "com", "fr", "net", "org", "io", "ai", "be", "co", "uk", "de":
				j = k
				continue
			}
		}
		if isApostrophe(r) && j+1 < n && isWordRune(rs[j+1]) {
			if isElision(rs[start:j]) {
				emit(tkWord, start, j+1)
				start = j + 1
				j++
				continue
			}
			if (rs[j+1] == 's' || rs[j+1] == 'S') && (j+2 >= n || !isWordRune(rs[j+2])) {
				emit(tkWord, start, j)
				emit(tkWord, j, j+2)
				return j + 2
			}
			j++
			continue
		}
		break
	}
	if j > start {
		emit(tkWord, start, j)
	}
	return j
}

func isURLStart(rs []rune) bool {
	if len(rs) < 4 || (rs[1] != 't' && rs[1] != 'T' && rs[1] != 'w' && rs[1] != 'W') {
		return false
	}
	for _, p := range [...]string{"http://", "https://", "www."} {
		if len(rs) < len(p) {
			continue
		}
		ok := true
		for i := 0; i < len(p); i++ {
			if unicode.ToLower(rs[i]) != rune(p[i]) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}
