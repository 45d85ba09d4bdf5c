package main

import (
	"io"
	"log/slog"

	"github.com/newsevents/newsevents/internal/config"
)

// newLogger returns the process logger: JSON (or text) lines on w at the configured level.
func newLogger(cfg *config.Config, w io.Writer) *slog.Logger {
	level, _ := cfg.Level() // validated before
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "text" {
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
}
