package bench

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

//go:embed paths.lua
var wrkScript string

// Wrk runs the wrk load tool.
type Wrk struct {
	// Path is the wrk binary ("wrk" on PATH when empty).
	Path string
	// Threads is the number of wrk threads (2 when zero).
	Threads int
	// Dir is where the script and path lists are written.
	Dir string
}

// wrkOutput is what paths.lua prints.
type wrkOutput struct {
	Requests     int64 `json:"requests"`
	DurationUS   int64 `json:"duration_us"`
	SocketErrors int64 `json:"socket_errors"`
	StatusErrors int64 `json:"status_errors"`
	P50US        int64 `json:"p50_us"`
	P99US        int64 `json:"p99_us"`
	Bytes        int64 `json:"bytes"`
}

// Run loads base (http://host:port) with clients connections requesting paths in turn for d.
// Responses other than 2xx and 3xx count as errors.
func (w Wrk) Run(ctx context.Context, base string, paths []string, clients int, d time.Duration) (Result, error) {
	script := filepath.Join(w.Dir, "paths.lua")
	if err := os.WriteFile(script, []byte(wrkScript), 0o644); err != nil {
		return Result{}, fmt.Errorf("write wrk script: %w", err)
	}
	list := filepath.Join(w.Dir, "paths.txt")
	if err := os.WriteFile(list, []byte(strings.Join(paths, "\n")+"\n"), 0o644); err != nil {
		return Result{}, fmt.Errorf("write wrk paths: %w", err)
	}
	bin, threads := w.Path, w.Threads
	if bin == "" {
		bin = "wrk"
	}
	if threads <= 0 {
		threads = 2
	}
	secs := max(1, int(d.Round(time.Second).Seconds()))
	cmd := exec.CommandContext(ctx, bin, "-t", strconv.Itoa(threads), "-c", strconv.Itoa(clients),
		"-d", strconv.Itoa(secs)+"s", "--timeout", "10s", "-s", script, base, "--", list)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return Result{}, fmt.Errorf("wrk: %w: %s", err, strings.TrimSpace(errb.String()))
	}
	return parseWrk(out.String())
}

// parseWrk reads the JSON line paths.lua prints at the end of wrk's output.
func parseWrk(out string) (Result, error) {
	lines := strings.Split(strings.TrimSpace(out), "\n")
	last := lines[len(lines)-1]
	var o wrkOutput
	if err := json.Unmarshal([]byte(last), &o); err != nil {
		return Result{}, fmt.Errorf("read wrk output %q: %w", last, err)
	}
	return Result{
		Requests: o.Requests - o.StatusErrors,
		Errors:   o.SocketErrors + o.StatusErrors,
		Elapsed:  time.Duration(o.DurationUS) * time.Microsecond,
		P50:      time.Duration(o.P50US) * time.Microsecond,
		P99:      time.Duration(o.P99US) * time.Microsecond,
	}, nil
}
