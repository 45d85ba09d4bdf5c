package httpapi

import (
	"context"
	"io"
	"net/http"
	"time"
)

// idleTimeout bounds how long an import's body may stop arriving. An import reads its body as
// it writes batches, which may take longer than the server's read and write timeouts (meant
// for ordinary requests): it lifts those and sets this one, renewed at every read, so only a
// stalled client is cut off. (Streamed answers renew their write deadline through streamBounds.)
const idleTimeout = time.Minute

// progressReader is a request body whose read deadline is renewed at every read.
type progressReader struct {
	r  io.Reader
	rc *http.ResponseController
}

// longBody lifts the read timeout of r (its body may take as long as the work it feeds) and
// returns body with a read deadline renewed at every read: idleTimeout without any byte ends it.
func longBody(w http.ResponseWriter, body io.Reader) io.Reader {
	rc := http.NewResponseController(w)
	_ = rc.SetWriteDeadline(time.Time{}) // the answer comes after the whole body is processed
	return &progressReader{r: body, rc: rc}
}

func (p *progressReader) Read(b []byte) (int, error) {
	_ = p.rc.SetReadDeadline(time.Now().Add(idleTimeout)) // ErrNotSupported in tests' recorders
	return p.r.Read(b)
}

// streamBounds bounds a streamed answer (CSV or NDJSON without limit, /v1/export, /v1/feed):
// the whole stream by Options.ExportTimeout, and each part the client takes by
// Options.WriteTimeout, renewed as the stream makes progress.
type streamBounds struct {
	rc    *http.ResponseController
	write time.Duration
	end   time.Time // when the stream must be over; zero: no bound
}

// boundStream returns the context of the stream r answers, ending after ExportTimeout, and
// its bounds; cancel releases the context.
func boundStream(w http.ResponseWriter, r *http.Request, opts Options) (ctx context.Context, cancel context.CancelFunc, b *streamBounds) {
	ctx, cancel = r.Context(), func() {}
	b = &streamBounds{rc: http.NewResponseController(w), write: opts.WriteTimeout}
	if opts.ExportTimeout > 0 {
		ctx, cancel = context.WithTimeout(ctx, opts.ExportTimeout)
		b.end, _ = ctx.Deadline()
	}
	return ctx, cancel, b
}

// extend gives the client WriteTimeout more to take what follows, but no later than the end
// of the stream plus grace (the time a last message needs).
func (b *streamBounds) extend(grace time.Duration) {
	if b.write <= 0 {
		return
	}
	d := time.Now().Add(b.write)
	if !b.end.IsZero() && b.end.Before(d) {
		d = b.end.Add(grace)
	}
	_ = b.rc.SetWriteDeadline(d) // not every ResponseWriter has deadlines (httptest)
}
