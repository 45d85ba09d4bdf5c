package bench

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// RunSQL is the floor: clients goroutines run the requests (each a sequence of statements)
// round-robin over pool for d, reading every row of every result as raw bytes, the least any
// client must do. pgx prepares and caches each statement per connection, as the API's pool
// does.
func RunSQL(ctx context.Context, pool *pgxpool.Pool, reqs [][]Statement, clients int, d time.Duration) (Result, error) {
	if len(reqs) == 0 {
		return Result{}, errors.New("run sql: no requests")
	}
	var (
		mu       sync.Mutex
		all      []time.Duration
		errCount int64
		firstErr error
		wg       sync.WaitGroup
	)
	start := time.Now()
	deadline := start.Add(d)
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var (
				lat  []time.Duration
				errs int64
				ferr error
			)
			for i := c * len(reqs) / clients; time.Now().Before(deadline); i++ {
				t0 := time.Now()
				if err := runRequest(ctx, pool, reqs[i%len(reqs)]); err != nil {
					errs++
					if ferr == nil {
						ferr = err
					}
					if ctx.Err() != nil {
						break
					}
					continue
				}
				lat = append(lat, time.Since(t0))
			}
			mu.Lock()
			all = append(all, lat...)
			errCount += errs
			if firstErr == nil {
				firstErr = ferr
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	r := Summarize(all, errCount, time.Since(start))
	if r.Requests == 0 && firstErr != nil {
		return r, fmt.Errorf("run sql: every request failed: %w", firstErr)
	}
	return r, nil
}

func runRequest(ctx context.Context, pool *pgxpool.Pool, stmts []Statement) error {
	for i := 0; i < len(stmts); {
		s := stmts[i]
		if s.Batch == 0 {
			rows, err := pool.Query(ctx, s.SQL, s.Args...)
			if err != nil {
				return err
			}
			if err := drain(rows); err != nil {
				return err
			}
			i++
			continue
		}
		b := &pgx.Batch{}
		j := i
		for ; j < len(stmts) && stmts[j].Batch == s.Batch; j++ {
			b.Queue(stmts[j].SQL, stmts[j].Args...)
		}
		res := pool.SendBatch(ctx, b)
		for range j - i {
			rows, err := res.Query()
			if err != nil {
				res.Close()
				return err
			}
			if err := drain(rows); err != nil {
				res.Close()
				return err
			}
		}
		if err := res.Close(); err != nil {
			return err
		}
		i = j
	}
	return nil
}

// drain reads every row as raw bytes, the least any client must do.
func drain(rows pgx.Rows) error {
	for rows.Next() {
		_ = rows.RawValues()
	}
	rows.Close()
	return rows.Err()
}
