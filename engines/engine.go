package engines

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"
)

// File is one schema file: its path (for error messages) and its text.
type File struct {
	Path string
	Text string
}

// ParseOptions tune how schema files are read.
type ParseOptions struct {
	// SkipUnsupported turns unsupported statements into warnings instead of errors.
	SkipUnsupported bool
	// Warn receives warnings (skipped statements); nil drops them.
	Warn func(msg string)
	// DefaultSchema is the schema unqualified names belong to (the first
	// schema of the search_path the files were written for); "" means the
	// engine's default (public for PostgreSQL).
	DefaultSchema string
}

// PlanOptions tune diff and DDL generation.
type PlanOptions struct {
	// TargetURL, when the target is a live database, lets the engine ask
	// that server how it would print source expressions its own rules could
	// not match (read-only: temporary objects in a rolled-back transaction).
	TargetURL string
	// AllowDrops lets the plan drop objects that exist only in the target;
	// without it drops are still planned but carry a hazard.
	AllowDrops bool
	// Online tunes the online strategies; the zero value is the default
	// (online forms on, the engine's default lock timeout).
	Online OnlineOptions
}

// OnlineOptions tune how a plan keeps a live target available while it
// changes. The zero value means: online forms where the engine has them,
// DefaultLockTimeout, no statement timeout.
type OnlineOptions struct {
	// Off plans the plain, blocking forms (CREATE INDEX without
	// CONCURRENTLY, constraints validated as they are added).
	Off bool `json:"off,omitempty"`
	// LockTimeout bounds how long a statement waits for a lock, so that a
	// DDL queued behind a long transaction does not stall every query
	// queued behind it. 0 means DefaultLockTimeout; negative means none.
	LockTimeout time.Duration `json:"lock_timeout,omitempty"`
	// StatementTimeout bounds each statement's run time; 0 or negative
	// means none (index builds and validations may take long).
	StatementTimeout time.Duration `json:"statement_timeout,omitempty"`
}

// DefaultLockTimeout is the lock timeout plans set unless told otherwise:
// long enough to get a lock between ordinary short transactions, short
// enough that a statement stuck behind a long one fails (and can be rerun)
// before the queries waiting behind it pile up.
const DefaultLockTimeout = 5 * time.Second

// EffectiveLockTimeout is the lock timeout to set, 0 meaning none.
func (o OnlineOptions) EffectiveLockTimeout() time.Duration {
	switch {
	case o.LockTimeout == 0:
		return DefaultLockTimeout
	case o.LockTimeout < 0:
		return 0
	}
	return o.LockTimeout
}

// ApplyOptions tune apply.
type ApplyOptions struct {
	// Log receives each statement as it starts; nil logs nothing.
	Log func(stmt string)
	// Skip is how many leading statements not to run because an earlier,
	// interrupted apply of the same script already ran them (resume).
	Skip int
	// Done is called with the 0-based index of each statement once it is
	// done for good (committed); nil reports nothing. The runner records
	// it so that a run that dies half-way can resume.
	Done func(index int)
}

// ApplyResult tells what apply ran.
type ApplyResult struct {
	// Executed counts the statements that completed and stay done.
	Executed int
	// RolledBack counts statements that ran but were rolled back by a later failure.
	RolledBack int
}

// StatementError says which statement of a file or plan failed, and where.
type StatementError struct {
	File      string
	Line      int
	Statement string
	Err       error
}

func (e *StatementError) Error() string {
	stmt := strings.TrimSpace(e.Statement)
	if len(stmt) > 200 {
		stmt = stmt[:200] + "…"
	}
	loc := e.File
	if e.Line > 0 {
		loc = fmt.Sprintf("%s:%d", e.File, e.Line)
	}
	if loc != "" {
		return fmt.Sprintf("%s: %v\n  statement: %s", loc, e.Err, stmt)
	}
	return fmt.Sprintf("%v\n  statement: %s", e.Err, stmt)
}

func (e *StatementError) Unwrap() error { return e.Err }

// Engine is what one database dialect provides to the runner and the CLI.
type Engine interface {
	// Name is the engine's name: "postgres", "mysql", ...
	Name() string
	// Schemes lists the URL schemes that select this engine ("postgres", "postgresql").
	Schemes() []string
	// Parse reads schema files into the model.
	Parse(ctx context.Context, files []File, opts ParseOptions) (*Database, error)
	// Inspect reads a live database into the model.
	Inspect(ctx context.Context, url string) (*Database, error)
	// Plan computes the changes that turn target into source, and their DDL.
	Plan(ctx context.Context, target, source *Database, opts PlanOptions) (*Plan, error)
	// Dump writes the model as canonical files, paths relative to the dump directory.
	Dump(db *Database) ([]File, error)
	// Apply runs the statements of a plan file against a live database.
	Apply(ctx context.Context, url string, script string, opts ApplyOptions) (*ApplyResult, error)
}

// Registry finds engines by name or URL scheme. It is built once by the
// caller; there is no global registry.
type Registry struct {
	byName map[string]Engine
}

// NewRegistry returns a registry of the given engines.
func NewRegistry(engines ...Engine) *Registry {
	r := &Registry{byName: map[string]Engine{}}
	for _, e := range engines {
		r.byName[e.Name()] = e
	}
	return r
}

// Get returns the engine of that name, or an error listing the known ones.
func (r *Registry) Get(name string) (Engine, error) {
	if e, ok := r.byName[name]; ok {
		return e, nil
	}
	return nil, fmt.Errorf("unknown engine %q (known: %s)", name, strings.Join(r.Names(), ", "))
}

// Names lists the registered engines, sorted.
func (r *Registry) Names() []string {
	names := make([]string, 0, len(r.byName))
	for n := range r.byName {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// ForURL returns the engine whose scheme starts the URL, or nil if the
// string is not a URL of any registered engine.
func (r *Registry) ForURL(url string) Engine {
	i := strings.Index(url, "://")
	if i <= 0 {
		return nil
	}
	scheme := strings.ToLower(url[:i])
	for _, name := range r.Names() {
		e := r.byName[name]
		for _, s := range e.Schemes() {
			if s == scheme {
				return e
			}
		}
	}
	return nil
}

// HistoryRecord is one apply as recorded in a target's schemasync_history
// table.
type HistoryRecord struct {
	ID      int64  `json:"id"`
	Target  string `json:"target"`
	Version string `json:"version"`
	// PlanChecksum is the body checksum the plan header recorded;
	// BodyChecksum is the checksum of the body that ran. They differ when
	// the plan was edited after it was made (Edited).
	PlanChecksum string `json:"plan_checksum"`
	BodyChecksum string `json:"body_checksum"`
	Edited       bool   `json:"edited"`
	// Fingerprint is the target's fingerprint the plan was made from.
	Fingerprint string `json:"fingerprint"`
	// Statements counts the plan's statements; Done those that completed.
	Statements int    `json:"statements"`
	Done       int    `json:"done"`
	Body       string `json:"-"`
	// Status is "running", "succeeded" or "failed".
	Status string `json:"status"`
	Error  string `json:"error,omitempty"`
	// ResumeFingerprint is the target's fingerprint after a failed apply:
	// a rerun resumes only from exactly that state.
	ResumeFingerprint string `json:"resume_fingerprint,omitempty"`
	AppliedBy         string `json:"applied_by"`
	Agent             string `json:"agent"`
	StartedAt         string `json:"started_at"`
	FinishedAt        string `json:"finished_at,omitempty"`
}

// HistorySession is one connection to a target that may hold the target's
// apply lock and reads and writes its history table. Engines that support
// the runner's apply return it from OpenHistory.
type HistorySession interface {
	// TryLock takes the target's apply lock without waiting; false means
	// another session holds it.
	TryLock(ctx context.Context) (bool, error)
	// Unlock releases the lock.
	Unlock(ctx context.Context) error
	// Records lists the recorded applies, newest first; limit <= 0 lists all.
	Records(ctx context.Context, limit int) ([]HistoryRecord, error)
	// Start records a new apply (creating the table on first use) and
	// returns its id.
	Start(ctx context.Context, rec *HistoryRecord) (int64, error)
	// Progress records how many statements are done.
	Progress(ctx context.Context, id int64, done int) error
	// Finish records the outcome.
	Finish(ctx context.Context, id int64, status string, done int, errMsg, resumeFingerprint string) error
	// Close releases the connection (and with it any lock).
	Close(ctx context.Context) error
}
