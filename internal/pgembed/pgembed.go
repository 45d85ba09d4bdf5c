// Package pgembed runs a private PostgreSQL cluster from the server binaries installed on the
// machine (initdb, pg_ctl, postgres), so newsevents works with no database configured.
//
// The cluster lives in one directory: the data in pgdata/, the server log in log/, and the
// generated superuser password in credentials. It listens on 127.0.0.1 only, on a port chosen
// when it starts, and requires that password (scram-sha-256). When the calling process is root,
// the binaries run as the "postgres" OS user, since PostgreSQL refuses to run as root.
//
// Several processes may use the same directory at once: Start attaches to a cluster that is
// already running there instead of starting a second one, and only the process that started the
// cluster stops it.
package pgembed

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Superuser is the name of the cluster's superuser role.
const Superuser = "newsevents"

// ErrNoBinaries is returned when no PostgreSQL server binaries can be found.
var ErrNoBinaries = errors.New("no PostgreSQL server binaries (initdb, pg_ctl, postgres) found on PATH or in /usr/lib/postgresql/*/bin, /usr/local/pgsql/bin, /opt/homebrew/bin: install the PostgreSQL server package (Debian/Ubuntu: apt-get install postgresql; macOS: brew install postgresql) or set DATABASE_URL to use an existing server")

// Options configure a cluster.
type Options struct {
	// Dir is the directory holding the cluster; created when missing.
	Dir string
	// BinDir holds initdb, pg_ctl and postgres; found with FindBinaries when empty.
	BinDir string
	// Logger receives what the launcher does; nil discards it.
	Logger *slog.Logger
	// NoSync skips fsync in initdb and on the server (fast, for throwaway test clusters only).
	NoSync bool
	// Settings are server parameters ("shared_buffers=2GB") given at start, after the
	// launcher's own; they apply only when this process starts the server. Values may not hold
	// spaces or quotes. ParseSettings reads them from a postgresql.conf-style file.
	Settings []string
	// StartTimeout bounds how long Start waits for the server; 60 s when zero.
	StartTimeout time.Duration
}

// Cluster is a running private PostgreSQL cluster.
type Cluster struct {
	opts     Options
	bin      string
	pgdata   string
	port     int
	password string
	owner    bool // this process started the server and stops it
	runAs    *syscall.Credential
}

// installGlobs are the usual install directories of the server binaries.
var installGlobs = []string{"/usr/lib/postgresql/*/bin", "/usr/pgsql-*/bin", "/usr/local/pgsql/bin",
	"/opt/homebrew/opt/postgresql*/bin", "/usr/local/opt/postgresql*/bin", "/opt/homebrew/bin"}

// FindBinaries returns the directory holding initdb, pg_ctl and postgres: the first of PATH,
// then the usual install directories (newest major version first).
func FindBinaries() (string, error) {
	return findBinaries(os.Getenv("PATH"), installGlobs)
}

func findBinaries(path string, globs []string) (string, error) {
	candidates := filepath.SplitList(path)
	for _, pattern := range globs {
		matches, _ := filepath.Glob(pattern)
		sort.Slice(matches, func(i, j int) bool { return versionOf(matches[i]) > versionOf(matches[j]) })
		candidates = append(candidates, matches...)
	}
	for _, dir := range candidates {
		if dir != "" && hasServerBinaries(dir) {
			return dir, nil
		}
	}
	return "", ErrNoBinaries
}

func hasServerBinaries(dir string) bool {
	for _, name := range []string{"initdb", "pg_ctl", "postgres"} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil || fi.IsDir() || fi.Mode()&0o111 == 0 {
			return false
		}
	}
	return true
}

// versionOf reads the major version out of paths such as /usr/lib/postgresql/15/bin.
func versionOf(path string) int {
	parts := strings.Split(path, string(filepath.Separator))
	for i := len(parts) - 1; i >= 0; i-- {
		part := strings.TrimPrefix(strings.TrimPrefix(parts[i], "pgsql-"), "postgresql@")
		if n, err := strconv.Atoi(part); err == nil {
			return n
		}
	}
	return 0
}

// Start initialises the cluster on first use, then starts it, or attaches to it when another
// process already runs it. The caller must call Stop.
func Start(ctx context.Context, opts Options) (*Cluster, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.StartTimeout == 0 {
		opts.StartTimeout = 60 * time.Second
	}
	if opts.BinDir == "" {
		dir, err := FindBinaries()
		if err != nil {
			return nil, err
		}
		opts.BinDir = dir
	}
	dir, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, fmt.Errorf("resolve data dir %q: %w", opts.Dir, err)
	}
	c := &Cluster{opts: opts, bin: opts.BinDir, pgdata: filepath.Join(dir, "pgdata")}
	c.opts.Dir = dir
	if err := c.prepareDirs(); err != nil {
		return nil, err
	}
	if err := c.ownedDir(filepath.Join(dir, "log")); err != nil {
		return nil, err
	}
	unlock, err := lockFile(ctx, filepath.Join(dir, "launcher.lock"))
	if err != nil {
		return nil, err
	}
	defer unlock()

	if err := c.loadOrCreatePassword(); err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(c.pgdata, "PG_VERSION")); errors.Is(err, os.ErrNotExist) {
		// No PG_VERSION: never initialised, or an initdb that died half-way. Start afresh.
		if err := os.RemoveAll(c.pgdata); err != nil {
			return nil, fmt.Errorf("clear unfinished cluster %s: %w", c.pgdata, err)
		}
		if err := c.initdb(ctx); err != nil {
			return nil, err
		}
	} else if err != nil {
		return nil, fmt.Errorf("inspect %s: %w", c.pgdata, err)
	}
	if port, ok := c.runningPort(); ok {
		c.port = port
		opts.Logger.Info("embedded postgres already running; attaching", "dir", dir, "port", port)
		return c, nil
	}
	if err := c.start(ctx, 0); err != nil {
		return nil, err
	}
	return c, nil
}

// prepareDirs creates the cluster directory and decides which OS user runs the server.
func (c *Cluster) prepareDirs() error {
	if err := os.MkdirAll(c.opts.Dir, 0o755); err != nil {
		return fmt.Errorf("create data dir %s: %w", c.opts.Dir, err)
	}
	if os.Geteuid() != 0 {
		return nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return fmt.Errorf("running as root: PostgreSQL refuses to run as root and there is no postgres OS user to run it as (create one, run as another user, or set DATABASE_URL): %w", err)
	}
	uid, _ := strconv.ParseUint(u.Uid, 10, 32)
	gid, _ := strconv.ParseUint(u.Gid, 10, 32)
	c.runAs = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
	// The postgres user must be able to reach the cluster directory.
	if err := os.Chmod(c.opts.Dir, 0o755); err != nil {
		return fmt.Errorf("make %s reachable by the postgres user: %w", c.opts.Dir, err)
	}
	for d := filepath.Dir(c.opts.Dir); ; d = filepath.Dir(d) {
		fi, err := os.Stat(d)
		if err != nil {
			return fmt.Errorf("inspect %s: %w", d, err)
		}
		if fi.Mode().Perm()&0o001 == 0 {
			return fmt.Errorf("running as root, PostgreSQL runs as the postgres user, which cannot enter %s (mode %v): choose a data dir it can reach with --data-dir, or set DATABASE_URL", d, fi.Mode().Perm())
		}
		if d == filepath.Dir(d) {
			break
		}
	}
	return nil
}

func (c *Cluster) loadOrCreatePassword() error {
	path := filepath.Join(c.opts.Dir, "credentials")
	b, err := os.ReadFile(path)
	if err == nil {
		c.password = strings.TrimSpace(string(b))
		if c.password == "" {
			return fmt.Errorf("read password: %s is empty; remove the data dir to start afresh", path)
		}
		return nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("read password: %w", err)
	}
	buf := make([]byte, 18)
	if _, err := rand.Read(buf); err != nil {
		return fmt.Errorf("generate password: %w", err)
	}
	c.password = hex.EncodeToString(buf)
	if err := os.WriteFile(path, []byte(c.password+"\n"), 0o600); err != nil {
		return fmt.Errorf("save password: %w", err)
	}
	return nil
}

func (c *Cluster) initdb(ctx context.Context) error {
	c.opts.Logger.Info("initialising embedded postgres cluster", "dir", c.pgdata, "bin", c.bin)
	// initdb reads the password from a file the server user can read; it is removed right after.
	pwfile := filepath.Join(c.opts.Dir, "log", "initdb.pw")
	defer os.Remove(pwfile)
	var failures []string
	// C.UTF-8 gives Unicode-aware lower() with byte-order sorting; not every system has it.
	for _, locale := range []string{"--locale=C.UTF-8", "--locale=en_US.UTF-8", "--no-locale"} {
		if err := c.ownedDir(c.pgdata); err != nil {
			return err
		}
		if err := c.ownedDir(filepath.Dir(pwfile)); err != nil {
			return err
		}
		if err := os.WriteFile(pwfile, []byte(c.password+"\n"), 0o600); err != nil {
			return fmt.Errorf("write password file: %w", err)
		}
		if c.runAs != nil {
			if err := os.Chown(pwfile, int(c.runAs.Uid), int(c.runAs.Gid)); err != nil {
				return fmt.Errorf("hand password file to the postgres user: %w", err)
			}
		}
		args := []string{"-D", c.pgdata, "-U", Superuser, "--pwfile=" + pwfile, "--auth=scram-sha-256", "-E", "UTF8", locale}
		if c.opts.NoSync {
			args = append(args, "--no-sync")
		}
		out, err := c.command(ctx, "initdb", args...).CombinedOutput()
		if err == nil {
			return nil
		}
		failures = append(failures, fmt.Sprintf("%s: %v: %s", locale, err, strings.TrimSpace(string(out))))
		if !strings.Contains(string(out), "locale") {
			break
		}
		if err := os.RemoveAll(c.pgdata); err != nil {
			return fmt.Errorf("clean up after failed initdb: %w", err)
		}
	}
	return fmt.Errorf("initdb: %s", strings.Join(failures, "\n"))
}

// ownedDir creates dir (mode 0700) and hands it to the server's OS user.
func (c *Cluster) ownedDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	if c.runAs != nil {
		if err := os.Chown(dir, int(c.runAs.Uid), int(c.runAs.Gid)); err != nil {
			return fmt.Errorf("hand %s to the postgres user: %w", dir, err)
		}
	}
	return nil
}

// start starts the server on port (a free one when 0).
func (c *Cluster) start(ctx context.Context, port int) error {
	if port == 0 {
		p, err := freePort()
		if err != nil {
			return err
		}
		port = p
	}
	opts := []string{
		"-p", strconv.Itoa(port),
		"-c", "listen_addresses=127.0.0.1",
		"-c", "unix_socket_directories=''",
		"-c", "max_connections=200",
	}
	if c.opts.NoSync {
		opts = append(opts, "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off")
	}
	for _, kv := range c.opts.Settings {
		if !settingRE.MatchString(kv) {
			return fmt.Errorf("start postgres: setting %q: want name=value, the value without spaces or quotes", kv)
		}
		opts = append(opts, "-c", kv)
	}
	logfile := filepath.Join(c.opts.Dir, "log", "postgres.log")
	secs := strconv.Itoa(int(c.opts.StartTimeout.Seconds()))
	c.opts.Logger.Info("starting embedded postgres", "dir", c.pgdata, "port", port)
	out, err := c.command(ctx, "pg_ctl", "start", "-w", "-t", secs, "-D", c.pgdata, "-l", logfile, "-o", strings.Join(opts, " ")).CombinedOutput()
	if err != nil {
		return fmt.Errorf("start postgres: %w: %s%s", err, strings.TrimSpace(string(out)), tail(logfile))
	}
	c.port = port
	c.owner = true
	return nil
}

// runningPort reports the port of a server already running on this data directory.
func (c *Cluster) runningPort() (int, bool) {
	b, err := os.ReadFile(filepath.Join(c.pgdata, "postmaster.pid"))
	if err != nil {
		return 0, false
	}
	lines := strings.Split(string(b), "\n")
	if len(lines) < 4 {
		return 0, false
	}
	pid, err1 := strconv.Atoi(strings.TrimSpace(lines[0]))
	port, err2 := strconv.Atoi(strings.TrimSpace(lines[3]))
	if err1 != nil || err2 != nil || pid <= 0 {
		return 0, false
	}
	// Signal 0 checks the process exists; EPERM means it exists under another user.
	if err := syscall.Kill(pid, 0); err != nil && !errors.Is(err, syscall.EPERM) {
		return 0, false
	}
	conn, err := net.DialTimeout("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), time.Second)
	if err != nil {
		return 0, false
	}
	conn.Close()
	return port, true
}

var settingRE = regexp.MustCompile(`^[a-z_][a-z0-9_.]*=[A-Za-z0-9_.:/+-]+$`)

// ParseSettings reads server parameters from a postgresql.conf-style file: one "name = value"
// a line, # comments, values optionally in single quotes.
func ParseSettings(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read settings: %w", err)
	}
	var out []string
	for n, line := range strings.Split(string(b), "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		name, value, ok := strings.Cut(line, "=")
		kv := strings.TrimSpace(name) + "=" + strings.Trim(strings.TrimSpace(value), "'")
		if !ok || !settingRE.MatchString(kv) {
			return nil, fmt.Errorf("%s:%d: %q is not name = value (no spaces or quotes in the value)", path, n+1, line)
		}
		out = append(out, kv)
	}
	return out, nil
}

// Port returns the TCP port the server listens on, on 127.0.0.1.
func (c *Cluster) Port() int { return c.port }

// Dir returns the cluster directory.
func (c *Cluster) Dir() string { return c.opts.Dir }

// Owner reports whether this process started the server (and so stops it).
func (c *Cluster) Owner() bool { return c.owner }

// URL returns a connection URL for database dbname as the superuser.
func (c *Cluster) URL(dbname string) string {
	u := url.URL{
		Scheme: "postgres",
		User:   url.UserPassword(Superuser, c.password),
		Host:   net.JoinHostPort("127.0.0.1", strconv.Itoa(c.port)),
		Path:   "/" + dbname,
	}
	q := url.Values{"sslmode": {"disable"}}
	u.RawQuery = q.Encode()
	return u.String()
}

// Stop stops the server with a fast shutdown (open transactions are rolled back, committed data
// is safe) if this process started it; otherwise it leaves the server to its owner.
func (c *Cluster) Stop(ctx context.Context) error {
	if !c.owner {
		return nil
	}
	c.opts.Logger.Info("stopping embedded postgres", "dir", c.pgdata)
	out, err := c.command(ctx, "pg_ctl", "stop", "-w", "-m", "fast", "-D", c.pgdata).CombinedOutput()
	if err != nil {
		return fmt.Errorf("stop postgres: %w: %s", err, strings.TrimSpace(string(out)))
	}
	c.owner = false
	return nil
}

// Kill stops the server immediately, as a crash would (for tests of recovery). Restart brings
// it back on the same port.
func (c *Cluster) Kill(ctx context.Context) error {
	out, err := c.command(ctx, "pg_ctl", "stop", "-w", "-m", "immediate", "-D", c.pgdata).CombinedOutput()
	if err != nil {
		return fmt.Errorf("kill postgres: %w: %s", err, strings.TrimSpace(string(out)))
	}
	return nil
}

// Restart starts a stopped server again on the port it had.
func (c *Cluster) Restart(ctx context.Context) error {
	if _, ok := c.runningPort(); ok {
		return nil
	}
	return c.start(ctx, c.port)
}

// command builds a command for one of the server binaries, run as the server's OS user and in
// its own process group, so a Ctrl-C on the terminal reaches newsevents (which then shuts down in
// order) and not PostgreSQL directly.
func (c *Cluster) command(ctx context.Context, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, filepath.Join(c.bin, name), args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Credential: c.runAs}
	cmd.Dir = c.opts.Dir
	cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8", "PGTZ=UTC")
	return cmd
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// tail returns the last lines of the server log, to explain a failed start.
func tail(path string) string {
	b, err := os.ReadFile(path)
	if err != nil || len(b) == 0 {
		return ""
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) > 10 {
		lines = lines[len(lines)-10:]
	}
	return "\nserver log (" + path + "):\n" + strings.Join(lines, "\n")
}

// lockFile takes an exclusive lock on path, waiting until ctx is done.
func lockFile(ctx context.Context, path string) (func(), error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open lock %s: %w", path, err)
	}
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return func() { _ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN); f.Close() }, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, fmt.Errorf("wait for lock %s: %w", path, ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}
