package httpapi

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"slices"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/newsevents/newsevents/api"
)

// handleOpenAPI serves the embedded contract as YAML.
func handleOpenAPI() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=300")
		writeBody(w, r, "application/yaml; charset=utf-8", api.OpenAPI)
	}
}

// handleDocs serves the contract rendered as one HTML page. The page is rendered once, when the
// handler is made; no script, style sheet or font is loaded from anywhere.
func handleDocs(log *slog.Logger) http.HandlerFunc {
	page, err := renderDocs(api.OpenAPI)
	return func(w http.ResponseWriter, r *http.Request) {
		if err != nil {
			writeError(w, r, log, fmt.Errorf("render docs: %w", err))
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=300")
		w.Header().Set("Content-Security-Policy", docsCSP)
		writeBody(w, r, "text/html; charset=utf-8", page)
	}
}

// The view of the spec the docs template renders. Text is split into segments so `code`
// spans show as code; html/template escapes every segment.
type (
	docsPage struct {
		Title, Version, Summary string
		Description             []docsParagraph
		Tags                    []docsTag
		Schemas                 []docsSchema
	}
	docsTag struct {
		Name        string
		Description []docsParagraph
		Ops         []docsOp
	}
	docsOp struct {
		Method, Path, ID, Summary string
		Description               []docsParagraph
		Params                    []docsField
		Responses                 []docsResponse
	}
	docsResponse struct {
		Status       string
		Description  []docsParagraph
		ContentTypes []string
		Type         []docsTypePart
		Headers      []docsField
	}
	docsSchema struct {
		Name        string
		Description []docsParagraph
		Extends     []docsTypePart
		Fields      []docsField
		Type        []docsTypePart
	}
	docsField struct {
		Name, In    string
		Required    bool
		Type        []docsTypePart
		Description []docsParagraph
	}
	// docsTypePart is a piece of a type expression; Anchor links a named schema.
	docsTypePart  struct{ Text, Anchor string }
	docsParagraph []docsSegment
	docsSegment   struct {
		Text string
		Code bool
	}
)

// renderDocs turns the OpenAPI document into the docs page.
func renderDocs(spec []byte) ([]byte, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(spec)
	if err != nil {
		return nil, fmt.Errorf("load spec: %w", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("validate spec: %w", err)
	}
	p := docsPage{Title: doc.Info.Title, Version: doc.Info.Version, Summary: doc.Info.Summary,
		Description: paragraphs(doc.Info.Description)}

	byTag := map[string]*docsTag{}
	var tagOrder []string
	for _, t := range doc.Tags {
		byTag[t.Name] = &docsTag{Name: t.Name, Description: paragraphs(t.Description)}
		tagOrder = append(tagOrder, t.Name)
	}
	paths := doc.Paths.Keys()
	sort.Strings(paths)
	for _, path := range paths {
		item := doc.Paths.Value(path)
		ops := item.Operations()
		methods := make([]string, 0, len(ops))
		for m := range ops {
			methods = append(methods, m)
		}
		slices.SortFunc(methods, func(a, b string) int { return methodRank(a) - methodRank(b) })
		for _, m := range methods {
			op := ops[m]
			tag := "other"
			if len(op.Tags) > 0 {
				tag = op.Tags[0]
			}
			if byTag[tag] == nil {
				byTag[tag] = &docsTag{Name: tag}
				tagOrder = append(tagOrder, tag)
			}
			byTag[tag].Ops = append(byTag[tag].Ops, docsOperation(m, path, item, op))
		}
	}
	for _, name := range tagOrder {
		if len(byTag[name].Ops) > 0 {
			p.Tags = append(p.Tags, *byTag[name])
		}
	}

	names := make([]string, 0, len(doc.Components.Schemas))
	for name := range doc.Components.Schemas {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		p.Schemas = append(p.Schemas, docsSchemaOf(name, doc.Components.Schemas[name].Value))
	}

	var buf bytes.Buffer
	if err := docsTemplate.Execute(&buf, p); err != nil {
		return nil, fmt.Errorf("render docs: %w", err)
	}
	return buf.Bytes(), nil
}

func methodRank(m string) int {
	return slices.Index([]string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}, m)
}

func docsOperation(method, path string, item *openapi3.PathItem, op *openapi3.Operation) docsOp {
	o := docsOp{Method: method, Path: path, ID: op.OperationID, Summary: op.Summary,
		Description: paragraphs(op.Description)}
	for _, params := range []openapi3.Parameters{item.Parameters, op.Parameters} {
		for _, pr := range params {
			prm := pr.Value
			o.Params = append(o.Params, docsField{Name: prm.Name, In: prm.In, Required: prm.Required,
				Type: typeOf(prm.Schema), Description: paragraphs(prm.Description)})
		}
	}
	codes := op.Responses.Keys()
	sort.Strings(codes)
	for _, code := range codes {
		resp := op.Responses.Value(code).Value
		dr := docsResponse{Status: code}
		if resp.Description != nil {
			dr.Description = paragraphs(*resp.Description)
		}
		cts := make([]string, 0, len(resp.Content))
		for ct := range resp.Content {
			cts = append(cts, ct)
		}
		sort.Strings(cts)
		dr.ContentTypes = cts
		names := make([]string, 0, len(resp.Headers))
		for name := range resp.Headers {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			if h := resp.Headers[name].Value; h != nil {
				dr.Headers = append(dr.Headers, docsField{Name: name, Type: typeOf(h.Schema), Description: paragraphs(h.Description)})
			}
		}
		for _, ct := range cts {
			if mt := resp.Content[ct]; mt.Schema != nil && strings.Contains(ct, "json") {
				dr.Type = typeOf(mt.Schema)
				break
			}
		}
		o.Responses = append(o.Responses, dr)
	}
	return o
}

func docsSchemaOf(name string, s *openapi3.Schema) docsSchema {
	ds := docsSchema{Name: name, Description: paragraphs(s.Description)}
	addFields := func(obj *openapi3.Schema) {
		props := make([]string, 0, len(obj.Properties))
		for p := range obj.Properties {
			props = append(props, p)
		}
		// Fields in a stable, readable order: required first as listed, then the rest by name.
		sort.SliceStable(props, func(i, j int) bool { return props[i] < props[j] })
		order := append([]string{}, obj.Required...)
		for _, p := range props {
			if !slices.Contains(order, p) {
				order = append(order, p)
			}
		}
		for _, p := range order {
			ref, ok := obj.Properties[p]
			if !ok {
				continue
			}
			ds.Fields = append(ds.Fields, docsField{Name: p, Required: slices.Contains(obj.Required, p),
				Type: typeOf(ref), Description: paragraphs(ref.Value.Description)})
		}
	}
	switch {
	case len(s.AllOf) > 0:
		for _, part := range s.AllOf {
			if part.Ref != "" {
				if len(ds.Extends) > 0 {
					ds.Extends = append(ds.Extends, docsTypePart{Text: ", "})
				}
				ds.Extends = append(ds.Extends, typeOf(part)...)
				continue
			}
			addFields(part.Value)
		}
	case len(s.Properties) > 0:
		addFields(s)
	default:
		ds.Type = typeOf(&openapi3.SchemaRef{Value: s})
	}
	return ds
}

// typeOf writes a schema as a short type expression, linking named schemas.
func typeOf(ref *openapi3.SchemaRef) []docsTypePart {
	if ref == nil {
		return nil
	}
	if ref.Ref != "" {
		name := ref.Ref[strings.LastIndex(ref.Ref, "/")+1:]
		return []docsTypePart{{Text: name, Anchor: "schema-" + name}}
	}
	s := ref.Value
	if s == nil {
		return nil
	}
	join := func(refs openapi3.SchemaRefs, sep string) []docsTypePart {
		var out []docsTypePart
		for i, r := range refs {
			if i > 0 {
				out = append(out, docsTypePart{Text: sep})
			}
			out = append(out, typeOf(r)...)
		}
		return out
	}
	switch {
	case len(s.OneOf) > 0:
		return join(s.OneOf, " | ")
	case len(s.AnyOf) > 0:
		return join(s.AnyOf, " | ")
	case len(s.AllOf) > 0:
		return join(s.AllOf, " & ")
	}
	var out []docsTypePart
	types := s.Type.Slice()
	for i, t := range types {
		if i > 0 {
			out = append(out, docsTypePart{Text: " | "})
		}
		switch {
		case t == "array" && s.Items != nil:
			out = append(out, docsTypePart{Text: "array of "})
			out = append(out, typeOf(s.Items)...)
		case t == "object" && s.AdditionalProperties.Schema != nil:
			out = append(out, docsTypePart{Text: "map of "})
			out = append(out, typeOf(s.AdditionalProperties.Schema)...)
		case s.Format != "" && t != "null":
			out = append(out, docsTypePart{Text: t + " (" + s.Format + ")"})
		default:
			out = append(out, docsTypePart{Text: t})
		}
	}
	if len(types) == 0 {
		out = append(out, docsTypePart{Text: "any"})
	}
	var extra []string
	if len(s.Enum) > 0 {
		vals := make([]string, len(s.Enum))
		for i, v := range s.Enum {
			vals[i] = fmt.Sprint(v)
		}
		extra = append(extra, "one of "+strings.Join(vals, ", "))
	}
	if s.Const != nil {
		extra = append(extra, fmt.Sprintf("always %v", s.Const))
	}
	if s.Min != nil {
		extra = append(extra, fmt.Sprintf("≥ %v", *s.Min))
	}
	if s.Max != nil {
		extra = append(extra, fmt.Sprintf("≤ %v", *s.Max))
	}
	if s.Default != nil {
		extra = append(extra, fmt.Sprintf("default %v", s.Default))
	}
	if len(extra) > 0 {
		out = append(out, docsTypePart{Text: "; " + strings.Join(extra, "; ")})
	}
	return out
}

// paragraphs splits Markdown-ish text into paragraphs on blank lines, and each paragraph into
// plain and `code` segments. Nothing else of Markdown is interpreted.
func paragraphs(text string) []docsParagraph {
	var out []docsParagraph
	for _, block := range strings.Split(strings.TrimSpace(text), "\n\n") {
		block = strings.Join(strings.Fields(block), " ")
		if block == "" {
			continue
		}
		var p docsParagraph
		for i, part := range strings.Split(block, "`") {
			if part != "" {
				p = append(p, docsSegment{Text: part, Code: i%2 == 1})
			}
		}
		out = append(out, p)
	}
	return out
}

var docsTemplate = template.Must(template.New("docs").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} {{.Version}}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem 1.5rem;color:#1b1b1b}
h1{margin-bottom:0}h2{border-bottom:2px solid #ddd;margin-top:2.5rem}h3{margin:2rem 0 .3rem;font-size:1.05rem}
code,.path{font-family:ui-monospace,monospace;font-size:.92em}code{background:#f3f3f3;padding:0 .2em}
.method{display:inline-block;min-width:4.2em;font-weight:bold;color:#fff;background:#1a6;padding:0 .4em;border-radius:3px;text-align:center}
table{border-collapse:collapse;width:100%;margin:.4rem 0}th,td{text-align:left;vertical-align:top;border-bottom:1px solid #e4e4e4;padding:.25rem .5rem}
th{font-weight:600;background:#fafafa}.req{color:#b30;font-size:.8em}.muted{color:#666}nav a{margin-right:.8rem}
</style>
</head>
<body>
<h1>{{.Title}} <span class="muted">{{.Version}}</span></h1>
<p>{{.Summary}} <a href="/openapi.yaml">openapi.yaml</a></p>
{{range .Description}}<p>{{template "para" .}}</p>
{{end}}
<nav>{{range .Tags}}<a href="#tag-{{.Name}}">{{.Name}}</a>{{end}}<a href="#schemas">schemas</a></nav>
{{range .Tags}}
<h2 id="tag-{{.Name}}">{{.Name}}</h2>
{{range .Description}}<p>{{template "para" .}}</p>{{end}}
{{range .Ops}}
<h3 id="op-{{.ID}}"><span class="method">{{.Method}}</span> <span class="path">{{.Path}}</span> <span class="muted">{{.Summary}}</span></h3>
{{range .Description}}<p>{{template "para" .}}</p>
{{end}}
{{if .Params}}<table><tr><th>parameter</th><th>in</th><th>type</th><th>meaning</th></tr>
{{range .Params}}<tr><td><code>{{.Name}}</code>{{if .Required}} <span class="req">required</span>{{end}}</td><td>{{.In}}</td><td>{{template "type" .Type}}</td><td>{{range .Description}}{{template "para" .}} {{end}}</td></tr>
{{end}}</table>{{end}}
<table><tr><th>status</th><th>meaning</th><th>body</th></tr>
{{range .Responses}}<tr><td>{{.Status}}</td><td>{{range .Description}}{{template "para" .}} {{end}}</td><td>{{range .ContentTypes}}<code>{{.}}</code> {{end}}{{template "type" .Type}}{{range .Headers}}<br>header <code>{{.Name}}</code>: {{range .Description}}{{template "para" .}} {{end}}{{end}}</td></tr>
{{end}}</table>
{{end}}
{{end}}
<h2 id="schemas">Schemas</h2>
{{range .Schemas}}
<h3 id="schema-{{.Name}}">{{.Name}}</h3>
{{range .Description}}<p>{{template "para" .}}</p>
{{end}}
{{if .Extends}}<p>Every field of {{template "type" .Extends}}, and:</p>{{end}}
{{if .Fields}}<table><tr><th>field</th><th>type</th><th>meaning</th></tr>
{{range .Fields}}<tr><td><code>{{.Name}}</code>{{if .Required}} <span class="req">always</span>{{end}}</td><td>{{template "type" .Type}}</td><td>{{range .Description}}{{template "para" .}} {{end}}</td></tr>
{{end}}</table>{{else if .Type}}<p>{{template "type" .Type}}</p>{{end}}
{{end}}
</body>
</html>
{{define "para"}}{{range .}}{{if .Code}}<code>{{.Text}}</code>{{else}}{{.Text}}{{end}}{{end}}{{end}}
{{define "type"}}{{range .}}{{if .Anchor}}<a href="#{{.Anchor}}">{{.Text}}</a>{{else}}{{.Text}}{{end}}{{end}}{{end}}
`))
