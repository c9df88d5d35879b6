package extract

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestAdversarialPages reads the pages reviewers wrote to break the
// extraction rules with ordinary text (testdata/adversarial, each case
// saying what it tries): a timeline, a service guide, a contest's rules,
// comments in wrappers, a caption with "Photo by", a column named 本地新闻.
// Each read is compared with its golden (want.json, checked by hand when
// written with -update): a rule that starts deleting such text again, or
// reads such a line as a field, fails here.
func TestAdversarialPages(t *testing.T) {
	const dir = "testdata/adversarial"
	raw, err := os.ReadFile(filepath.Join(dir, "cases.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct{ File, URL, About string }
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	type read struct {
		About     string   `json:"about"`
		Title     string   `json:"title"`
		Published string   `json:"published"`
		Source    string   `json:"source"`
		Author    string   `json:"author"`
		Text      []string `json:"text"`
	}
	golden := filepath.Join(dir, "want.json")
	want := map[string]read{}
	if !*update {
		raw, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -run %s -update to write it)", err, t.Name())
		}
		if err := json.Unmarshal(raw, &want); err != nil {
			t.Fatalf("%s: %v", golden, err)
		}
	}
	got := map[string]read{}
	for _, c := range cases {
		t.Run(strings.TrimSuffix(c.File, ".html"), func(t *testing.T) {
			page, err := os.ReadFile(filepath.Join(dir, c.File))
			if err != nil {
				t.Fatal(err)
			}
			p, err := Parse(page, "", c.URL, nil)
			if err != nil {
				t.Fatalf("%s: %v", c.File, err)
			}
			g := read{c.About, p.Title, p.Published, p.Source, p.Author, strings.Split(p.Text(), "\n")}
			got[c.File] = g
			if *update {
				return
			}
			w, ok := want[c.File]
			if !ok {
				t.Fatalf("%s is not in %s (run go test -run %s -update, then check what it wrote)", c.File, golden, t.Name())
			}
			for _, f := range []struct{ name, got, want string }{
				{"title", g.Title, w.Title}, {"published", g.Published, w.Published},
				{"source", g.Source, w.Source}, {"author", g.Author, w.Author},
			} {
				if f.got != f.want {
					t.Errorf("%s (%s): %s %q, want %q", c.File, c.About, f.name, f.got, f.want)
				}
			}
			if !slices.Equal(g.Text, w.Text) {
				t.Errorf("%s (%s): text\n%s\nwant\n%s", c.File, c.About, strings.Join(g.Text, "\n"), strings.Join(w.Text, "\n"))
			}
		})
	}
	if *update {
		compareGolden(t, golden, got)
	}
}
