package importer

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/urlnorm"
)

// problems collects what is wrong with one row.
type problems []string

func (p *problems) add(field, format string, args ...any) {
	*p = append(*p, field+": "+fmt.Sprintf(format, args...))
}

func (p problems) err() error {
	if len(p) == 0 {
		return nil
	}
	return &model.Error{Code: model.Unprocessable, Message: strings.Join(p, "; ")}
}

// count reads a cell holding a whole number of things (people, dollars): nil when unknown.
func (p *problems) count(r row, field string, scale float64) *number {
	cell := r.get(field)
	n, ok, err := parseNumber(cell)
	switch {
	case err != nil:
		p.add(field, "%v", err)
		return nil
	case !ok:
		return nil
	case n.percent:
		p.add(field, "%q is a percentage, not a number", cell)
		return nil
	case n.value < 0:
		p.add(field, "%q is negative", cell)
		return nil
	}
	if scale != 1 && !hasScale(cell) {
		n.value *= scale
	}
	return &n
}

// hasScale reports whether a cell gives its own scale ("1.2B", "300 million").
func hasScale(cell string) bool {
	c := strings.ToLower(strings.TrimSpace(cell))
	for s := range scales {
		if strings.HasSuffix(c, s) {
			return true
		}
	}
	return false
}

// layoffRow turns a row of a layoffs table into a layoff event: the company as employer, the
// people laid off, the share of the workforce and the company's funds raised as figures, and
// the source article when the source is a URL.
func layoffRow(r row) (model.EventInput, error) {
	var p problems
	company := r.get("company")
	if isUnknown(company) {
		p.add("company", "empty: a layoff needs its company")
	}
	var (
		start, end model.Date
		precision  string
	)
	if cell := r.get("date"); isUnknown(cell) {
		p.add("date", "empty: a layoff needs its date")
	} else if s, e, prec, err := parseDate(cell); err != nil {
		p.add("date", "%v", err)
	} else {
		start, end, precision = s, e, prec
	}
	laidOff := p.count(r, "laid_off", 1)
	var share *number
	if cell := r.get("percentage"); !isUnknown(cell) {
		n, ok, err := parseNumber(cell)
		switch {
		case err != nil:
			p.add("percentage", "%v", err)
		case ok && !n.percent && n.value > 1 && n.value <= 100:
			n.value /= 100 // "15" in a percentage column is 15 %
			share = &n
		case ok && (n.value < 0 || n.value > 1):
			p.add("percentage", "%q is out of range: a share of the workforce is between 0 and 1 (or 0%% and 100%%)", cell)
		case ok:
			share = &n
		}
	}
	funds := p.count(r, "funds_raised", 1e6)
	if err := p.err(); err != nil {
		return model.EventInput{}, err
	}

	location, country, industry, stage := r.get("location"), r.get("country"), r.get("industry"), r.get("stage")
	source := r.get("source")
	var article *model.ArticleInput
	if u, err := urlnorm.Normalize(source); err == nil && !isUnknown(source) {
		article = &model.ArticleInput{URL: u, Source: publisher(u)}
	}

	key := fold(location) + "|" + source
	ext := fmt.Sprintf("layoffs:%s:%s:%s", asciiSlug(company, 60), start, shortHash(key))
	e := model.EventInput{
		Type: "layoff", Title: layoffTitle(company, laidOff, share),
		DateStart: start, DateEnd: end, DatePrecision: precision, DateText: r.get("date"),
		ExternalID: &ext,
		Actors: []model.ActorRef{{Name: company, Kind: "organization", Role: "employer",
			Country: countryCode(country)}},
	}
	var summary []string
	where := location
	if !isUnknown(country) && !strings.Contains(location, country) {
		where = strings.Trim(where+", "+country, ", ")
	}
	if !isUnknown(where) {
		summary = append(summary, "Location: "+where+".")
	}
	if !isUnknown(industry) {
		summary = append(summary, "Industry: "+industry+".")
	}
	if !isUnknown(stage) && !strings.EqualFold(stage, "unknown") {
		summary = append(summary, "Stage: "+stage+".")
	}
	if article == nil && !isUnknown(source) {
		summary = append(summary, "Source: "+source+".")
	}
	e.Summary = strings.Join(summary, " ")
	fig := func(metric, unit string, n *number, derived string) {
		f := model.FigureInput{Metric: metric, Value: n.value, Unit: unit, Qualifier: n.qualifier, Derived: derived}
		if article != nil {
			f.Article = &model.ArticleInput{URL: article.URL}
		}
		e.Figures = append(e.Figures, f)
	}
	if laidOff != nil {
		fig("employees_affected", "person", laidOff, "")
	}
	if share != nil {
		fig("workforce_share", "ratio", share, "")
	}
	if funds != nil {
		derived := ""
		if !hasScale(r.get("funds_raised")) {
			derived = r.get("funds_raised") + " million USD"
		}
		fig("funds_raised", "USD", funds, derived)
	}
	if article != nil {
		e.Sources = []model.SourceInput{{Article: *article}}
	}
	return e, nil
}

func layoffTitle(company string, laidOff, share *number) string {
	switch {
	case share != nil && share.value == 1 && laidOff != nil:
		return fmt.Sprintf("%s shuts down, laying off all %s employees", company, thousands(laidOff.value))
	case share != nil && share.value == 1:
		return company + " shuts down, laying off all its staff"
	case laidOff != nil && share != nil:
		return fmt.Sprintf("%s lays off %s employees (%s%%)", company, thousands(laidOff.value), strconv.FormatFloat(share.value*100, 'f', -1, 64))
	case laidOff != nil:
		return fmt.Sprintf("%s lays off %s employees", company, thousands(laidOff.value))
	case share != nil:
		return fmt.Sprintf("%s lays off %s%% of its staff", company, strconv.FormatFloat(share.value*100, 'f', -1, 64))
	}
	return company + " announces layoffs"
}

// acquisitionRow turns a row of an acquisitions table into an acquisition event: the acquirer
// and the target as actors, the price as the deal value.
func acquisitionRow(r row) (model.EventInput, error) {
	var p problems
	acquirer, target := r.get("acquirer"), r.get("target")
	if isUnknown(acquirer) {
		p.add("acquirer", "empty: an acquisition needs its acquirer")
	}
	if isUnknown(target) {
		p.add("target", "empty: an acquisition needs its target")
	}
	var (
		start, end model.Date
		precision  string
		dateText   string
	)
	switch cell := r.get("date"); {
	case !isUnknown(cell):
		dateText = cell
		s, e, prec, err := parseDate(cell)
		if err != nil {
			p.add("date", "%v", err)
		}
		start, end, precision = s, e, prec
	default:
		if isUnknown(r.get("year")) {
			p.add("year", "empty (%q): an acquisition needs its date, or at least its year", r.get("year"))
			break
		}
		y, err := strconv.Atoi(r.get("year"))
		if err != nil || y < 1800 || y > 2200 {
			p.add("year", "%q is not a year", r.get("year"))
			break
		}
		dateText = r.get("year")
		start, end, precision = model.NewDate(y, time.January, 1), model.NewDate(y, time.December, 31), "year"
		if m := r.get("month"); !isUnknown(m) {
			month, err := parseMonth(m)
			if err != nil {
				p.add("month", "%v", err)
				break
			}
			start, end = monthSpan(y, month)
			precision = "month"
			dateText = m + " " + r.get("year")
		}
	}
	price := p.count(r, "price", 1)
	if err := p.err(); err != nil {
		return model.EventInput{}, err
	}
	period := start.String()[:7]
	if precision == "year" {
		period = start.String()[:4]
	}
	ext := fmt.Sprintf("acquisitions:%s:%s:%s", asciiSlug(acquirer, 60), asciiSlug(target, 60), period)
	if asciiSlug(target, 60) == "" || asciiSlug(acquirer, 60) == "" {
		ext += ":" + shortHash(fold(acquirer)+"|"+fold(target))
	}
	e := model.EventInput{
		Type: "acquisition", Title: acquirer + " acquires " + target,
		DateStart: start, DateEnd: end, DatePrecision: precision, DateText: dateText,
		ExternalID: &ext,
		Actors: []model.ActorRef{
			{Name: acquirer, Kind: "organization", Role: "acquirer"},
			{Name: target, Kind: "organization", Role: "target", Country: countryCode(r.get("country"))},
		},
	}
	var summary []string
	if b := r.get("business"); !isUnknown(b) {
		summary = append(summary, "Business: "+b+".")
	}
	if c := r.get("country"); !isUnknown(c) {
		summary = append(summary, "Country: "+c+".")
	}
	if c := r.get("category"); !isUnknown(c) {
		summary = append(summary, "Category: "+c+".")
	}
	if d := r.get("derived_products"); !isUnknown(d) {
		summary = append(summary, "Derived products: "+d+".")
	}
	e.Summary = strings.Join(summary, " ")
	var article *model.ArticleInput
	if src := r.get("source"); !isUnknown(src) {
		if u, err := urlnorm.Normalize(src); err == nil {
			article = &model.ArticleInput{URL: u, Source: publisher(u)}
			e.Sources = []model.SourceInput{{Article: *article}}
		}
	}
	if price != nil {
		f := model.FigureInput{Metric: "deal_value", Value: price.value, Unit: "USD", Qualifier: price.qualifier}
		if article != nil {
			f.Article = &model.ArticleInput{URL: article.URL}
		}
		e.Figures = append(e.Figures, f)
	}
	return e, nil
}

// publisher names the site of a URL: "www.nytimes.com" -> "nytimes.com".
func publisher(u string) string {
	parsed, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(parsed.Hostname(), "www.")
}

// fold lower-cases s and strips its accents.
func fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, strings.ToLower(strings.TrimSpace(s)))
	if err != nil {
		return strings.ToLower(strings.TrimSpace(s))
	}
	return out
}

// asciiSlug makes a readable key part of s: "Électricité de France" -> "electricite-de-france".
func asciiSlug(s string, limit int) string {
	var b strings.Builder
	dash := false
	for _, r := range fold(s) {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
		if b.Len() >= limit {
			break
		}
	}
	return b.String()
}

// shortHash is a short stable digest, to tell apart rows with the same readable key.
func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:4])
}

// thousands writes a whole number with thousands separators: 16000 -> "16,000".
func thousands(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String()
}
