package config

import (
	"flag"
	"strings"
	"testing"
	"time"
)

func TestLimitSettings(t *testing.T) {
	c, err := parse(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.AcquireTimeout != 5*time.Second || c.RateLimitIP != 1200 || c.RateLimitKey != 6000 || c.RateLimitWindow != time.Minute || c.TrustedProxies != "" {
		t.Errorf("defaults: acquire %s, rate limits %d/%d per %s, proxies %q", c.AcquireTimeout, c.RateLimitIP, c.RateLimitKey, c.RateLimitWindow, c.TrustedProxies)
	}
	c, err = parse(t, map[string]string{"NEWSEVENTS_TRUSTED_PROXIES": "10.0.0.0/8, 192.0.2.1,::1", "NEWSEVENTS_RATE_LIMIT_IP": "0"})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := c.TrustedProxyList(); strings.Join(got, " ") != "10.0.0.0/8 192.0.2.1/32 ::1/128" || c.RateLimitIP != 0 {
		t.Errorf("proxies %v, rate limit %d", got, c.RateLimitIP)
	}
	for _, bad := range []struct {
		vars map[string]string
		want string
	}{
		{map[string]string{"NEWSEVENTS_TRUSTED_PROXIES": "proxy.example.org"}, "trusted-proxies"},
		{map[string]string{"NEWSEVENTS_RATE_LIMIT_KEY": "-1"}, "rate-limit"},
		{map[string]string{"NEWSEVENTS_RATE_LIMIT_WINDOW": "10ms"}, "rate-limit-window"},
		{map[string]string{"DB_STATEMENT_TIMEOUT": "50s", "HTTP_WRITE_TIMEOUT": "55s"}, "write-timeout"},
		{map[string]string{"DB_ACQUIRE_TIMEOUT": "-1s"}, "db-acquire-timeout"},
	} {
		if _, err := parse(t, bad.vars); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%v: err %v, want it to name %s", bad.vars, err, bad.want)
		}
	}
}

// TestFeedSettings: the live feed's settings have their documented defaults, bad values are
// reported by name when serving, and commands that do not serve (no BindServe) are not held to
// them.
func TestFeedSettings(t *testing.T) {
	c, err := parse(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.MaxFeeds != 500 || c.FeedHeartbeat != 15*time.Second || c.FeedBuffer != 1000 {
		t.Errorf("defaults: max feeds %d, heartbeat %s, buffer %d", c.MaxFeeds, c.FeedHeartbeat, c.FeedBuffer)
	}
	c, err = parse(t, map[string]string{"NEWSEVENTS_MAX_FEEDS": "3", "NEWSEVENTS_FEED_HEARTBEAT": "2s"}, "--feed-buffer", "10")
	if err != nil || c.MaxFeeds != 3 || c.FeedHeartbeat != 2*time.Second || c.FeedBuffer != 10 {
		t.Errorf("set: %d %s %d %v", c.MaxFeeds, c.FeedHeartbeat, c.FeedBuffer, err)
	}
	for _, bad := range []struct {
		vars map[string]string
		want string
	}{
		{map[string]string{"NEWSEVENTS_MAX_FEEDS": "0"}, "max-feeds"},
		{map[string]string{"NEWSEVENTS_FEED_BUFFER": "-1"}, "feed-buffer"},
		{map[string]string{"NEWSEVENTS_FEED_HEARTBEAT": "10ms"}, "feed-heartbeat"},
	} {
		if _, err := parse(t, bad.vars); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%v: err %v, want it to name %s", bad.vars, err, bad.want)
		}
	}
	var other Config
	fs := flag.NewFlagSet("keys", flag.ContinueOnError)
	other.BindDatabase(fs, func(string) string { return "" })
	if err := other.Parse(fs, nil); err != nil {
		t.Fatal(err)
	}
	if err := other.Validate(); err != nil {
		t.Errorf("a command that does not serve: %v", err)
	}
}
