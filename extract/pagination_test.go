package extract

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files of the pagination cases (testdata/pagination/*/want.json)")

// paginationCase is one directory of testdata/pagination: a small site as a
// CMS emits it (made by testdata/pagination/gen.go).
type paginationCase struct {
	About string   `json:"about"`
	Kind  string   `json:"kind"`
	Pages []string `json:"pages"` // the article's pages in reading order
	Files []struct {
		URL         string `json:"url"`
		File        string `json:"file"`
		ContentType string `json:"content_type"`
	} `json:"files"`
}

// goldenPage is what the golden file records of each page served.
type goldenPage struct {
	URL     string         `json:"url"`
	Kind    string         `json:"kind"`
	Title   string         `json:"title"`
	Current int            `json:"current"`
	Total   int            `json:"total"`
	Next    string         `json:"next"`
	First   string         `json:"first"`
	Pages   map[int]string `json:"pages,omitempty"`
}

// goldenDoc is the stitched article.
type goldenDoc struct {
	Title     string       `json:"title"`
	Published string       `json:"published"`
	Source    string       `json:"source"`
	Author    string       `json:"author"`
	Text      []string     `json:"text"`
	Tables    [][][]string `json:"tables"`
	Skipped   []int        `json:"skipped,omitempty"`
}

type golden struct {
	About    string       `json:"about"`
	Pages    []goldenPage `json:"pages"`
	Document *goldenDoc   `json:"document,omitempty"`
}

func loadCase(t testing.TB, dir string) *paginationCase {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, "case.json"))
	if err != nil {
		t.Fatal(err)
	}
	var c paginationCase
	if err := json.Unmarshal(raw, &c); err != nil {
		t.Fatalf("%s/case.json: %v", dir, err)
	}
	return &c
}

// TestPaginationCases reads every page of every case and stitches each
// article, and compares both with the case's want.json (-update rewrites
// it; review the diff).
func TestPaginationCases(t *testing.T) {
	dirs, err := filepath.Glob("testdata/pagination/*/case.json")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, cj := range dirs {
		dir := filepath.Dir(cj)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			c := loadCase(t, dir)
			got := golden{About: c.About}
			parsed := map[string]*Page{}
			for _, f := range c.Files {
				raw, err := os.ReadFile(filepath.Join(dir, f.File))
				if err != nil {
					t.Fatal(err)
				}
				p, err := Parse(raw, f.ContentType, f.URL, nil)
				if err != nil {
					t.Fatalf("%s: %v", f.URL, err)
				}
				parsed[f.URL] = p
				gp := goldenPage{URL: f.URL, Kind: p.Kind.String(), Title: p.Title, Current: p.Pagination.Current,
					Total: p.Pagination.Total, Next: p.Pagination.Next, First: p.Pagination.First}
				if len(p.Pagination.Pages) > 0 {
					gp.Pages = map[int]string{}
					for _, pl := range p.Pagination.Pages {
						gp.Pages[pl.N] = pl.URL
					}
				}
				got.Pages = append(got.Pages, gp)
			}
			if c.Kind == "article" {
				var pages []*Page
				for _, u := range c.Pages {
					pages = append(pages, parsed[u])
				}
				d := Stitch(pages)
				got.Document = &goldenDoc{Title: d.Title, Published: d.Published, Source: d.Source, Author: d.Author,
					Text: strings.Split(d.Text, "\n"), Tables: d.Tables, Skipped: d.Skipped}
			}
			compareGolden(t, filepath.Join(dir, "want.json"), &got)
		})
	}
}

// compareGolden compares v, as indented JSON, with the file at path; with
// -update it writes the file instead.
func compareGolden(t *testing.T, path string, v any) {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run %s -update to write it)", err, t.Name())
	}
	if bytes.Equal(want, b.Bytes()) {
		return
	}
	gl, wl := strings.Split(b.String(), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < max(len(gl), len(wl)); i++ {
		var g, w string
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w {
			t.Fatalf("%s differs at line %d:\n got: %s\nwant: %s\n(go test -run %s -update rewrites it)", path, i+1, g, w, t.Name())
		}
	}
}

// TestPortalColumnBar: the sample portal's column 百姓生活 is index.html
// and list_2.html, URLs of no one family; its bar (共2页 [1] [2] 下一页)
// joins them.
func TestPortalColumnBar(t *testing.T) {
	const base = "http://t.test/bxsh/"
	for _, tt := range []struct {
		file      string
		cur       int
		next, one string
	}{
		{"index.html", 1, base + "list_2.html", base + "index.html"},
		{"list_2.html", 2, "", base + "index.html"},
	} {
		raw, err := os.ReadFile("../testdata/portal/bxsh/" + tt.file)
		if err != nil {
			t.Fatal(err)
		}
		p, err := Parse(raw, "text/html", base+tt.file, nil)
		if err != nil {
			t.Fatal(err)
		}
		pg := p.Pagination
		if p.Kind != KindList || pg.Current != tt.cur || pg.Total != 2 || pg.Next != tt.next || pg.First != tt.one {
			t.Errorf("%s: kind %v, pagination %+v; want current %d of 2, next %q, first %q", tt.file, p.Kind, pg, tt.cur, tt.next, tt.one)
		}
	}
}

// TestFormPostedBar: an ASP.NET list whose page bar posts the page's form
// (AspNetPager's javascript:__doPostBack) has no next page to fetch, and
// says so; a bar of addresses beside such links does not.
func TestFormPostedBar(t *testing.T) {
	page := func(next string) string {
		var b strings.Builder
		b.WriteString(`<html><head><meta charset="utf-8"><title>政府信息公开_白石县人民政府</title></head><body><form id="form1" method="post" action="List.aspx?cid=7"><ul class="list">`)
		for i, title := range []string{"白石县人民政府2023年政府信息公开工作年度报告", "关于印发白石县防汛应急预案的通知", "白石县2024年第一季度财政收支情况"} {
			fmt.Fprintf(&b, `<li><a href="/xxgk/Show.aspx?id=%d">%s</a><span>2024-06-%02d</span></li>`, 401+i, title, 10+i)
		}
		b.WriteString(`</ul><div id="AspNetPager1"><span>1</span> <a href="javascript:__doPostBack('ctl00$cph$AspNetPager1','2')">2</a> ` + next + `</div></form></body></html>`)
		return b.String()
	}
	for _, tc := range []struct {
		next string
		want bool
	}{
		{`<a href="javascript:__doPostBack('ctl00$cph$AspNetPager1','2')">下一页</a>`, true},
		{`<a href="List.aspx?cid=7&page=2">下一页</a>`, false},
	} {
		p, err := Parse([]byte(page(tc.next)), "text/html", "http://www.baishi.gov.cn/xxgk/List.aspx?cid=7", nil)
		if err != nil {
			t.Fatal(err)
		}
		if p.Pagination.FormPosted != tc.want {
			t.Errorf("%s: %+v; want form posted %v", tc.next, p.Pagination, tc.want)
		}
	}
}
