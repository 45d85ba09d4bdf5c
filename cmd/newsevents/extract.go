package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/newsevents/newsevents/internal/extract"
)

// maxExtractInput bounds what extract reads: a news article is a few
// kilobytes.
const maxExtractInput = 16 << 20

// runExtract prints, as JSON, the candidate events of a news text read from
// a file or standard input. It needs no database.
func runExtract(_ context.Context, e env, args []string) error {
	fs := newFlagSet(e, "extract", "[--lang fr|en|auto] [--published YYYY-MM-DD] FILE|-",
		"Read a news text from FILE (or standard input for -) and print the events it reports, with\n"+
			"actors, dates, figures and the exact quotes that support them, as JSON. Needs no database.")
	lang := fs.String("lang", "auto", "language of the text: fr, en or auto (detect)")
	published := fs.String("published", "", "publication date YYYY-MM-DD; relative dates (\"hier\", \"last week\") resolve against it")
	// Flags may come before or after FILE.
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(files) != 1 {
		return fmt.Errorf("extract wants one FILE or - for standard input, got %d argument(s): %w", len(files), errUsage)
	}
	opts := extract.Options{Language: *lang}
	if *published != "" {
		t, err := time.Parse("2006-01-02", *published)
		if err != nil {
			return fmt.Errorf("--published %q: want a date YYYY-MM-DD: %w", *published, errUsage)
		}
		opts.Published = t
	}
	text, err := readExtractInput(e, files[0])
	if err != nil {
		return err
	}
	res, err := extract.Extract(text, opts)
	if err != nil {
		var le *extract.ErrLanguage
		if errors.As(err, &le) {
			return fmt.Errorf("--lang: %w: %w", err, errUsage)
		}
		return fmt.Errorf("extract: %w", err)
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(res); err != nil {
		return fmt.Errorf("write result: %w", err)
	}
	return nil
}

func readExtractInput(e env, name string) (string, error) {
	var r io.Reader
	if name == "-" {
		if e.stdin == nil {
			return "", errors.New("read standard input: none")
		}
		r = e.stdin
	} else {
		f, err := os.Open(name)
		if err != nil {
			return "", fmt.Errorf("read text: %w", err)
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, maxExtractInput+1))
	if err != nil {
		return "", fmt.Errorf("read text: %w", err)
	}
	if len(b) > maxExtractInput {
		return "", fmt.Errorf("read text: longer than %d bytes", maxExtractInput)
	}
	return string(b), nil
}
