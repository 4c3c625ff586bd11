package main

// Children are started by a small process of the benchmark's own, not by
// the benchmark itself. Go starts children with vfork, and Linux carries
// the parent's peak resident set over into the child's at exec: a child
// of the benchmark, which holds whole schema models, would report the
// benchmark's peak as its own. The spawner stays small, so what a child
// reports is its own.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"
)

// spawnerEnv, set in its environment, makes the benchmark's binary (or
// its test binary, see TestMain) serve as the spawner.
const spawnerEnv = "SCHEMASYNC_BENCH_SPAWNER"

// spawnRequest is a command for the spawner to run.
type spawnRequest struct {
	Path    string
	Args    []string
	Env     []string
	Dir     string
	Timeout time.Duration
	OK      []int
}

// spawnResponse is how it went.
type spawnResponse struct {
	Result procResult
	Err    string
}

// spawner is the running spawner process.
type spawner struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
	enc   *json.Encoder
	dec   *json.Decoder
	mu    sync.Mutex
}

// startSpawner starts the spawner; call it before the benchmark grows.
func startSpawner(ctx context.Context) (*spawner, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("start the spawner: %w", err)
	}
	cmd := exec.CommandContext(ctx, exe)
	cmd.Env = append(os.Environ(), spawnerEnv+"=1")
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start the spawner: %w", err)
	}
	return &spawner{cmd: cmd, stdin: stdin, enc: json.NewEncoder(stdin), dec: json.NewDecoder(stdout)}, nil
}

// run has the spawner run cmd (see runProc) and returns what it measured.
func (s *spawner) run(cmd *exec.Cmd, timeout time.Duration, okCodes ...int) (procResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	req := spawnRequest{Path: cmd.Path, Args: cmd.Args, Env: cmd.Env, Dir: cmd.Dir, Timeout: timeout, OK: okCodes}
	if err := s.enc.Encode(req); err != nil {
		return procResult{}, fmt.Errorf("spawner: %w", err)
	}
	var resp spawnResponse
	if err := s.dec.Decode(&resp); err != nil {
		return procResult{}, fmt.Errorf("spawner: %w", err)
	}
	if resp.Err != "" {
		return resp.Result, errors.New(resp.Err)
	}
	return resp.Result, nil
}

// close stops the spawner.
func (s *spawner) close() {
	_ = s.stdin.Close()
	_ = s.cmd.Wait()
}

// serveSpawner is the spawner: it runs each request read from in and
// writes the outcome to out, until in ends.
func serveSpawner(in io.Reader, out io.Writer) error {
	dec, enc := json.NewDecoder(in), json.NewEncoder(out)
	for {
		var req spawnRequest
		if err := dec.Decode(&req); errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			return err
		}
		if len(req.Args) == 0 {
			req.Args = []string{req.Path}
		}
		// A context, so that runProc may kill it at its timeout.
		cmd := exec.CommandContext(context.Background(), req.Path, req.Args[1:]...)
		cmd.Dir = req.Dir
		cmd.Env = req.Env
		if cmd.Env == nil {
			for _, kv := range os.Environ() {
				if !strings.HasPrefix(kv, spawnerEnv+"=") {
					cmd.Env = append(cmd.Env, kv)
				}
			}
		}
		r, err := runProc(context.Background(), cmd, req.Timeout, req.OK...)
		resp := spawnResponse{Result: r}
		if err != nil {
			resp.Err = err.Error()
		}
		if err := enc.Encode(resp); err != nil {
			return err
		}
	}
}
