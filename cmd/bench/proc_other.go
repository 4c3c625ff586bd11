//go:build !unix

package main

import (
	"os"
	"os/exec"
)

func killGroup(*exec.Cmd) {}

// maxRSS is unknown here: the report says n/a.
func maxRSS(*os.ProcessState) int64 { return 0 }
