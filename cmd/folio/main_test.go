package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/store"
)

// portalDir is the bundled sample portal.
const portalDir = "../../testdata/portal"

// folio runs one folio command in-process and returns its exit code and
// outputs.
func folio(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }}
	code = run(context.Background(), args, e)
	return code, out.String(), errOut.String()
}

// servePortal serves the sample portal on loopback, through wrap if given
// (tests that change pages between fetches).
func servePortal(t *testing.T, wrap func(http.Handler) http.Handler) *httptest.Server {
	t.Helper()
	var h http.Handler = portalHandler(portalDir)
	if wrap != nil {
		h = wrap(h)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func tempDB(t *testing.T) string {
	t.Helper()
	return filepath.Join(t.TempDir(), "folio.db")
}

// fastFlags keep politeness on but quick against a loopback server.
var fastFlags = []string{"--delay", "10ms", "--timeout", "5s"}

func archiveJSON(t *testing.T, db string, urls ...string) []store.Document {
	t.Helper()
	return archiveJSONWith(t, db, nil, urls...)
}

// archiveJSONWith archives with extra flags.
func archiveJSONWith(t *testing.T, db string, flags []string, urls ...string) []store.Document {
	t.Helper()
	args := append(append([]string{"archive", "--db", db, "--json"}, fastFlags...), flags...)
	code, out, errOut := folio(t, append(args, urls...)...)
	if code != 0 {
		t.Fatalf("archive %v: exit %d\n%s", urls, code, errOut)
	}
	return decodeDocs(t, out)
}

func decodeDocs(t *testing.T, out string) []store.Document {
	t.Helper()
	var docs []store.Document
	dec := json.NewDecoder(strings.NewReader(out))
	for dec.More() {
		var d store.Document
		if err := dec.Decode(&d); err != nil {
			t.Fatalf("decoding %q: %v", out, err)
		}
		docs = append(docs, d)
	}
	return docs
}

// expectedDoc is one article of testdata/portal/expected.json.
type expectedDoc struct {
	Key            string       `json:"key"`
	URL            string       `json:"url"`
	Pages          []string     `json:"pages"`
	Title          string       `json:"title"`
	Published      string       `json:"published"`
	Source         string       `json:"source"`
	Author         string       `json:"author"`
	TextLines      []string     `json:"text_lines"`
	Tables         [][][]string `json:"tables"`
	MustNotContain []string     `json:"must_not_contain"`
	Charset        string       `json:"charset"`
}

func loadExpected(t *testing.T) []expectedDoc {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(portalDir, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var exp struct {
		Documents []expectedDoc `json:"documents"`
	}
	if err := json.Unmarshal(data, &exp); err != nil {
		t.Fatal(err)
	}
	return exp.Documents
}
