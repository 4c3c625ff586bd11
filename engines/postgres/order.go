package postgres

import (
	"container/heap"

	"github.com/schemasync/schemasync/engines"
)

// phase is a coarse step of a plan. Statements run phase by phase; inside a
// phase they keep the order they were generated in (schemas, then objects
// sorted by name), except where a dependency graph says otherwise (views
// reading views, partitions after their parents, drops of referencing
// tables before the tables they reference). Phases make most ordering a
// constant-time decision, so planning stays linear in the size of the
// models; only the few graph-ordered phases pay for a sort.
type phase int

const (
	// phOnlineDropIndexes drops indexes CONCURRENTLY, each on its own,
	// before the transactional part of the plan.
	phOnlineDropIndexes phase = iota
	// phRenames renames the tables and columns the source's renamed-from
	// annotations confirm: every later statement uses the new names.
	phRenames
	phDropTriggers
	phDropViews // dependents first
	phDropFKs
	phDropIndexes
	phDropConstraints
	phDropReplaced // functions and types that are dropped and created again
	phCreateSchemas
	phExtensions
	phTypes
	phSequences
	phFunctionsEarly // functions that table defaults, checks or indexes call
	phCreateTables   // parents before partitions and children
	phAlterTables    // per table: options, alter columns, add columns, drop columns
	// phInheritedDefaults sets children's own defaults of inherited
	// columns, after a parent's SET DEFAULT has reached them.
	phInheritedDefaults
	phSequenceOwned
	phAddConstraints
	phCreateIndexes
	phAddFKs
	phFunctionsLate
	// phViews holds views and materialized views with their indexes,
	// readers after what they read, and the functions over a view's row
	// type or reading views in a SQL body, among them in dependency order.
	phViews
	phTriggers
	phComments
	phDropTables // referencing tables and partitions before what they depend on
	phDropSequences
	phDropFunctions
	phDropTypes
	phDropExtensions // before the schemas that may hold their objects
	phDropSchemas
	// The online part runs after the transactional part has committed, so
	// that slow steps never hold its locks or split it (online.go):
	phOnlineBuild    // CREATE INDEX CONCURRENTLY, each on its own
	phOnlineAttach   // what needs the new indexes: constraints USING INDEX, renames, old indexes dropped
	phOnlineValidate // VALIDATE CONSTRAINT, each in its own transaction
	phOnlineFinish   // what needs validated constraints: SET NOT NULL, temporary checks dropped
	numPhases
)

// planStmt is a statement waiting to be ordered. key names the object the
// statement creates or drops, for deps of other statements in the same
// phase: a statement comes after every statement of its phase whose key is
// in its deps.
type planStmt struct {
	phase phase
	key   string
	deps  []string
	stmt  *engines.Statement
}

// orderStatements returns the statements phase by phase, each phase in
// dependency order with ties kept in generation order. Cycles (which
// correct models do not have) are broken at the earliest generated
// statement, so the result stays deterministic.
func orderStatements(stmts []*planStmt) []*engines.Statement {
	byPhase := make([][]*planStmt, numPhases)
	for _, s := range stmts {
		byPhase[s.phase] = append(byPhase[s.phase], s)
	}
	out := make([]*engines.Statement, 0, len(stmts))
	for _, list := range byPhase {
		out = append(out, topoSort(list)...)
	}
	return out
}

func topoSort(list []*planStmt) []*engines.Statement {
	hasDeps := false
	for _, s := range list {
		if len(s.deps) > 0 {
			hasDeps = true
			break
		}
	}
	out := make([]*engines.Statement, 0, len(list))
	if !hasDeps {
		for _, s := range list {
			out = append(out, s.stmt)
		}
		return out
	}
	byKey := map[string][]int{}
	for i, s := range list {
		if s.key != "" {
			byKey[s.key] = append(byKey[s.key], i)
		}
	}
	indegree := make([]int, len(list))
	next := make([][]int, len(list))
	for i, s := range list {
		seen := map[int]bool{}
		for _, d := range s.deps {
			for _, j := range byKey[d] {
				if j == i || seen[j] {
					continue
				}
				seen[j] = true
				next[j] = append(next[j], i)
				indegree[i]++
			}
		}
	}
	ready := &intHeap{}
	for i := range list {
		if indegree[i] == 0 {
			heap.Push(ready, i)
		}
	}
	done := make([]bool, len(list))
	lowest := 0 // every index below it is done: cycle breaking starts here
	for len(out) < len(list) {
		if ready.Len() == 0 {
			for done[lowest] {
				lowest++
			}
			indegree[lowest] = 0
			heap.Push(ready, lowest)
		}
		i := heap.Pop(ready).(int)
		if done[i] {
			continue
		}
		done[i] = true
		out = append(out, list[i].stmt)
		for _, j := range next[i] {
			if done[j] {
				continue
			}
			indegree[j]--
			if indegree[j] == 0 {
				heap.Push(ready, j)
			}
		}
	}
	return out
}

type intHeap []int

func (h intHeap) Len() int           { return len(h) }
func (h intHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h intHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *intHeap) Push(x any)        { *h = append(*h, x.(int)) }
func (h *intHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
