package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"folio/store"
)

// TestArchivePortalArticles archives every article of the sample portal and
// compares each document with the golden expected.json.
func TestArchivePortalArticles(t *testing.T) {
	srv := servePortal(t, nil)
	db := tempDB(t)
	for _, want := range loadExpected(t) {
		t.Run(want.Key, func(t *testing.T) {
			docs := archiveJSON(t, db, srv.URL+want.URL)
			if len(docs) != 1 {
				t.Fatalf("%d documents", len(docs))
			}
			checkDocument(t, srv.URL, &docs[0], &want)
		})
	}
}

// TestArchiveFromPageTwo: given page 2's URL, folio archives the whole
// article under page 1's URL.
func TestArchiveFromPageTwo(t *testing.T) {
	srv := servePortal(t, nil)
	want := loadExpected(t)[0]
	if len(want.Pages) != 2 {
		t.Fatalf("expected.json's first document should be the two-page report")
	}
	docs := archiveJSON(t, tempDB(t), srv.URL+want.Pages[1])
	checkDocument(t, srv.URL, &docs[0], &want)
}

func checkDocument(t *testing.T, base string, got *store.Document, want *expectedDoc) {
	t.Helper()
	if got.URL != base+want.URL {
		t.Errorf("url = %q, want %q", got.URL, base+want.URL)
	}
	for _, f := range [][3]string{
		{"title", got.Title, want.Title}, {"published", got.Published, want.Published},
		{"source", got.Source, want.Source}, {"author", got.Author, want.Author},
	} {
		if f[1] != f[2] {
			t.Errorf("%s = %q, want %q", f[0], f[1], f[2])
		}
	}
	if len(got.Pages) != len(want.Pages) {
		t.Fatalf("%d pages, want %d", len(got.Pages), len(want.Pages))
	}
	for i, p := range got.Pages {
		if p.URL != base+want.Pages[i] || p.Status != 200 || p.Charset != want.Charset ||
			!strings.HasPrefix(p.PayloadDigest, "sha1:") || p.Fetched.IsZero() {
			t.Errorf("page %d = %+v, want %s, 200, %s", i+1, p, want.Pages[i], want.Charset)
		}
	}
	gotLines := strings.Split(got.Text, "\n")
	for i := 0; i < max(len(gotLines), len(want.TextLines)); i++ {
		var g, w string
		if i < len(gotLines) {
			g = gotLines[i]
		}
		if i < len(want.TextLines) {
			w = want.TextLines[i]
		}
		if g != w {
			t.Errorf("text line %d:\n got %q\nwant %q", i+1, g, w)
			break
		}
	}
	if len(got.Tables) != len(want.Tables) {
		t.Errorf("%d tables, want %d", len(got.Tables), len(want.Tables))
	}
	for _, bad := range want.MustNotContain {
		if strings.Contains(got.Text, bad) {
			t.Errorf("text contains %q", bad)
		}
	}
	if !strings.HasPrefix(got.ContentHash, "sha256:") || !got.Complete || got.Version != 1 {
		t.Errorf("content_hash %q complete %v version %d", got.ContentHash, got.Complete, got.Version)
	}
}

// TestArchiveAgainOnlyNewContentMakesAVersion: a changed view counter and
// sidebar make no new version; an edited paragraph does.
func TestArchiveAgainOnlyNewContentMakesAVersion(t *testing.T) {
	gbk := func(s string) []byte {
		b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	var replace [][2][]byte // applied to every response body
	srv := servePortal(t, func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, r)
			body := rec.Body.Bytes()
			for _, rp := range replace {
				body = bytes.ReplaceAll(body, rp[0], rp[1])
			}
			for k, v := range rec.Header() {
				w.Header()[k] = v
			}
			w.WriteHeader(rec.Code)
			w.Write(body)
		})
	})
	db := tempDB(t)
	page := srv.URL + "/bxsh/2020/0222/20200222132211.html"
	first := archiveJSON(t, db, page)[0]

	replace = [][2][]byte{
		{gbk("浏览:854"), gbk("浏览:1001")},
		{gbk("浏览:855"), gbk("浏览:1002")},
		{gbk("株洲服装服饰协会来茶陵考察"), gbk("株洲新闻一则")},
	}
	second := archiveJSON(t, db, page)[0]
	if second.Version != 1 || second.ContentHash != first.ContentHash {
		t.Fatalf("counter and sidebar change made version %d (hash %s, was %s)", second.Version, second.ContentHash, first.ContentHash)
	}
	if second.Pages[0].PayloadDigest == first.Pages[0].PayloadDigest {
		t.Fatal("the test did not change the served page")
	}
	code, out, _ := folio(t, "history", "--db", db, "--json", page)
	if code != 0 || !strings.Contains(out, `"unchanged_refetches":1`) {
		t.Fatalf("history after an unchanged re-fetch: %s", out)
	}

	replace = append(replace, [2][]byte{gbk("不断提升政府工作透明度"), gbk("持续提升政府工作透明度")})
	third := archiveJSON(t, db, page)[0]
	if third.Version != 2 || third.ContentHash == first.ContentHash || !strings.Contains(third.Text, "持续提升政府工作透明度") {
		t.Fatalf("an edited paragraph gave version %d", third.Version)
	}

	// A fetch that misses page 2 is not recorded; its object says so
	// with version 0 rather than claim version 2 for content not stored.
	cut := archiveJSONWith(t, db, []string{"--max-pages", "1"}, page)[0]
	if cut.Version != 0 || cut.Complete || len(cut.Pages) != 1 {
		t.Errorf("a fetch of page 1 only: version %d, complete %v, %d pages; want version 0, incomplete, 1 page", cut.Version, cut.Complete, len(cut.Pages))
	}
	code, out, _ = folio(t, "history", "--db", db, "--json", page)
	if code != 0 || strings.Count(out, `"content_hash"`) != 2 || !strings.Contains(out, third.ContentHash) {
		t.Errorf("history after an unrecorded fetch: %s", out)
	}
}

// TestArchiveJSONForEveryURL: --json prints one object per URL given, a
// URL that gave nothing included (its page and status, complete false).
func TestArchiveJSONForEveryURL(t *testing.T) {
	srv := servePortal(t, nil)
	missing := srv.URL + "/bxsh/2020/0222/nothing.html"
	args := append([]string{"archive", "--db", tempDB(t), "--json"}, fastFlags...)
	code, out, errOut := folio(t, append(args, srv.URL+"/news/2024/0315/678.html", missing)...)
	docs := decodeDocs(t, out)
	if code != exitPartial || len(docs) != 2 {
		t.Fatalf("exit %d, %d objects; stderr %q", code, len(docs), errOut)
	}
	d := docs[1]
	if d.URL != missing || d.Complete || len(d.Pages) != 1 || d.Pages[0].Status != 404 || d.Pages[0].URL != missing {
		t.Errorf("object for the missing URL: %+v", d)
	}
	if errOut != "folio: "+missing+": HTTP 404\n" {
		t.Errorf("stderr %q", errOut)
	}
}

// TestEachFailureOnItsOwnLine: a page and an attachment that fail are two
// lines on stderr, each naming its URL.
func TestEachFailureOnItsOwnLine(t *testing.T) {
	site, srv := newAttachmentSite(t)
	site.mu.Lock()
	delete(site.files, "/upload/data.xlsx")
	delete(site.files, "/download.jsp?id=42")
	site.mu.Unlock()
	code, _, errOut := folio(t, append(append([]string{"archive", "--db", tempDB(t)}, fastFlags...), srv.URL+"/zwgk/2020/123.html")...)
	want := "folio: attachment " + srv.URL + "/upload/data.xlsx: HTTP 404\nfolio: attachment " + srv.URL + "/download.jsp?id=42: HTTP 404\n"
	if code != exitPartial || errOut != want {
		t.Errorf("exit %d, stderr %q, want %q", code, errOut, want)
	}
}

// TestArchiveMaxDocs: --max-docs stops archive after that many documents;
// a URL that gave none does not count, and those left are named on
// stderr. A limit reached is the operator's choice, not a failure.
func TestArchiveMaxDocs(t *testing.T) {
	srv := servePortal(t, nil)
	missing := srv.URL + "/bxsh/2020/0222/nothing.html"
	first, second := srv.URL+"/news/2024/0315/678.html", srv.URL+"/bxsh/2020/0222/7447.html"
	args := append([]string{"archive", "--db", tempDB(t), "--json", "--max-docs", "1"}, fastFlags...)
	code, out, errOut := folio(t, append(args, missing, first, second)...)
	docs := decodeDocs(t, out)
	if code != exitPartial || len(docs) != 2 || docs[0].URL != missing || docs[1].URL != first || docs[1].Version != 1 {
		t.Fatalf("exit %d, %d objects (want the missing URL's and %s's); stderr %q", code, len(docs), first, errOut)
	}
	if want := "folio: warning: " + second + ": not archived: --max-docs 1 reached"; !strings.Contains(errOut, want) {
		t.Errorf("stderr %q, want a line %q", errOut, want)
	}
}

// TestArchiveListPageWarns: a column page given to archive is stored as
// the page it is, with a warning that it is no article (as extract says).
func TestArchiveListPageWarns(t *testing.T) {
	srv := servePortal(t, nil)
	code, _, stderr := folio(t, append(append([]string{"archive", "--db", tempDB(t)}, fastFlags...), srv.URL+"/bxsh/")...)
	if code != exitOK || !strings.Contains(stderr, srv.URL+"/bxsh/: a list or column page, not an article") {
		t.Errorf("exit %d, stderr %q; want 0 and the list-page warning", code, stderr)
	}
}
