package bench

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Throughput on a shared machine moves with what else runs; the CPU time a request costs
// moves much less. ProcessCPU and PostgresCPU read the kernel's accounting (Linux /proc), so a
// measurement can report, beside req/s, the CPU each request took in the API server and in
// PostgreSQL (or in the floor's client and PostgreSQL).

// clockTick is the unit of /proc/<pid>/stat times (USER_HZ, 100 on every Linux architecture
// Go supports).
const clockTick = 10 * time.Millisecond

// statFields returns the fields of /proc/pid/stat after the command name.
func statFields(pid int) ([]string, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return nil, err
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 || i+2 > len(s) {
		return nil, fmt.Errorf("read /proc/%d/stat: unexpected format", pid)
	}
	return strings.Fields(s[i+2:]), nil
}

// ticks sums fields [from, to] of /proc/<pid>/stat as counted from the state field (0): 11
// and 12 are utime and stime, 13 and 14 the times of waited-for children.
func ticks(f []string, from, to int) time.Duration {
	var n int64
	for i := from; i <= to && i < len(f); i++ {
		v, _ := strconv.ParseInt(f[i], 10, 64)
		n += v
	}
	return time.Duration(n) * clockTick
}

// ProcessCPU returns the user and system CPU time process pid has used.
func ProcessCPU(pid int) (time.Duration, error) {
	f, err := statFields(pid)
	if err != nil {
		return 0, err
	}
	return ticks(f, 11, 12), nil
}

// PostgresCPU returns the CPU time used by the PostgreSQL server whose postmaster is pid: the
// postmaster, its children alive now (backends, background workers), and those that ended.
func PostgresCPU(pid int) (time.Duration, error) {
	f, err := statFields(pid)
	if err != nil {
		return 0, err
	}
	total := ticks(f, 11, 14)
	dirs, err := filepath.Glob("/proc/[0-9]*")
	if err != nil {
		return 0, err
	}
	parent := strconv.Itoa(pid)
	for _, d := range dirs {
		child, err := strconv.Atoi(filepath.Base(d))
		if err != nil || child == pid {
			continue
		}
		cf, err := statFields(child)
		if err != nil || len(cf) < 13 || cf[1] != parent {
			continue // gone meanwhile, or not a child of the postmaster
		}
		total += ticks(cf, 11, 12)
	}
	return total, nil
}

// PostmasterPID reads the postmaster's pid from the postmaster.pid file of a data directory.
func PostmasterPID(pgdata string) (int, error) {
	b, err := os.ReadFile(filepath.Join(pgdata, "postmaster.pid"))
	if err != nil {
		return 0, fmt.Errorf("find the postmaster: %w", err)
	}
	first, _, _ := strings.Cut(string(b), "\n")
	pid, err := strconv.Atoi(strings.TrimSpace(first))
	if err != nil {
		return 0, fmt.Errorf("find the postmaster: %q is no pid", first)
	}
	return pid, nil
}
