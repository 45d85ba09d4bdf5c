package main

import (
	"context"
	"errors"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/newsevents/newsevents/internal/pgembed"
)

// execAsBinary, set to 1 in the environment of this test binary, makes it run main() with its
// arguments: the newsevents binary in a process of its own, which a test can signal and kill
// for real. It runs the same code as the built binary, without a build step in the test.
const execAsBinary = "NEWSEVENTS_TEST_EXEC_MAIN"

// process is "newsevents serve" running in its own process.
type process struct {
	t    *testing.T
	cmd  *exec.Cmd
	base string
	addr string
	logs *syncBuffer
	done chan struct{}
	err  error // set when done is closed
}

// startProcess starts "newsevents serve" with vars (on a free port) in a new process and waits
// for /healthz. When the test ends the process is killed if it still runs, and an embedded
// cluster left in dataDir is stopped.
func startProcess(t *testing.T, dataDir string, vars map[string]string) *process {
	t.Helper()
	p := &process{t: t, addr: freeAddr(t), logs: &syncBuffer{}, done: make(chan struct{})}
	p.base = "http://" + p.addr
	p.cmd = exec.Command(os.Args[0], "serve")
	p.cmd.Env = append(os.Environ(), execAsBinary+"=1", "ADDR="+p.addr, "NEWSEVENTS_DATA_DIR="+dataDir)
	for k, v := range vars {
		p.cmd.Env = append(p.cmd.Env, k+"="+v)
	}
	p.cmd.Stdout, p.cmd.Stderr = p.logs, p.logs
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		p.err = p.cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		select {
		case <-p.done:
		default:
			_ = p.cmd.Process.Kill()
			<-p.done
		}
		stopCluster(t, dataDir)
	})
	deadline := time.Now().Add(2 * time.Minute)
	for {
		resp, err := http.Get(p.base + "/healthz")
		if err == nil {
			resp.Body.Close()
			return p
		}
		select {
		case <-p.done:
			t.Fatalf("newsevents serve exited before answering: %v\n%s", p.err, p.logs)
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("newsevents serve did not answer within 2 minutes:\n%s", p.logs)
		}
	}
}

// wait waits for the process to exit and returns its error and how long it took.
func (p *process) wait(limit time.Duration) (time.Duration, error) {
	start := time.Now()
	select {
	case <-p.done:
		return time.Since(start), p.err
	case <-time.After(limit):
		return time.Since(start), errors.New("still running")
	}
}

// cluster attaches to the embedded cluster of dataDir (starting it when it is down, as after a
// crash); the caller stops it when it is the owner.
func cluster(t *testing.T, dataDir string) *pgembed.Cluster {
	t.Helper()
	c, err := pgembed.Start(context.Background(), pgembed.Options{Dir: dataDir})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// stopCluster stops an embedded cluster still running in dataDir, whoever started it.
func stopCluster(t *testing.T, dataDir string) {
	if _, err := os.Stat(filepath.Join(dataDir, "pgdata", "postmaster.pid")); err != nil {
		return
	}
	c, err := pgembed.Start(context.Background(), pgembed.Options{Dir: dataDir})
	if err != nil {
		t.Logf("attach to the cluster left in %s: %v", dataDir, err)
		return
	}
	if err := c.Kill(context.Background()); err != nil {
		t.Logf("stop the cluster left in %s: %v", dataDir, err)
	}
}

// tempDataDir returns a data directory the postgres OS user can reach, removed after the test.
func tempDataDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "newsevents-proc-")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return filepath.Join(dir, "data")
}

// refused reports whether err is a refused connection: the server is not listening.
func refused(err error) bool { return errors.Is(err, syscall.ECONNREFUSED) }
