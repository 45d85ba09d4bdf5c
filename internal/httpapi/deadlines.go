package httpapi

import (
	"io"
	"net/http"
	"time"
)

// idleTimeout bounds how long an import's body may stop arriving. An import reads its body as
// it writes batches, which may take longer than the server's read and write timeouts (meant
// for ordinary requests): it lifts those and sets this one, renewed at every read, so only a
// stalled client is cut off. (Streamed answers renew their write deadline in streamRecords.)
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
