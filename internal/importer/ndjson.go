package importer

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/records"
)

// maxLine caps one NDJSON line (an event with the bodies of its articles).
const maxLine = 32 << 20

// ndjson reads one event record per line.
type ndjson struct {
	br   *bufio.Reader
	dec  records.Decoder
	line int
}

func newNDJSON(br *bufio.Reader, voc model.Vocabulary) *ndjson {
	return &ndjson{br: br, dec: records.NewDecoder(voc, records.Import)}
}

func (n *ndjson) next() (item, error) {
	for {
		b, err := n.readLine()
		if len(b) == 0 && errors.Is(err, io.EOF) {
			return item{}, io.EOF
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return item{}, fmt.Errorf("read line %d: %w", n.line+1, err)
		}
		n.line++
		b = bytes.TrimSpace(b)
		if n.line == 1 {
			b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
		}
		if len(b) == 0 {
			continue
		}
		if len(b) > maxLine {
			return item{line: n.line, err: model.Errorf(model.Invalid, "the line is over %d MiB", maxLine>>20)}, nil
		}
		rd, obj, err := records.Parse(b)
		if err != nil {
			return item{line: n.line, err: err}, nil
		}
		doc := n.dec.Event(obj)
		if err := rd.Err(); err != nil {
			return item{line: n.line, err: err}, nil
		}
		return item{line: n.line, doc: doc}, nil
	}
}

// readLine reads up to a newline, however long the line.
func (n *ndjson) readLine() ([]byte, error) {
	var out []byte
	for {
		b, err := n.br.ReadSlice('\n')
		out = append(out, b...)
		if errors.Is(err, bufio.ErrBufferFull) {
			if len(out) > maxLine+1 {
				// Skip the rest of an oversized line.
				for errors.Is(err, bufio.ErrBufferFull) {
					_, err = n.br.ReadSlice('\n')
				}
				return out, nil
			}
			continue
		}
		return out, err
	}
}
