// Command tidb-server runs a single TiDB server on the embedded unistore
// storage engine, for schemasync's tests. It is the minimal equivalent of
// `tidb-server -store=unistore`: no PD, no TiKV, every file under -path.
//
// It lives in its own Go module so the main module never depends on TiDB.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/pingcap/tidb/pkg/config"
	"github.com/pingcap/tidb/pkg/ddl"
	"github.com/pingcap/tidb/pkg/domain"
	"github.com/pingcap/tidb/pkg/kv"
	"github.com/pingcap/tidb/pkg/server"
	"github.com/pingcap/tidb/pkg/session"
	"github.com/pingcap/tidb/pkg/store"
	"github.com/pingcap/tidb/pkg/store/mockstore"
	"github.com/pingcap/tidb/pkg/util/logutil"
	"github.com/pingcap/tidb/pkg/util/metricsutil"
)

// storeName is the name the embedded unistore driver is registered under.
const storeName = "unistore"

type options struct {
	host       string
	port       int
	statusPort int // 0 disables the HTTP status server
	path       string
	logFile    string
	logLevel   string
}

func main() {
	opts, err := parseFlags(os.Args[1:], os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "tidb-server:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	if err := run(ctx, opts); err != nil {
		fmt.Fprintln(os.Stderr, "tidb-server:", err)
		os.Exit(1)
	}
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("tidb-server", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.host, "host", "127.0.0.1", "address to listen on")
	fs.IntVar(&o.port, "port", 0, "MySQL protocol port (required, > 0)")
	fs.IntVar(&o.statusPort, "status-port", 0, "HTTP status port (0 = no status server)")
	fs.StringVar(&o.path, "path", "", "data directory (required); store, temp files and default log go here")
	fs.StringVar(&o.logFile, "log-file", "", "log file (default <path>/tidb.log)")
	fs.StringVar(&o.logLevel, "log-level", "warn", "log level: debug, info, warn, error")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if o.port <= 0 || o.port > 65535 {
		return o, fmt.Errorf("-port must be in 1..65535, got %d", o.port)
	}
	if o.statusPort < 0 || o.statusPort > 65535 {
		return o, fmt.Errorf("-status-port must be in 0..65535, got %d", o.statusPort)
	}
	if o.path == "" {
		// TiDB's default is /tmp/tidb, shared by every run and never cleaned.
		return o, errors.New("-path is required")
	}
	abs, err := filepath.Abs(o.path)
	if err != nil {
		return o, fmt.Errorf("-path %q: %w", o.path, err)
	}
	o.path = abs
	if o.logFile == "" {
		o.logFile = filepath.Join(o.path, "tidb.log")
	}
	return o, nil
}

// newConfig returns TiDB's default configuration with every path moved under
// o.path, so that nothing is written to /tmp or the working directory.
func newConfig(o options) *config.Config {
	cfg := config.NewConfig()
	cfg.Host = o.host
	cfg.AdvertiseAddress = o.host
	cfg.Port = uint(o.port)
	cfg.Socket = "" // the default creates /tmp/tidb-<port>.sock
	cfg.Store = storeName
	cfg.Path = filepath.Join(o.path, "store")
	cfg.TempDir = filepath.Join(o.path, "tmp")
	cfg.TempStoragePath = filepath.Join(o.path, "tmp-storage")
	cfg.Status.ReportStatus = o.statusPort > 0
	cfg.Status.StatusHost = o.host
	cfg.Status.StatusPort = uint(o.statusPort)
	cfg.Log.Level = o.logLevel
	cfg.Log.File.Filename = o.logFile
	cfg.Log.SlowQueryFile = filepath.Join(o.path, "tidb-slow.log")
	return cfg
}

func run(ctx context.Context, o options) error {
	cfg := newConfig(o)
	// TiDB binds its port only after seconds of bootstrap: find a taken
	// port now, so that a caller trying ports learns it at once.
	addr := net.JoinHostPort(o.host, strconv.Itoa(o.port))
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("port check: %w", err)
	}
	if err := ln.Close(); err != nil {
		return fmt.Errorf("port check: %w", err)
	}
	for _, dir := range []string{cfg.Path, cfg.TempDir, cfg.TempStoragePath} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("create data directory: %w", err)
		}
	}
	config.StoreGlobalConfig(cfg)
	if err := logutil.InitLogger(cfg.Log.ToLogConfig()); err != nil {
		return fmt.Errorf("init log %s: %w", o.logFile, err)
	}
	if err := metricsutil.RegisterMetrics(); err != nil {
		return fmt.Errorf("register metrics: %w", err)
	}
	if err := store.Register(storeName, mockstore.EmbedUnistoreDriver{}); err != nil {
		return fmt.Errorf("register %s driver: %w", storeName, err)
	}
	storage, err := store.New(storeName + "://" + cfg.Path)
	if err != nil {
		return fmt.Errorf("open store %s: %w", cfg.Path, err)
	}
	// The owner manager lives until shutdown, not until the signal.
	if err := ddl.StartOwnerManager(context.WithoutCancel(ctx), storage); err != nil {
		return errors.Join(fmt.Errorf("start DDL owner manager: %w", err), storage.Close())
	}
	dom, err := session.BootstrapSession(storage)
	if err != nil {
		ddl.CloseOwnerManager()
		return errors.Join(fmt.Errorf("bootstrap: %w", err), storage.Close())
	}
	svr, err := server.NewServer(cfg, server.NewTiDBDriver(storage))
	if err != nil {
		return errors.Join(fmt.Errorf("create server on %s: %w", addr, err), shutdown(dom, storage))
	}
	svr.SetDomain(dom)
	dom.InfoSyncer().SetSessionManager(svr)

	runErr := make(chan error, 1)
	go func() { runErr <- svr.Run(dom) }()
	select {
	case <-ctx.Done():
		svr.Close()
		<-runErr // Run returns once the listeners are closed
		return stop(svr, dom, storage)
	case err := <-runErr:
		svr.Close()
		if err != nil {
			err = fmt.Errorf("serve %s: %w", addr, err)
		}
		return errors.Join(err, stop(svr, dom, storage))
	}
}

// stop ends the sessions still open (test pools keep idle ones), and the
// background ones such as auto analyze, which would hold up the shutdown.
func stop(svr *server.Server, dom *domain.Domain, storage kv.Storage) error {
	dom.StopAutoAnalyze()
	svr.DrainClients(time.Second, time.Second)
	svr.KillSysProcesses()
	return shutdown(dom, storage)
}

// shutdown closes what run opened, in reverse order.
func shutdown(dom *domain.Domain, storage kv.Storage) error {
	dom.Close()
	ddl.CloseOwnerManager()
	if err := storage.Close(); err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	return nil
}
