package engines

import (
	"context"
	"sync"
)

// ConnKeeper keeps the connections an engine opens to one target while the
// runner works on that target (inspect, plan, data checks), so that the
// phases share one server session instead of opening one each: every new
// session costs the server a fork, authentication and cold catalog caches,
// which is what bounds planning a fleet of targets on a small server.
//
// The runner makes one per target and closes it when the target is done;
// engines reach it through the context (KeptConn). Without one (diff,
// apply, tests) every KeptConn opens and closes its own connection.
// A kept connection is lent to one caller at a time: a caller that asks
// while it is lent gets a connection of its own, so drivers whose
// connections are not safe for concurrent use stay safe.
type ConnKeeper struct {
	mu     sync.Mutex
	conns  map[string]*keptConn
	closed bool
}

type keptConn struct {
	conn  any
	close func(context.Context)
	lent  bool
}

// NewConnKeeper returns an empty keeper.
func NewConnKeeper() *ConnKeeper { return &ConnKeeper{conns: map[string]*keptConn{}} }

type connKeeperKey struct{}

// WithConnKeeper returns ctx carrying k.
func WithConnKeeper(ctx context.Context, k *ConnKeeper) context.Context {
	return context.WithValue(ctx, connKeeperKey{}, k)
}

// Close closes the connections kept and not lent; lent ones are closed
// when they are released.
func (k *ConnKeeper) Close(ctx context.Context) {
	if k == nil {
		return
	}
	k.mu.Lock()
	k.closed = true
	var idle []*keptConn
	for key, c := range k.conns {
		if !c.lent {
			idle = append(idle, c)
			delete(k.conns, key)
		}
	}
	k.mu.Unlock()
	for _, c := range idle {
		c.close(ctx)
	}
}

// Kept reports how many connections k holds (lent or not).
func (k *ConnKeeper) Kept() int {
	k.mu.Lock()
	defer k.mu.Unlock()
	return len(k.conns)
}

// KeptConn returns the connection that ctx's keeper holds for key (an
// engine's connection URL), opening it with open on first use. release must
// be called once the caller is done with it: keep reports that the session
// is clean (no transaction open, nothing left on the wire), otherwise the
// connection is closed and the next caller opens a new one. Without a keeper
// in ctx, or while the kept connection is lent, the connection is the
// caller's alone and release closes it.
func KeptConn[C any](ctx context.Context, key string, open func(context.Context) (C, func(context.Context), error)) (C, func(keep bool), error) {
	k, _ := ctx.Value(connKeeperKey{}).(*ConnKeeper)
	if k != nil {
		k.mu.Lock()
		c, ok := k.conns[key]
		if ok && !c.lent {
			if conn, isC := c.conn.(C); isC {
				c.lent = true
				k.mu.Unlock()
				return conn, k.releaser(key, c), nil
			}
		}
		k.mu.Unlock()
		if ok {
			k = nil // lent (or of another driver): use one of our own
		}
	}
	conn, closeFn, err := open(ctx)
	if err != nil {
		var zero C
		return zero, nil, err
	}
	c := &keptConn{conn: conn, close: closeFn, lent: true}
	if k != nil {
		k.mu.Lock()
		if _, taken := k.conns[key]; !taken && !k.closed {
			k.conns[key] = c
			k.mu.Unlock()
			return conn, k.releaser(key, c), nil
		}
		k.mu.Unlock()
	}
	return conn, func(bool) { closeFn(context.WithoutCancel(ctx)) }, nil
}

// releaser gives c back to k, or closes it when its session is not clean
// or k was closed meanwhile.
func (k *ConnKeeper) releaser(key string, c *keptConn) func(keep bool) {
	var once sync.Once
	return func(keep bool) {
		once.Do(func() {
			k.mu.Lock()
			c.lent = false
			if keep && !k.closed {
				k.mu.Unlock()
				return
			}
			delete(k.conns, key)
			k.mu.Unlock()
			c.close(context.Background())
		})
	}
}
