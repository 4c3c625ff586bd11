package main

// A delaying TCP relay: the fleet's targets as if they were a network
// away. On one machine the server hosting every target shares the
// processors with schemasync, so planning 50 local targets measures
// processor time; real fleets sit on servers of their own behind a
// network, where what a target costs is round trips. The relay holds every
// chunk of bytes for a fixed delay in each direction (a round trip of
// twice that) and counts the round trips the client waits for.

import (
	"net"
	"sync"
	"sync/atomic"
	"time"
)

type relay struct {
	ln       net.Listener
	upstream string
	delay    time.Duration

	wg    sync.WaitGroup
	mu    sync.Mutex // guards open
	open  map[net.Conn]struct{}
	conns atomic.Int64
	trips atomic.Int64
}

// startRelay listens on a free loopback port and forwards each connection
// to upstream (host:port) with delay added each way.
func startRelay(upstream string, delay time.Duration) (*relay, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	r := &relay{ln: ln, upstream: upstream, delay: delay, open: map[net.Conn]struct{}{}}
	r.wg.Add(1)
	go r.accept()
	return r, nil
}

// addr is the relay's host:port.
func (r *relay) addr() string { return r.ln.Addr().String() }

// counts returns the connections and round trips so far and resets them.
func (r *relay) counts() (conns, trips int64) {
	return r.conns.Swap(0), r.trips.Swap(0)
}

// close stops listening, cuts the open connections and waits for the
// relay's goroutines.
func (r *relay) close() {
	r.ln.Close()
	r.mu.Lock()
	for c := range r.open {
		c.Close()
	}
	r.mu.Unlock()
	r.wg.Wait()
}

func (r *relay) track(c net.Conn, add bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if add {
		r.open[c] = struct{}{}
	} else {
		delete(r.open, c)
	}
}

func (r *relay) accept() {
	defer r.wg.Done()
	for {
		client, err := r.ln.Accept()
		if err != nil {
			return // closed
		}
		r.conns.Add(1)
		r.wg.Add(1)
		go func() {
			defer r.wg.Done()
			r.serve(client)
		}()
	}
}

// serve relays one connection until either side closes it.
func (r *relay) serve(client net.Conn) {
	defer client.Close()
	server, err := net.DialTimeout("tcp", r.upstream, 10*time.Second)
	if err != nil {
		return
	}
	defer server.Close()
	r.track(client, true)
	r.track(server, true)
	defer r.track(client, false)
	defer r.track(server, false)
	// A round trip starts when the client speaks after the server did
	// (or first): pipelined requests count once, as the client waits once.
	var serverSpoke atomic.Bool
	serverSpoke.Store(true)
	done := make(chan struct{}, 2)
	go func() {
		r.pipe(server, client, func() {
			if serverSpoke.CompareAndSwap(true, false) {
				r.trips.Add(1)
			}
		})
		done <- struct{}{}
	}()
	go func() {
		r.pipe(client, server, func() { serverSpoke.Store(true) })
		done <- struct{}{}
	}()
	<-done
	// One side ended: end the other so that its pipe returns too.
	client.Close()
	server.Close()
	<-done
}

// chunk is bytes read from one side, due on the other at a time.
type chunk struct {
	data []byte
	due  time.Time
}

// pipe copies src to dst, each chunk delivered r.delay after it was read
// (order and pipelining kept). seen runs for every chunk read.
func (r *relay) pipe(dst, src net.Conn, seen func()) {
	queue := make(chan chunk, 4096)
	go func() {
		defer close(queue)
		for {
			buf := make([]byte, 32<<10)
			n, err := src.Read(buf)
			if n > 0 {
				seen()
				queue <- chunk{data: buf[:n], due: time.Now().Add(r.delay)}
			}
			if err != nil {
				return
			}
		}
	}()
	for c := range queue {
		if d := time.Until(c.due); d > 0 {
			time.Sleep(d)
		}
		if _, err := dst.Write(c.data); err != nil {
			// The other side is gone: stop reading, let the reader end.
			src.Close()
			for range queue {
			}
			return
		}
	}
	// src ended: pass the end on.
	if tc, ok := dst.(*net.TCPConn); ok {
		_ = tc.CloseWrite()
	}
}
