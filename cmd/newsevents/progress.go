package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/newsevents/newsevents/internal/importer"
)

// progressBar draws the progress of an import on a terminal, in place, at most ten times a
// second; on anything else (a file, a pipe, CI logs) it draws nothing.
type progressBar struct {
	w     io.Writer
	name  string
	total int64
	start time.Time
	last  time.Time
	drawn bool
}

func newProgressBar(w io.Writer, name string, total int64) *progressBar {
	if f, ok := w.(*os.File); !ok || !isTerminal(f) {
		return &progressBar{}
	}
	return &progressBar{w: w, name: filepath.Base(name), total: total, start: time.Now()}
}

// isTerminal reports whether f is a character device (a terminal), not a file or a pipe.
func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func (p *progressBar) update(pr importer.Progress) {
	if p.w == nil || time.Since(p.last) < 100*time.Millisecond {
		return
	}
	p.last = time.Now()
	rate := float64(pr.Records) / time.Since(p.start).Seconds()
	const width = 30
	if p.total > 0 {
		frac := min(float64(pr.Bytes)/float64(p.total), 1)
		full := int(frac * width)
		fmt.Fprintf(p.w, "\r%s %3.0f%% [%s%s] %d records, %.0f/s ", p.name, frac*100,
			strings.Repeat("=", full), strings.Repeat(" ", width-full), pr.Records, rate)
	} else {
		fmt.Fprintf(p.w, "\r%s %d records, %.0f/s ", p.name, pr.Records, rate)
	}
	p.drawn = true
}

// done clears the bar's line.
func (p *progressBar) done() {
	if p.w != nil && p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
