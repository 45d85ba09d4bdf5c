package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/newsevents/newsevents/internal/config"
	"github.com/newsevents/newsevents/internal/database"
	"github.com/newsevents/newsevents/internal/importer"
	"github.com/newsevents/newsevents/internal/store"
)

// mapFlag collects repeated --map COLUMN=FIELD flags.
type mapFlag map[string]string

func (m mapFlag) String() string { return fmt.Sprint(map[string]string(m)) }

func (m mapFlag) Set(v string) error {
	col, field, ok := strings.Cut(v, "=")
	if !ok || strings.TrimSpace(col) == "" || strings.TrimSpace(field) == "" {
		return fmt.Errorf("%q: give COLUMN=FIELD, e.g. --map 'Company Name=company'", v)
	}
	m[strings.TrimSpace(col)] = strings.TrimSpace(field)
	return nil
}

func runImport(ctx context.Context, e env, args []string) error {
	var (
		cfg          config.Config
		format       string
		table        string
		allOrNothing bool
		asJSON       bool
		mapping      = mapFlag{}
	)
	fs := newFlagSet(e, "import", "[flags] FILE",
		`Load FILE ("-" for standard input) into the database:
  - NDJSON of event records, one per line, in the shape GET /v1/events/{id} and "newsevents
    export" write: ids are kept, so an export imported into an empty database exports the same;
  - CSV tables of layoffs (company, location, people laid off, percentage, date, source URL, …)
    or acquisitions (acquirer, target, year, month, price, …). Common column names are
    recognised; --map names the others. Each row becomes an event with its actors, figures and
    source article (when the row has a URL). Empty cells, "NULL", "-", "undisclosed" mean
    unknown, never zero.
Importing the same file again adds nothing. Every rejected line is reported with its number and
the reason while the good ones load (or nothing loads, with --all-or-nothing).`)
	fs.StringVar(&format, "format", "", "ndjson or csv (default: told from the content)")
	fs.StringVar(&table, "table", "", "kind of CSV table: layoffs or acquisitions (default: told from the header)")
	fs.Var(mapping, "map", "COLUMN=FIELD: read a CSV column as this field (repeatable); FIELD ignore skips the column")
	fs.BoolVar(&allOrNothing, "all-or-nothing", false, "import nothing when any line is rejected")
	fs.BoolVar(&asJSON, "json", false, "print the report as JSON (the body POST /v1/import answers)")
	cfg.BindDatabase(fs, e.getenv)
	pos, err := parseInterleaved(&cfg, fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fs.Usage()
		return fmt.Errorf("import needs one FILE: %w", errUsage)
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	name := pos[0]
	var (
		in   io.Reader = os.Stdin
		size int64
	)
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
		defer f.Close()
		if fi, err := f.Stat(); err == nil {
			size = fi.Size()
		}
		in = f
	}

	log := newLogger(&cfg, e.stderr)
	db, err := openDatabase(ctx, &cfg, log, database.PoolOptions{MaxConns: 4, ApplicationName: "newsevents import"})
	if err != nil {
		return err
	}
	defer db.Close()
	if err := migrateUp(ctx, db.Pool, log); err != nil {
		return err
	}
	bar := newProgressBar(e.stderr, name, size)
	rep, err := importer.Import(ctx, store.New(db.Pool), in, importer.Options{
		Format: format, Table: table, Map: mapping, AllOrNothing: allOrNothing,
		Who: "cli:import", Progress: bar.update,
	})
	bar.done()
	if rep != nil {
		if asJSON {
			enc := json.NewEncoder(e.stdout)
			enc.SetIndent("", "  ")
			if err := enc.Encode(rep); err != nil {
				return err
			}
		} else {
			printReport(e.stdout, name, rep)
		}
	}
	if err != nil {
		return fmt.Errorf("import %s: %w", name, err)
	}
	if rep.RolledBack {
		return fmt.Errorf("import %s: %d of %d records rejected; nothing was imported (--all-or-nothing)", name, rep.Rejected, rep.Read)
	}
	return nil
}

// printReport writes the report for people.
func printReport(w io.Writer, name string, rep *importer.Report) {
	what := "NDJSON event records"
	if rep.Format == importer.FormatCSV {
		what = "CSV table of " + rep.Table
	}
	fmt.Fprintf(w, "%s: %s\n", name, what)
	if len(rep.Columns) > 0 {
		cols := make([]string, 0, len(rep.Columns))
		for c, f := range rep.Columns {
			if c == f {
				cols = append(cols, c)
			} else {
				cols = append(cols, c+" → "+f)
			}
		}
		sort.Strings(cols)
		fmt.Fprintf(w, "  columns: %s\n", strings.Join(cols, ", "))
		if len(rep.Ignored) > 0 {
			fmt.Fprintf(w, "  ignored columns: %s\n", strings.Join(rep.Ignored, ", "))
		}
	}
	rate := 0.0
	if rep.Seconds > 0 {
		rate = float64(rep.Read) / rep.Seconds
	}
	fmt.Fprintf(w, "%d records read in %.2f s (%.0f/s): %d created, %d updated, %d unchanged, %d rejected\n",
		rep.Read, rep.Seconds, rate, rep.Created, rep.Updated, rep.Unchanged, rep.Rejected)
	if rep.KeptTimestamps && rep.Created > 0 {
		fmt.Fprintln(w, "the database was empty: records kept the created_at and updated_at of the file")
	}
	if rep.RolledBack {
		fmt.Fprintln(w, "rolled back: nothing was imported (--all-or-nothing)")
	}
	for _, r := range rep.Rejections {
		fmt.Fprintf(w, "line %d: rejected: %s\n", r.Line, reason(r))
	}
	if n := rep.Rejected - len(rep.Rejections); n > 0 {
		fmt.Fprintf(w, "… and %d more rejected lines\n", n)
	}
	for _, r := range rep.Warnings {
		fmt.Fprintf(w, "line %d: warning: %s\n", r.Line, reason(r))
	}
}

// reason is a rejection in one line: its message and each bad member.
func reason(r importer.Rejection) string {
	parts := []string{r.Reason}
	for _, f := range r.Errors {
		name := f.Pointer
		if name == "" {
			name = f.Parameter
		}
		if name == "" {
			parts = append(parts, f.Detail)
			continue
		}
		parts = append(parts, name+": "+f.Detail)
	}
	return strings.Join(parts, "; ")
}
