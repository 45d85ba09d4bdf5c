package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/newsevents/newsevents/internal/bench"
)

// memResult is the server's memory while it streamed a whole export.
type memResult struct {
	format  string
	rows    int64
	bytes   int64
	elapsed time.Duration
	peakRSS int64 // bytes: the kernel's high-water mark of the resident set during the export
	before  int64 // bytes resident when the export started
}

// procStatus reads a "VmXxx: N kB" line of /proc/pid/status, in bytes.
func procStatus(pid int, field string) (int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), field+":"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10, err
		}
	}
	return 0, fmt.Errorf("no %s in /proc/%d/status", field, pid)
}

// measureExport streams every figure in format from the server and reports its peak RSS
// over the export: the kernel's high-water mark is reset first (clear_refs), then read at
// the end, and the resident set is also sampled every 20 ms as a check.
func measureExport(ctx context.Context, s *server, format string) (memResult, error) {
	pid := s.cmd.Process.Pid
	m := memResult{format: format}
	if err := os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", pid), []byte("5"), 0); err != nil {
		return m, fmt.Errorf("reset the peak RSS of the server: %w", err)
	}
	m.before, _ = procStatus(pid, "VmRSS")
	var (
		mu      sync.Mutex
		sampled int64
		stop    = make(chan struct{})
		done    = make(chan struct{})
	)
	go func() {
		defer close(done)
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				if v, err := procStatus(pid, "VmRSS"); err == nil {
					mu.Lock()
					sampled = max(sampled, v)
					mu.Unlock()
				}
			}
		}
	}()
	start := time.Now()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.base+"/v1/figures?format="+format, nil)
	if err != nil {
		return m, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return m, fmt.Errorf("export %s: %w", format, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return m, fmt.Errorf("export %s: %s", format, resp.Status)
	}
	buf := make([]byte, 256<<10)
	for {
		n, err := resp.Body.Read(buf)
		m.bytes += int64(n)
		for _, c := range buf[:n] {
			if c == '\n' {
				m.rows++
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return m, fmt.Errorf("export %s: %w", format, err)
		}
	}
	m.elapsed = time.Since(start)
	close(stop)
	<-done
	hwm, err := procStatus(pid, "VmHWM")
	if err != nil {
		return m, err
	}
	m.peakRSS = max(hwm, sampled)
	if format == "csv" {
		m.rows-- // the header line (quotes with line breaks would count too; the corpus has none)
	}
	return m, nil
}

// report prints the results and saves them under the results dir.
func report(stdout io.Writer, o options, rows []bench.Row, mem []memResult, profiles, settings []string, load1, load2 string) error {
	var b strings.Builder
	now := time.Now().UTC()
	commit := "unknown"
	if out, err := exec.Command("git", "rev-parse", "--short", "HEAD").Output(); err == nil {
		commit = strings.TrimSpace(string(out))
	}
	pool := "server default (max(4, CPUs))"
	if o.poolSize > 0 {
		pool = strconv.Itoa(o.poolSize)
	}
	fmt.Fprintf(&b, "# newsevents benchmark, %s\n\n", now.Format("2006-01-02 15:04 UTC"))
	fmt.Fprintf(&b, "- commit %s; %d events (seed %d); %d CPUs; load average %s before, %s after\n", commit, o.events, o.seed, runtime.NumCPU(), load1, load2)
	fmt.Fprintf(&b, "- %d concurrent clients on each side; database pool %s on each side; %d rounds of %s per query and side (medians shown; range = API/SQL ratio over rounds); %d parameter sets per query\n",
		o.clients, pool, o.rounds, o.duration, o.paths)
	fmt.Fprintf(&b, "- API: wrk (2 threads) on loopback against `newsevents serve`; SQL: the statements the API runs for the same URLs (recorded in-process), replayed over pgx with its statement cache, every row read\n")
	fmt.Fprintf(&b, "- PostgreSQL settings: %s\n\n", strings.Join(settings, ", "))
	if err := bench.WriteTable(&b, rows, bench.Targets()); err != nil {
		return err
	}
	b.WriteString("\nCPU time per request (median over rounds; the load tool's own excluded), from the kernel's accounting:\n\n")
	if err := bench.WriteCPUTable(&b, rows); err != nil {
		return err
	}
	b.WriteString("\nPer round (API req/s / SQL req/s):\n\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "- %s:", r.Query)
		for i := range min(len(r.API), len(r.SQL)) {
			fmt.Fprintf(&b, " %.0f/%.0f", r.API[i].PerSecond(), r.SQL[i].PerSecond())
		}
		b.WriteString("\n")
	}
	if len(mem) > 0 {
		b.WriteString("\nExport of every figure (GET /v1/figures?format=…, no limit), server memory:\n\n")
		b.WriteString("| format | rows | MB sent | seconds | RSS before | peak RSS |\n|---|---:|---:|---:|---:|---:|\n")
		for _, m := range mem {
			fmt.Fprintf(&b, "| %s | %d | %.0f | %.1f | %.0f MB | %.0f MB |\n", m.format, m.rows, float64(m.bytes)/(1<<20),
				m.elapsed.Seconds(), float64(m.before)/(1<<20), float64(m.peakRSS)/(1<<20))
		}
	}
	for _, p := range profiles {
		fmt.Fprintf(&b, "\nProfile: %s\n", p)
	}
	fmt.Fprint(stdout, b.String())
	if err := os.MkdirAll(o.outDir, 0o755); err != nil {
		return err
	}
	name := filepath.Join(o.outDir, fmt.Sprintf("%s-%dk.md", now.Format("20060102-1504"), o.events/1000))
	if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
		return fmt.Errorf("save results: %w", err)
	}
	fmt.Fprintf(stdout, "\nsaved %s\n", name)
	return nil
}
