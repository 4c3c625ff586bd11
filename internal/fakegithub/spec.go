package fakegithub

// The fake checks every request it receives and every response it sends
// against GitHub's OpenAPI description, as the npm package @octokit/openapi
// ships it. SpecPath installs that package into a cache directory with npm
// (never into the repository) and returns the description's path.

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// OctokitOpenAPIVersion is the version of @octokit/openapi the fake is
// checked against.
const OctokitOpenAPIVersion = "23.0.2"

// CacheDir is where test tools are installed: $SCHEMASYNC_E2E_CACHE, else
// schemasync-e2e in the user's cache directory.
func CacheDir() (string, error) {
	if d := os.Getenv("SCHEMASYNC_E2E_CACHE"); d != "" {
		return d, nil
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache directory for test tools (set SCHEMASYNC_E2E_CACHE): %w", err)
	}
	return filepath.Join(base, "schemasync-e2e"), nil
}

// SpecPath returns the path of api.github.com.json from @octokit/openapi,
// installing the package with npm into the cache directory when it is
// not there yet.
func SpecPath(ctx context.Context) (string, error) {
	dir, err := CacheDir()
	if err != nil {
		return "", err
	}
	prefix := filepath.Join(dir, "octokit-openapi-"+OctokitOpenAPIVersion)
	spec := filepath.Join(prefix, "node_modules", "@octokit", "openapi", "generated", "api.github.com.json")
	if _, err := os.Stat(spec); err == nil {
		return spec, nil
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		return "", fmt.Errorf("GitHub's OpenAPI description comes from the npm package @octokit/openapi@%s, but npm is not installed (install Node.js and npm): %w", OctokitOpenAPIVersion, err)
	}
	if err := os.MkdirAll(prefix, 0o755); err != nil {
		return "", err
	}
	cmd := exec.CommandContext(ctx, npm, "install", "--no-save", "--no-audit", "--no-fund", "--prefix", prefix, "@octokit/openapi@"+OctokitOpenAPIVersion)
	cmd.Dir = prefix
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("could not install @octokit/openapi@%s with npm into %s (the fake GitHub validates against it; is the npm registry reachable?): %w\n%s", OctokitOpenAPIVersion, prefix, err, out)
	}
	if _, err := os.Stat(spec); err != nil {
		return "", fmt.Errorf("npm installed @octokit/openapi@%s but %s is missing: %w", OctokitOpenAPIVersion, spec, err)
	}
	return spec, nil
}

// validator checks requests and responses of known operations.
type validator struct {
	doc *openapi3.T
}

func loadValidator(path string) (*validator, error) {
	l := openapi3.NewLoader()
	doc, err := l.LoadFromFile(path)
	if err != nil {
		return nil, fmt.Errorf("load GitHub's OpenAPI description %s: %w", path, err)
	}
	return &validator{doc: doc}, nil
}

// route is the operation of the spec that a request was matched to.
func (v *validator) route(method, pattern string) (*routers.Route, error) {
	item := v.doc.Paths.Find(pattern)
	if item == nil {
		return nil, fmt.Errorf("the OpenAPI description has no path %s", pattern)
	}
	op := item.GetOperation(method)
	if op == nil {
		return nil, fmt.Errorf("the OpenAPI description has no %s %s", method, pattern)
	}
	return &routers.Route{Spec: v.doc, Path: pattern, PathItem: item, Method: method, Operation: op}, nil
}

func (v *validator) options() *openapi3filter.Options {
	return &openapi3filter.Options{
		AuthenticationFunc:    openapi3filter.NoopAuthenticationFunc,
		IncludeResponseStatus: true,
		MultiError:            true,
	}
}

// checkRequest validates a request (its body already read into body).
func (v *validator) checkRequest(ctx context.Context, r *http.Request, route *routers.Route, params map[string]string) (*openapi3filter.RequestValidationInput, error) {
	in := &openapi3filter.RequestValidationInput{Request: r, PathParams: params, Route: route, Options: v.options()}
	if err := openapi3filter.ValidateRequest(ctx, in); err != nil {
		return in, fmt.Errorf("request %s %s does not match GitHub's OpenAPI description: %s", r.Method, r.URL.Path, oneLine(err))
	}
	return in, nil
}

// checkResponse validates a response before it is sent.
func (v *validator) checkResponse(ctx context.Context, in *openapi3filter.RequestValidationInput, status int, header http.Header, body []byte) error {
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in, Status: status, Header: header, Options: v.options(),
	}
	out.SetBodyBytes(body)
	if err := openapi3filter.ValidateResponse(ctx, out); err != nil {
		return fmt.Errorf("response %d to %s %s does not match GitHub's OpenAPI description: %s", status, in.Request.Method, in.Request.URL.Path, oneLine(err))
	}
	return nil
}

func oneLine(err error) string {
	var me openapi3.MultiError
	if errors.As(err, &me) {
		parts := make([]string, 0, len(me))
		for _, e := range me {
			parts = append(parts, oneLine(e))
		}
		return strings.Join(parts, "; ")
	}
	s := strings.Join(strings.Fields(err.Error()), " ")
	if len(s) > 600 {
		s = s[:600] + "…"
	}
	return s
}
