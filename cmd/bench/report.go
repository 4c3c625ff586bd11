package main

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// writeReport prints the report as Markdown: a few lines on the
// conditions, the table of sizes and, when measured, the fleet table.
func writeReport(w io.Writer, r *report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "### %s\n\n", r.Server)
	fmt.Fprintf(&b, "- date: %s\n", r.Date.Format(time.RFC3339))
	fmt.Fprintf(&b, "- machine: %s; load average at the start: %s\n", r.Machine, r.Load)
	if r.Command != "" {
		fmt.Fprintf(&b, "- command: `%s`\n", r.Command)
	}
	fmt.Fprintf(&b, "- times are medians of %d runs (reference: %d runs); peak RSS is the largest of the runs\n\n", r.Runs, r.RefRuns)

	ref := r.Reference
	if ref == "" {
		ref = "reference"
	}
	head := []string{"tables", "parse", "inspect", "diff+plan", "schemasync diff", "schemasync plan",
		ref, "diff / reference", "peak RSS diff", "peak RSS plan", "catalog queries", "plan statements"}
	b.WriteString("| " + strings.Join(head, " | ") + " |\n")
	b.WriteString("|" + strings.Repeat("---:|", len(head)) + "\n")
	for _, s := range r.Sizes {
		refCell, ratio := fmtDur(s.Ref), "n/a"
		switch s.RefNote {
		case "skipped":
			refCell = "skipped"
		case "timeout":
			refCell = "> " + fmtDur(s.Ref) + " (timeout)"
			ratio = fmt.Sprintf("< %.3f×", s.Diff.Seconds()/s.Ref.Seconds())
		default:
			if s.Ref > 0 {
				ratio = fmt.Sprintf("%.3f×", s.Diff.Seconds()/s.Ref.Seconds())
			}
		}
		cells := []string{fmt.Sprint(s.Tables), fmtDur(s.Parse), fmtDur(s.Inspect), fmtDur(s.Plan), fmtDur(s.Diff),
			fmtDur(s.PlanCmd), refCell, ratio, fmtMB(s.DiffRSS), fmtMB(s.PlanRSS), fmt.Sprint(s.Queries), fmt.Sprint(s.Statements)}
		b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
	}
	var loads []string
	for _, s := range r.Sizes {
		loads = append(loads, fmt.Sprintf("%d: %s", s.Tables, s.Load))
	}
	fmt.Fprintf(&b, "\nDatabases: %s.\n", strings.Join(loads, "; "))

	if f := r.Fleet; f != nil {
		b.WriteString("\n| targets | tables each | --parallel | schemasync plan | × one target | plan files | peak RSS |\n")
		b.WriteString("|---:|---:|---:|---:|---:|---:|---:|\n")
		fmt.Fprintf(&b, "| 1 | %d | %d | %s | 1.00× | 1 | %s |\n", f.Tables, f.Parallel, fmtDur(f.One), fmtMB(f.OneRSS))
		fmt.Fprintf(&b, "| %d | %d | %d | %s | %.2f× | %d | %s |\n", f.Targets, f.Tables, f.Parallel, fmtDur(f.All),
			f.All.Seconds()/f.One.Seconds(), f.Plans, fmtMB(f.AllRSS))
		if f.Latency > 0 {
			fmt.Fprintf(&b, "\nThe targets were reached through a relay delaying each direction by %s (a round trip of %s). Through it, one target took %d connections and %d round trips; the %d targets %d and %d.\n",
				f.Latency, 2*f.Latency, f.OneConns, f.OneTrips, f.Targets, f.AllConns, f.AllTrips)
		}
		if fl := f.Floor; fl != nil {
			fmt.Fprintf(&b, "\nThe floor on the same databases, %d at a time (bare catalog rows: one batch of single-catalog queries per target over a fresh connection, nothing printed by the server, nothing built): one %s, all %d %s, %.2f× one target's plan; per target %s of the client's processor time",
				f.Parallel, fmtDur(fl.One), f.Targets, fmtDur(fl.All), fl.All.Seconds()/f.One.Seconds(), fmtMillis(fl.ClientCPU))
			if fl.ServerCPU > 0 {
				fmt.Fprintf(&b, " and %s of the server's", fmtMillis(fl.ServerCPU))
			}
			b.WriteString(".\n")
		}
		if f.RefOne > 0 {
			fmt.Fprintf(&b, "\nThe reference on the same databases, %d at a time: `%s` of one %s, of all %d %s, %.2f×.\n",
				f.Parallel, f.RefLabel, fmtDur(f.RefOne), f.Targets, fmtDur(f.RefAll), f.RefAll.Seconds()/f.RefOne.Seconds())
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
