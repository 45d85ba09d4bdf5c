package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/newsevents/newsevents/internal/config"
	"github.com/newsevents/newsevents/internal/extract"
	"github.com/newsevents/newsevents/internal/model"
)

// maxExtractInput bounds what extract reads: a news article is a few
// kilobytes.
const maxExtractInput = 16 << 20

// runExtract prints, as JSON, the candidate events of a news text read from
// a file or standard input. It needs no database, unless --store asks to
// store them (storeExtraction).
func runExtract(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e, "extract", "[--lang fr|en|auto] [--published YYYY-MM-DD] [--store --url URL] FILE|-",
		"Read a news text from FILE (or standard input for -) and print the events it reports, with\n"+
			"actors, dates, figures and the exact quotes that support them, as JSON. Needs no database.\n"+
			"With --store, the text is stored as the article at --url and its events in the database, as\n"+
			"POST /v1/articles with \"extract\": true does (actors matched or created, reports of stored\n"+
			"events merged into them), and the extraction is printed: what was done with each event, and why.")
	lang := fs.String("lang", "auto", "language of the text: fr, en or auto (detect)")
	published := fs.String("published", "", "publication date YYYY-MM-DD; relative dates (\"hier\", \"last week\") resolve against it")
	var (
		cfg config.Config
		art model.ArticleInput
	)
	doStore := fs.Bool("store", false, "store the article and its events in the database (needs --url)")
	fs.StringVar(&art.URL, "url", "", "with --store: the article's URL")
	fs.StringVar(&art.Source, "source", "", "with --store: the publisher, e.g. 7sur7")
	fs.StringVar(&art.Title, "title", "", "with --store: the article's title")
	cfg.BindDatabase(fs, e.getenv)
	// Flags may come before or after FILE.
	files, err := parseInterleaved(&cfg, fs, args)
	if err != nil {
		return err
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
		art.PublishedAt = &t
	}
	if !*doStore && art.URL != "" {
		return fmt.Errorf("--url is for --store: %w", errUsage)
	}
	text, err := readExtractInput(e, files[0])
	if err != nil {
		return err
	}
	if *doStore {
		art.Body = text
		if l := *lang; l != "" && l != "auto" {
			art.Language = &l
		}
		return storeExtraction(ctx, e, &cfg, art)
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
