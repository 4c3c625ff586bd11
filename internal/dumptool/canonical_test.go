package dumptool

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestCanonical compares pairs of dumps under testdata: the same catalog
// dumped after different histories and under different database names
// must compare equal, and a real difference must show as many lines as
// cases.txt says.
func TestCanonical(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "cases.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) != 6 {
			t.Fatalf("cases.txt: %q: want 6 tab-separated fields", line)
		}
		want, err := strconv.Atoi(fields[5])
		if err != nil {
			t.Fatalf("cases.txt: %q: %v", line, err)
		}
		n++
		t.Run(fields[1]+"_"+fields[3], func(t *testing.T) {
			a := Canonical(fields[0], read(fields[1]), fields[2])
			b := Canonical(fields[0], read(fields[3]), fields[4])
			if len(a) == 0 || len(b) == 0 {
				t.Fatalf("empty canonical dump: %d and %d statements", len(a), len(b))
			}
			if d := Differences(a, b); len(d) != want {
				t.Errorf("%d differences, want %d:\n%s", len(d), want, strings.Join(d, "\n"))
			}
		})
	}
	if n == 0 {
		t.Fatal("no cases")
	}
}

// TestCanonicalDropsNoise checks what the canonical form keeps of a dump.
func TestCanonicalDropsNoise(t *testing.T) {
	got := Canonical("mysql", "-- c\n/*!40101 SET NAMES utf8mb4 */;\nDELIMITER ;;\nCREATE TABLE `t` (\n  `b` int,\n  `a` int\n) ENGINE=InnoDB AUTO_INCREMENT=3;\n", "db")
	want := "CREATE TABLE `t` (\n`a` int\n`b` int\n) ENGINE=InnoDB;"
	if len(got) != 1 || got[0] != want {
		t.Errorf("got %q, want [%q]", got, want)
	}
	if got := replaceName("x ss_db.t ss_db2 `ss_db`", "ss_db"); got != "x DB.t ss_db2 `DB`" {
		t.Errorf("replaceName: %q", got)
	}
}
