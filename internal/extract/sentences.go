package extract

// sentence is a run of tokens [first, last) with its place in the article.
type sentence struct {
	first, last int
	para        int
	headline    bool // the title line
	lead        bool // the headline or the first paragraph: where the main event is told
	question    bool
	future      bool // speaks of what is to come: bare weekdays and months resolve forward
	skip        bool // a byline, a date line, a "Lire aussi" link: no content
}

// metaStarts open lines that are no content of the article.
var metaStarts = []string{"par", "by", "publie", "published", "updated", "mis a jour", "modifie", "posted",
	"lire aussi", "a lire aussi", "a lire egalement", "read more", "read also", "related", "sur le meme sujet",
	"voir aussi", "see also", "credit", "credits", "photo", "source", "copyright", "©", "advertisement", "publicite"}

// maxLeadSentences caps the lead when an article comes as one long paragraph.
const maxLeadSentences = 5

// abbreviations end with a full stop that does not end a sentence.
var abbreviations = map[string]bool{
	"m": true, "mm": true, "mme": true, "mmes": true, "mlle": true, "mr": true, "mrs": true, "ms": true,
	"dr": true, "pr": true, "prof": true, "st": true, "ste": true, "inc": true, "corp": true, "co": true,
	"ltd": true, "jr": true, "sr": true, "vs": true, "etc": true, "cf": true, "ex": true, "no": true,
	"jan": true, "janv": true, "feb": true, "fev": true, "fevr": true, "mar": true, "apr": true, "avr": true,
	"jun": true, "jul": true, "juil": true, "aug": true, "sep": true, "sept": true, "oct": true, "nov": true,
	"dec": true, "gen": true, "gov": true, "sen": true, "rep": true, "lt": true, "col": true, "p": true, "env": true,
}

func isTerminal(t token) bool {
	return t.kind == tkPunct && (t.text == "." || t.text == "!" || t.text == "?" || t.text == "…")
}

func isCloser(t token) bool {
	return t.kind == tkPunct && (t.fold == "\"" || t.text == ")" || t.text == "'" || t.text == "]")
}

// hardWrapped tells whether line breaks in text are layout (lines cut at a
// fixed width) rather than paragraph ends.
func hardWrapped(toks []token) bool {
	lines, wrapped := 0, 0
	lineStart := 0
	for i := 1; i <= len(toks); i++ {
		if i < len(toks) && toks[i].space != spLine {
			continue
		}
		prev := toks[i-1]
		width := prev.end - toks[lineStart].start
		lines++
		if width >= 40 && width <= 100 && !isTerminal(prev) && !isCloser(prev) && i < len(toks) {
			wrapped++
		}
		lineStart = i
	}
	return lines >= 4 && wrapped*2 >= lines
}

// splitSentences cuts tokens into sentences and paragraphs and marks the lead.
func splitSentences(toks []token) []sentence {
	if len(toks) == 0 {
		return nil
	}
	wrapped := hardWrapped(toks)
	var out []sentence
	cur := sentence{first: 0}
	para := 0
	pending := false // a terminal mark was seen; the sentence ends if the next token opens a new one
	endsAtLine := make([]bool, 0, 32)
	closeAt := func(i int, newPara bool, byLine bool) {
		cur.last = i
		cur.para = para
		out = append(out, cur)
		endsAtLine = append(endsAtLine, byLine)
		cur = sentence{first: i}
		if newPara {
			para++
		}
		pending = false
	}
	for i := 1; i < len(toks); i++ {
		t, prev := toks[i], toks[i-1]
		switch {
		case t.space == spPara:
			closeAt(i, true, true)
			continue
		case t.space == spLine && !wrapped:
			closeAt(i, true, true)
			continue
		case t.space == spLine && wrapped && (pending || isTerminal(prev)):
			closeAt(i, false, false)
			continue
		}
		if isTerminal(prev) {
			pending = !isAbbreviationStop(toks, i-1)
		}
		if !pending {
			continue
		}
		if t.space == spNone && (isCloser(t) || isTerminal(t)) {
			continue // the quote or the next dot belongs to this sentence
		}
		if t.space == spNone {
			pending = false
			continue
		}
		if t.upper || t.kind == tkNum || (t.kind == tkPunct && t.fold != ",") || t.kind == tkHashtag {
			closeAt(i, false, false)
			continue
		}
		pending = false
	}
	cur.last = len(toks)
	cur.para = para
	out = append(out, cur)
	endsAtLine = append(endsAtLine, true)

	for i := range out {
		s := &out[i]
		for j := s.last - 1; j >= s.first; j-- {
			if toks[j].kind == tkPunct && (isCloser(toks[j]) || toks[j].text == "." || toks[j].text == "…") {
				continue
			}
			s.question = toks[j].text == "?"
			break
		}
	}
	markMeta(out, toks)
	markLead(out, toks, endsAtLine)
	return out
}

// markMeta flags the sentences that start a line with a byline, a date
// line or a link to another article.
func markMeta(ss []sentence, toks []token) {
	for i := range ss {
		s := &ss[i]
		if s.first > 0 && toks[s.first].space < spLine {
			continue
		}
		var buf [64]byte
		words := buf[:0]
		for k := s.first; k < s.last && k < s.first+4; k++ {
			if toks[k].kind == tkWord || toks[k].text == "©" {
				words = append(words, toks[k].fold...)
				words = append(words, ' ')
			}
		}
		for _, m := range metaStarts {
			if len(words) > len(m) && string(words[:len(m)]) == m && words[len(m)] == ' ' {
				// Such lines are short; "Par ailleurs, …", "By contrast, …",
				// "Credit Suisse said …" are content.
				colon := false
				for k := s.first; k < s.last && k < s.first+5; k++ {
					colon = colon || toks[k].text == ":"
				}
				if s.last-s.first <= 15 && (colon || m != "credit" && m != "source" && m != "photo") {
					s.skip = true
				}
				break
			}
		}
	}
}

// isAbbreviationStop tells whether the full stop at toks[i] closes an
// abbreviation or an initial rather than a sentence.
func isAbbreviationStop(toks []token, i int) bool {
	if toks[i].text != "." || i == 0 || toks[i].space != spNone {
		return false
	}
	w := toks[i-1]
	if w.kind != tkWord {
		return false
	}
	if abbreviations[w.fold] {
		return true
	}
	// An initial: "Elon R. Musk", "U.S.".
	return len(w.fold) == 1 && w.upper
}

// markLead marks the headline (a first line without a final full stop) and
// the first paragraph of body text.
func markLead(ss []sentence, toks []token, endsAtLine []bool) {
	if len(ss) == 0 {
		return
	}
	first := 0
	for first < len(ss)-1 && ss[first].skip {
		first++
	}
	if first+1 < len(ss) && endsAtLine[first] && ss[first+1].para != ss[first].para {
		last := toks[ss[first].last-1]
		words := ss[first].last - ss[first].first
		if last.text != "." && words <= 40 {
			ss[first].headline = true
			ss[first].lead = true
			first++
		}
	}
	for first < len(ss)-1 && ss[first].skip {
		first++
	}
	leadPara := ss[first].para
	n := 0
	for i := first; i < len(ss) && ss[i].para == leadPara && n < maxLeadSentences; i++ {
		if !ss[i].skip {
			ss[i].lead = true
			n++
		}
	}
}
