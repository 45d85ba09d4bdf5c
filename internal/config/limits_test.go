package config

import (
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
