package main

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"sort"
	"strings"
	"time"
)

// procResult is one run of a child process.
type procResult struct {
	Wall time.Duration
	// MaxRSS is the child's peak resident set size in bytes (0 where the
	// system does not tell).
	MaxRSS int64
	// Out counts the bytes the child wrote to standard output.
	Out      int64
	ExitCode int
	// TimedOut is set when the child was killed at the timeout.
	TimedOut bool
}

// countWriter counts what is written to it and keeps nothing.
type countWriter struct{ n int64 }

func (w *countWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return len(p), nil
}

// tailWriter keeps the last bytes written to it, for error messages.
type tailWriter struct{ buf []byte }

func (w *tailWriter) Write(p []byte) (int, error) {
	w.buf = append(w.buf, p...)
	if over := len(w.buf) - 2000; over > 0 {
		w.buf = w.buf[over:]
	}
	return len(p), nil
}

// runProc runs cmd to its end (or until timeout, when > 0, kills it with
// its process group) and measures its wall time and peak memory. An exit
// code not in okCodes is an error carrying the end of its stderr.
func runProc(ctx context.Context, cmd *exec.Cmd, timeout time.Duration, okCodes ...int) (procResult, error) {
	out := &countWriter{}
	errTail := &tailWriter{}
	if cmd.Stdout == nil {
		cmd.Stdout = out
	}
	cmd.Stderr = errTail
	killGroup(cmd)
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return procResult{}, fmt.Errorf("start %s: %w", cmd.Path, err)
	}
	timedOut := make(chan struct{})
	if timeout > 0 {
		timer := time.AfterFunc(timeout, func() {
			close(timedOut)
			_ = cmd.Cancel()
		})
		defer timer.Stop()
	}
	err := cmd.Wait()
	wall := time.Since(start)
	r := procResult{Wall: wall, Out: out.n, MaxRSS: maxRSS(cmd.ProcessState)}
	select {
	case <-timedOut:
		r.TimedOut = true
		return r, nil
	default:
	}
	if ctx.Err() != nil {
		return r, ctx.Err()
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		r.ExitCode = ee.ExitCode()
		for _, c := range okCodes {
			if c == r.ExitCode {
				return r, nil
			}
		}
		return r, fmt.Errorf("%s exited with %d: %s", cmd.Path, r.ExitCode, strings.TrimSpace(string(errTail.buf)))
	}
	if err != nil {
		return r, fmt.Errorf("run %s: %w", cmd.Path, err)
	}
	for _, c := range okCodes {
		if c == 0 {
			return r, nil
		}
	}
	if len(okCodes) == 0 {
		return r, nil
	}
	return r, fmt.Errorf("%s exited with 0, expected one of %v", cmd.Path, okCodes)
}

// median is the middle of the values (the mean of the two middle ones
// for an even count); 0 for none.
func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// fmtDur prints a duration in seconds with three significant digits or so.
func fmtDur(d time.Duration) string {
	s := d.Seconds()
	switch {
	case s < 10:
		return fmt.Sprintf("%.3f s", s)
	case s < 100:
		return fmt.Sprintf("%.1f s", s)
	}
	return fmt.Sprintf("%.0f s", s)
}

// fmtMB prints bytes in MiB.
func fmtMB(b int64) string {
	if b <= 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.0f MB", float64(b)/(1<<20))
}

// fmtMillis prints a short duration in milliseconds.
func fmtMillis(d time.Duration) string {
	return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
}
