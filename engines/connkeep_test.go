package engines

import (
	"context"
	"testing"
)

// TestKeptConn: without a keeper every caller opens and closes its own
// connection; with one, a released clean connection is lent again, a dirty
// one is closed, and Close closes what is kept (a lent one on release).
func TestKeptConn(t *testing.T) {
	ctx := context.Background()
	opened, closed := 0, 0
	open := func(context.Context) (*int, func(context.Context), error) {
		opened++
		id := opened
		return &id, func(context.Context) { closed++ }, nil
	}
	c, release, err := KeptConn(ctx, "u", open)
	if err != nil || *c != 1 {
		t.Fatal(c, err)
	}
	release(true)
	if closed != 1 {
		t.Fatalf("no keeper: closed %d, want 1", closed)
	}

	k := NewConnKeeper()
	kctx := WithConnKeeper(ctx, k)
	c1, r1, _ := KeptConn(kctx, "u", open)
	r1(true)
	c2, r2, _ := KeptConn(kctx, "u", open)
	if c1 != c2 || closed != 1 {
		t.Fatalf("clean connection not lent again: %d %d, closed %d", *c1, *c2, closed)
	}
	other, r3, _ := KeptConn(kctx, "v", open)
	r3(false)
	if *other != 3 || closed != 2 || k.Kept() != 1 {
		t.Fatalf("dirty connection: id %d, closed %d, kept %d", *other, closed, k.Kept())
	}
	k.Close(ctx)
	if closed != 2 {
		t.Fatalf("a lent connection was closed under its user")
	}
	r2(true)
	r2(true)
	if closed != 3 || k.Kept() != 0 {
		t.Fatalf("after Close and release: closed %d, kept %d", closed, k.Kept())
	}
	_, r4, _ := KeptConn(kctx, "u", open)
	r4(true)
	if closed != 4 {
		t.Fatalf("a closed keeper kept a connection: closed %d", closed)
	}
}
