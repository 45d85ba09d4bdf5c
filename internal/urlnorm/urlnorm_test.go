package urlnorm

import "testing"

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"HTTPS://WWW.NYTimes.com/2022/11/04/technology/elon-musk-twitter-layoffs.html", "https://www.nytimes.com/2022/11/04/technology/elon-musk-twitter-layoffs.html"},
		{"https://example.com", "https://example.com/"},
		{"https://example.com:443/a#section", "https://example.com/a"},
		{"http://example.com:80/a", "http://example.com/a"},
		{"http://example.com:8080/a", "http://example.com:8080/a"},
		{"https://example.com/a?utm_source=x&b=2&a=1&fbclid=abc", "https://example.com/a?a=1&b=2"},
		{"https://www.forbes.com/sites/x/?sh=71b4037a1557", "https://www.forbes.com/sites/x/"},
		{"https://example.com/a?", "https://example.com/a"},
		{"  https://example.com/caf%C3%A9  ", "https://example.com/caf%C3%A9"},
		{"https://example.com./a", "https://example.com/a"},
		{"https://example.com/a?flag", "https://example.com/a?flag"},
	}
	for _, tt := range tests {
		got, err := Normalize(tt.in)
		if err != nil {
			t.Errorf("Normalize(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
		again, err := Normalize(got)
		if err != nil || again != got {
			t.Errorf("Normalize is not idempotent on %q: %q, %v", got, again, err)
		}
	}
	for _, bad := range []string{"", "Internal memo", "ftp://example.com/a", "https:///path", "mailto:a@b.c", "https://user:pw@example.com/", "//example.com/a", "https://exa mple.com/"} {
		if got, err := Normalize(bad); err == nil {
			t.Errorf("Normalize(%q) = %q, want an error", bad, got)
		}
	}
}
