// Package urlnorm normalises article URLs, so the same article reached through different
// spellings of its URL is stored once: the scheme and host are lower-cased, default ports,
// fragments, tracking parameters (utm_*, fbclid, gclid…) and empty queries are dropped, the
// remaining query parameters are sorted, and an empty path becomes "/".
package urlnorm

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
)

// tracking lists query parameters that identify a campaign or a click, not a page.
var tracking = map[string]bool{
	"fbclid": true, "gclid": true, "gclsrc": true, "dclid": true, "msclkid": true, "yclid": true,
	"mc_cid": true, "mc_eid": true, "igshid": true, "_ga": true, "_gl": true, "_hsenc": true,
	"_hsmi": true, "mkt_tok": true, "ref_src": true, "ocid": true, "cmpid": true, "sh": true,
	"smid": true, "guccounter": true, "guce_referrer": true, "guce_referrer_sig": true,
}

// Normalize returns the normal form of raw, an absolute http or https URL.
func Normalize(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("%q is not a URL: %v", raw, unwrap(err))
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("%q is not an http or https URL", raw)
	}
	if u.Host == "" || u.Opaque != "" {
		return "", fmt.Errorf("%q has no host", raw)
	}
	if u.User != nil {
		return "", fmt.Errorf("%q carries a user name or password; leave them out", raw)
	}
	host := strings.ToLower(u.Hostname())
	port := u.Port()
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		port = ""
	}
	host = strings.TrimSuffix(host, ".")
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if port != "" {
		host += ":" + port
	}
	u.Host = host
	u.Fragment, u.RawFragment = "", ""
	if u.Path == "" {
		u.Path = "/"
	}
	q := u.Query()
	for k := range q {
		if tracking[strings.ToLower(k)] || strings.HasPrefix(strings.ToLower(k), "utm_") {
			delete(q, k)
		}
	}
	u.RawQuery = encodeSorted(q)
	u.ForceQuery = false
	out := u.String()
	if strings.ContainsAny(out, " \t\r\n") {
		return "", fmt.Errorf("%q contains spaces", raw)
	}
	return out, nil
}

// encodeSorted encodes q sorted by key, keeping the order of repeated values.
func encodeSorted(q url.Values) string {
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		for _, v := range q[k] {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(url.QueryEscape(k))
			if v != "" {
				b.WriteByte('=')
				b.WriteString(url.QueryEscape(v))
			}
		}
	}
	return b.String()
}

func unwrap(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err
	}
	return err
}
