package main

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"testing"
	"time"
)

// TestRelay sends lines through the relay to an echo server: every byte
// comes back in order, a pipelined burst counts as one round trip, and
// closing the relay ends its connections.
func TestRelay(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				_, _ = io.Copy(c, c)
			}()
		}
	}()
	r, err := startRelay(ln.Addr().String(), 2*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	defer r.close()
	c, err := net.Dial("tcp", r.addr())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	in := bufio.NewReader(c)
	big := bytes.Repeat([]byte("0123456789abcdef"), 4<<10) // two chunks
	big = append(big, '\n')
	exchanges := [][]string{{"one\n"}, {"two\n", "three\n"}, {string(big)}}
	for _, ex := range exchanges {
		for _, line := range ex { // written back to back: one round trip
			if _, err := io.WriteString(c, line); err != nil {
				t.Fatal(err)
			}
		}
		for _, line := range ex {
			got, err := in.ReadString('\n')
			if err != nil {
				t.Fatal(err)
			}
			if got != line {
				t.Fatalf("echoed %d bytes, sent %d", len(got), len(line))
			}
		}
	}
	conns, trips := r.counts()
	if conns != 1 {
		t.Errorf("connections: %d, want 1", conns)
	}
	// One round trip per exchange; more only when the server answered
	// before the relay had read the rest of a burst (a stalled machine):
	// at most one per further chunk.
	if most := int64(len(exchanges) + 1 + len(big)/(32<<10)); trips < int64(len(exchanges)) || trips > most {
		t.Errorf("round trips: %d, want %d (at most %d)", trips, len(exchanges), most)
	}
	if conns, trips := r.counts(); conns != 0 || trips != 0 {
		t.Errorf("counts not reset: %d, %d", conns, trips)
	}
	r.close()
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := in.ReadByte(); err == nil {
		t.Errorf("connection still open after the relay closed")
	}
}
