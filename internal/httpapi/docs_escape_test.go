package httpapi

import (
	"strings"
	"testing"
)

// hostileSpec puts markup and attribute breakers in every place of a spec the docs page shows:
// title, summary, descriptions (with and without `code`), tags, paths, parameters, headers,
// enum values and schema fields.
const hostileSpec = `openapi: 3.1.0
info:
  title: "</title><script>alert('title')</script>"
  version: "1<img src=x onerror=alert('version')>"
  summary: "<iframe src=javascript:alert(1)></iframe>"
  description: |
    Hello <script>alert('description')</script> and ` + "`<svg onload=alert(1)>`" + ` too.

    <a href="javascript:alert(2)">click</a>
tags:
  - name: 'x" onmouseover="alert(3)'
    description: "<b onclick=alert(4)>bold</b>"
paths:
  /v1/things/{id}:
    get:
      tags: ['x" onmouseover="alert(3)']
      operationId: getThing
      summary: "<script>alert('summary')</script>"
      description: "` + "`</code><script>alert(5)</script>`" + `"
      parameters:
        - name: id
          in: path
          required: true
          description: "'\"><script>alert(6)</script>"
          schema:
            type: string
            enum: ["<script>alert(7)</script>", "a\"b"]
      responses:
        "200":
          description: "<style>body{display:none}</style>"
          headers:
            X-Evil:
              description: "<script>alert(8)</script>"
              schema:
                type: string
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/Thing"
components:
  schemas:
    Thing:
      type: object
      description: "<object data=javascript:alert(9)></object>"
      properties:
        name:
          type: string
          description: "<script>alert(10)</script>"
`

// TestDocsEscapeHostileSpec renders a spec full of markup: every piece must come out as text.
func TestDocsEscapeHostileSpec(t *testing.T) {
	page, err := renderDocs([]byte(hostileSpec))
	if err != nil {
		t.Fatalf("render: %v", err)
	}
	out := string(page)
	for _, bad := range []string{"<script", "<img", "<iframe", "<svg", "<b ", "<object", "<a href=\"javascript", "onmouseover=\"", "<style>body{display:none}"} {
		if strings.Contains(out, bad) {
			i := strings.Index(out, bad)
			t.Errorf("the page contains %q unescaped: …%s…", bad, out[max(0, i-80):min(len(out), i+80)])
		}
	}
	if strings.Count(out, "<style>") != 1 {
		t.Errorf("the page has %d style sheets, want its own only", strings.Count(out, "<style>"))
	}
	// The text is still there, shown as text.
	for _, want := range []string{"&lt;script&gt;alert(", "&lt;svg onload=alert(1)&gt;", "&lt;img src=x onerror=alert(", "&lt;b onclick=alert(4)&gt;"} {
		if !strings.Contains(out, want) {
			t.Errorf("the page does not show %q as text", want)
		}
	}
}
