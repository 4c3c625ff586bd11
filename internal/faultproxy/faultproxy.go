// Package faultproxy forwards TCP connections to a database server and cuts
// them on demand, so that tests can interrupt a client at an exact point of
// its conversation with the server: before a statement reaches the server,
// or after the server ran it but before the client heard the answer.
package faultproxy

import (
	"encoding/binary"
	"fmt"
	"net"
	"sync"
)

// Proxy listens on a local port and forwards every connection to the
// target address. After a cut it refuses new connections (accepts and
// closes them at once) until Restore, like a network that stays down.
type Proxy struct {
	target string
	ln     net.Listener

	mu    sync.Mutex
	links map[*link]struct{}
	down  bool
	rule  *rule
	cuts  int
	wg    sync.WaitGroup
}

// link is one forwarded connection.
type link struct {
	client, server net.Conn
	// dropReply: the client's last chunk fired an AfterReply rule; the
	// server's next chunk is dropped and every connection is cut.
	dropReply bool
}

// rule is an armed cut: Match sees every chunk a client sends.
type rule struct {
	match      func(chunk []byte) bool
	afterReply bool
}

// Start listens on 127.0.0.1 (a free port) and forwards to target
// ("host:port").
func Start(target string) (*Proxy, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("faultproxy: listen: %w", err)
	}
	p := &Proxy{target: target, ln: ln, links: map[*link]struct{}{}}
	p.wg.Add(1)
	go p.accept()
	return p, nil
}

// Addr is the proxy's "host:port", to put in place of the server's in a URL.
func (p *Proxy) Addr() string { return p.ln.Addr().String() }

// CutBefore arms a cut: the first client chunk for which match is true is
// not forwarded, and every connection is cut. The rule fires once.
func (p *Proxy) CutBefore(match func(chunk []byte) bool) { p.arm(&rule{match: match}) }

// CutAfterReply arms a cut: the first client chunk for which match is true
// is forwarded; the server's answer to it is dropped and every connection is
// cut, so the server did the work but the client never learns it. The rule
// fires once.
func (p *Proxy) CutAfterReply(match func(chunk []byte) bool) {
	p.arm(&rule{match: match, afterReply: true})
}

func (p *Proxy) arm(r *rule) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.rule = r
}

// Disarm removes an armed rule that has not fired.
func (p *Proxy) Disarm() { p.arm(nil) }

// Cut closes every connection now and refuses new ones until Restore.
func (p *Proxy) Cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cutLocked()
}

func (p *Proxy) cutLocked() {
	p.down = true
	p.cuts++
	p.rule = nil
	for l := range p.links {
		closeHard(l.client)
		closeHard(l.server)
		delete(p.links, l)
	}
}

// Cuts counts the cuts so far (armed rules that fired and calls of Cut).
func (p *Proxy) Cuts() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.cuts
}

// Restore lets new connections through again.
func (p *Proxy) Restore() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.down = false
}

// Close stops listening, cuts every connection and waits for the
// forwarding goroutines to end.
func (p *Proxy) Close() error {
	err := p.ln.Close()
	p.Cut()
	p.wg.Wait()
	return err
}

func (p *Proxy) accept() {
	defer p.wg.Done()
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return // listener closed
		}
		p.mu.Lock()
		down := p.down
		p.mu.Unlock()
		if down {
			closeHard(c)
			continue
		}
		s, err := net.Dial("tcp", p.target)
		if err != nil {
			closeHard(c)
			continue
		}
		l := &link{client: c, server: s}
		p.mu.Lock()
		if p.down { // cut while dialing
			p.mu.Unlock()
			closeHard(c)
			closeHard(s)
			continue
		}
		p.links[l] = struct{}{}
		p.mu.Unlock()
		p.wg.Add(2)
		go p.pump(l, true)
		go p.pump(l, false)
	}
}

// pump copies one direction of a link chunk by chunk, applying the armed
// rule to what the client sends.
func (p *Proxy) pump(l *link, fromClient bool) {
	defer p.wg.Done()
	src, dst := l.server, l.client
	if fromClient {
		src, dst = l.client, l.server
	}
	buf := make([]byte, 64<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			if !p.pass(l, fromClient, buf[:n]) {
				return
			}
			if _, werr := dst.Write(buf[:n]); werr != nil {
				err = werr
			}
		}
		if err != nil {
			// EOF, a reset or a cut: the link ends on both sides.
			p.mu.Lock()
			if _, ok := p.links[l]; ok {
				closeHard(l.client)
				closeHard(l.server)
				delete(p.links, l)
			}
			p.mu.Unlock()
			return
		}
	}
}

// pass decides whether a chunk may be forwarded; false means the proxy cut
// every connection instead.
func (p *Proxy) pass(l *link, fromClient bool, chunk []byte) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, ok := p.links[l]; !ok {
		return false // cut meanwhile
	}
	if !fromClient {
		if l.dropReply {
			p.cutLocked()
			return false
		}
		return true
	}
	if p.rule == nil || !p.rule.match(chunk) {
		return true
	}
	if p.rule.afterReply {
		p.rule = nil
		l.dropReply = true
		return true
	}
	p.cutLocked()
	return false
}

// closeHard closes a connection with a reset rather than an orderly
// shutdown where the system allows, as a broken network would.
func closeHard(c net.Conn) {
	if tc, ok := c.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = c.Close()
}

// PostgresQuery returns the text of the simple-protocol Query message that
// starts a chunk a PostgreSQL client sent.
func PostgresQuery(chunk []byte) (string, bool) {
	if len(chunk) < 5 || chunk[0] != 'Q' {
		return "", false
	}
	n := int(binary.BigEndian.Uint32(chunk[1:5]))
	end := min(len(chunk), 1+n)
	if end < 5 {
		return "", false
	}
	text := chunk[5:end]
	if len(text) > 0 && text[len(text)-1] == 0 {
		text = text[:len(text)-1]
	}
	return string(text), true
}

// MySQLQuery returns the text of the COM_QUERY packet that starts a chunk a
// MySQL client sent.
func MySQLQuery(chunk []byte) (string, bool) {
	if len(chunk) < 5 || chunk[3] != 0 || chunk[4] != 0x03 {
		return "", false
	}
	n := int(chunk[0]) | int(chunk[1])<<8 | int(chunk[2])<<16
	end := min(len(chunk), 4+n)
	if end < 5 {
		return "", false
	}
	return string(chunk[5:end]), true
}
