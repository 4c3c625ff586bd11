package faultproxy

import (
	"bufio"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// lineServer answers each line with "ok <line>" and remembers the lines it
// received.
type lineServer struct {
	ln   net.Listener
	mu   sync.Mutex
	seen []string
}

func startLineServer(t *testing.T) *lineServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &lineServer{ln: ln}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				r := bufio.NewReader(c)
				for {
					line, err := r.ReadString('\n')
					if err != nil {
						return
					}
					s.mu.Lock()
					s.seen = append(s.seen, strings.TrimSpace(line))
					s.mu.Unlock()
					if _, err := c.Write([]byte("ok " + line)); err != nil {
						return
					}
				}
			}()
		}
	}()
	t.Cleanup(func() { ln.Close() })
	return s
}

func (s *lineServer) received() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.seen...)
}

// ask sends one line and reads the answer; "" with an error when the
// connection broke.
func ask(c net.Conn, r *bufio.Reader, line string) (string, error) {
	if err := c.SetDeadline(time.Now().Add(10 * time.Second)); err != nil {
		return "", err
	}
	if _, err := c.Write([]byte(line + "\n")); err != nil {
		return "", err
	}
	got, err := r.ReadString('\n')
	return strings.TrimSpace(got), err
}

func dial(t *testing.T, p *Proxy) (net.Conn, *bufio.Reader) {
	t.Helper()
	c, err := net.Dial("tcp", p.Addr())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c, bufio.NewReader(c)
}

func is(word string) func([]byte) bool {
	return func(chunk []byte) bool { return strings.TrimSpace(string(chunk)) == word }
}

// startProxy starts a proxy in front of the server, closed at the end.
func startProxy(t *testing.T, srv *lineServer) *Proxy {
	t.Helper()
	p, err := Start(srv.ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	return p
}

func TestCutBeforeAndAfterReply(t *testing.T) {
	srv := startLineServer(t)
	p := startProxy(t, srv)

	c, r := dial(t, p)
	if got, err := ask(c, r, "one"); err != nil || got != "ok one" {
		t.Fatalf("forwarding: %q %v", got, err)
	}

	// Before: the matching line never reaches the server.
	p.CutBefore(is("two"))
	if got, err := ask(c, r, "two"); err == nil {
		t.Fatalf("a cut connection answered %q", got)
	}
	if p.Cuts() != 1 {
		t.Fatalf("cuts = %d, want 1", p.Cuts())
	}
	// Down: a new connection is closed at once, until Restore.
	if c2, err := net.Dial("tcp", p.Addr()); err == nil {
		defer c2.Close()
		if got, err := ask(c2, bufio.NewReader(c2), "three"); err == nil {
			t.Fatalf("a connection made while down answered %q", got)
		}
	}
	p.Restore()

	// After reply: the server gets the line, the client never hears back.
	c3, r3 := dial(t, p)
	p.CutAfterReply(is("four"))
	if got, err := ask(c3, r3, "four"); err == nil {
		t.Fatalf("the answer to a cut-after-reply line arrived: %q", got)
	}
	p.Restore()
	c4, r4 := dial(t, p)
	if got, err := ask(c4, r4, "five"); err != nil || got != "ok five" {
		t.Fatalf("after restore: %q %v", got, err)
	}
	if got := strings.Join(srv.received(), ","); got != "one,four,five" {
		t.Errorf("the server received %s, want one,four,five", got)
	}
	if p.Cuts() != 2 {
		t.Errorf("cuts = %d, want 2", p.Cuts())
	}
}

func TestDisarm(t *testing.T) {
	p := startProxy(t, startLineServer(t))
	c, r := dial(t, p)
	p.CutBefore(is("x"))
	p.Disarm()
	if got, err := ask(c, r, "x"); err != nil || got != "ok x" {
		t.Fatalf("a disarmed rule cut: %q %v", got, err)
	}
}

func TestQueryText(t *testing.T) {
	pg := append([]byte{'Q', 0, 0, 0, 13}, []byte("SELECT 1\x00")...)
	if got, ok := PostgresQuery(pg); !ok || got != "SELECT 1" {
		t.Errorf("PostgresQuery = %q %v", got, ok)
	}
	if _, ok := PostgresQuery([]byte{'P', 0, 0, 0, 4}); ok {
		t.Error("PostgresQuery read a Parse message as a query")
	}
	my := append([]byte{9, 0, 0, 0, 0x03}, []byte("SELECT 1")...)
	if got, ok := MySQLQuery(my); !ok || got != "SELECT 1" {
		t.Errorf("MySQLQuery = %q %v", got, ok)
	}
	if _, ok := MySQLQuery([]byte{1, 0, 0, 0, 0x0e}); ok {
		t.Error("MySQLQuery read a ping as a query")
	}
	for _, short := range [][]byte{nil, {'Q'}, {'Q', 0, 0, 0, 1}, {1, 0, 0}} {
		PostgresQuery(short)
		MySQLQuery(short)
	}
}
