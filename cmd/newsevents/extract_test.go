package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const extractSample = `Twitter : Elon Musk licencie la moitié des 7 500 salariés

Il y a deux semaines, le multimilliardaire a licencié la moitié des 7.500 employés du groupe californien.`

type extractOutput struct {
	Language  string `json:"language"`
	Published string `json:"published"`
	Events    []struct {
		Type    string `json:"type"`
		Figures []struct {
			Metric  string  `json:"metric"`
			Value   float64 `json:"value"`
			Derived string  `json:"derived"`
		} `json:"figures"`
		Date struct {
			Start string `json:"start"`
		} `json:"date"`
	} `json:"events"`
}

func TestExtractCommandFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "article.txt")
	if err := os.WriteFile(path, []byte(extractSample), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"newsevents", "extract", "--published", "2022-11-18", path}, envOf(nil), &out, &errOut)
	if err != nil {
		t.Fatalf("extract: %v\n%s", err, errOut.String())
	}
	var got extractOutput
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out.String())
	}
	if got.Language != "fr" || got.Published != "2022-11-18" || len(got.Events) != 1 || got.Events[0].Type != "layoff" {
		t.Fatalf("got %+v", got)
	}
	ev := got.Events[0]
	if ev.Date.Start != "2022-11-04" {
		t.Errorf("date start %q, want 2022-11-04", ev.Date.Start)
	}
	var derived bool
	for _, f := range ev.Figures {
		if f.Metric == "employees_affected" && f.Value == 3750 && f.Derived == "0.5 * 7500" {
			derived = true
		}
	}
	if !derived {
		t.Errorf("no derived 3750 in %+v", ev.Figures)
	}
}

func TestExtractCommandStdin(t *testing.T) {
	var out bytes.Buffer
	e := env{getenv: envOf(nil), stdin: strings.NewReader("Meta said it would lay off 11,000 employees, about 13% of its workforce."), stdout: &out, stderr: io.Discard}
	if err := runExtract(context.Background(), e, []string{"-", "--lang", "en"}); err != nil {
		t.Fatal(err)
	}
	var got extractOutput
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Language != "en" || got.Published != "" || len(got.Events) != 1 || len(got.Events[0].Figures) != 2 {
		t.Errorf("got %s", out.String())
	}
}

func TestExtractCommandErrors(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.txt")
	if err := os.WriteFile(path, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		args  []string
		usage bool
	}{
		{[]string{}, true},
		{[]string{path, path}, true},
		{[]string{"--published", "18/11/2022", path}, true},
		{[]string{"--lang", "de", path}, true},
		{[]string{filepath.Join(t.TempDir(), "missing.txt")}, false},
	} {
		e := env{getenv: envOf(nil), stdout: io.Discard, stderr: io.Discard}
		err := runExtract(context.Background(), e, tt.args)
		if err == nil || errors.Is(err, errUsage) != tt.usage {
			t.Errorf("%v: err %v, usage error %v", tt.args, err, tt.usage)
		}
	}
}
