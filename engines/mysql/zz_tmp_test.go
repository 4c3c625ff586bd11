package mysql

import (
	"context"
	"os"
	"testing"
	"time"
)

func TestZZTime(t *testing.T) {
	for i := 0; i < 2; i++ {
		start := time.Now()
		db, n, err := inspectCounted(context.Background(), os.Getenv("ZZ_URL"))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%d tables, %d views, %d queries in %v", len(schemaOf(db).Tables), len(schemaOf(db).Views), n, time.Since(start))
	}
}
