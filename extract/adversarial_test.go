package extract

import (
	"encoding/json"
	"os"
	"path/filepath"
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
	got := map[string]read{}
	for _, c := range cases {
		page, err := os.ReadFile(filepath.Join(dir, c.File))
		if err != nil {
			t.Fatal(err)
		}
		p, err := Parse(page, "", c.URL, nil)
		if err != nil {
			t.Fatalf("%s: %v", c.File, err)
		}
		got[c.File] = read{c.About, p.Title, p.Published, p.Source, p.Author, strings.Split(p.Text(), "\n")}
	}
	compareGolden(t, filepath.Join(dir, "want.json"), got)
}
