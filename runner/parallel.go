package runner

import (
	"context"
	"sync"
)

// forEach calls fn for 0..n-1 with at most parallel calls at once
// (parallel < 1 means 1). Every index runs, even after others failed: one
// unreachable target must not hide the plans of the rest. It stops
// starting new calls once ctx is done and returns ctx's error then.
func forEach(ctx context.Context, n, parallel int, fn func(ctx context.Context, i int)) error {
	if parallel < 1 {
		parallel = 1
	}
	sem := make(chan struct{}, parallel)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			wg.Wait()
			return ctx.Err()
		}
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			defer func() { <-sem }()
			fn(ctx, i)
		}(i)
	}
	wg.Wait()
	return ctx.Err()
}
