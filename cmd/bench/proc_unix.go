//go:build unix

package main

import (
	"os"
	"os/exec"
	"runtime"
	"syscall"
)

// killGroup starts the command in a process group of its own and makes
// cancelling it kill the whole group: a wrapper script's children die too.
func killGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		if cmd.Process == nil {
			return nil
		}
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}

// maxRSS is the peak resident set size of a finished child, in bytes.
func maxRSS(ps *os.ProcessState) int64 {
	if ps == nil {
		return 0
	}
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	if runtime.GOOS == "darwin" {
		return ru.Maxrss // bytes there, kilobytes on Linux
	}
	return ru.Maxrss * 1024
}
