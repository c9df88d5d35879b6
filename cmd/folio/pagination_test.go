package main

import (
	"net/http"
	"strings"
	"testing"
)

// TestArchiveFailedPageExitsOne: page 2 of the portal's report answers
// 404. The document is stored and printed with page 1 stitched, page 2 in
// pages with its status, complete false; the error names page 2; exit 1.
func TestArchiveFailedPageExitsOne(t *testing.T) {
	const page2 = "/bxsh/2020/0222/20200222132211_2.html"
	srv := servePortal(t, func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == page2 {
				http.NotFound(w, r)
				return
			}
			h.ServeHTTP(w, r)
		})
	})
	args := append([]string{"archive", "--db", tempDB(t), "--json"}, fastFlags...)
	code, out, errOut := folio(t, append(args, srv.URL+"/bxsh/2020/0222/20200222132211.html")...)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s", code, errOut)
	}
	if !strings.Contains(errOut, page2) || !strings.Contains(errOut, "404") {
		t.Errorf("stderr does not name the failed page: %s", errOut)
	}
	docs := decodeDocs(t, out)
	if len(docs) != 1 {
		t.Fatalf("%d documents printed", len(docs))
	}
	d := docs[0]
	if d.Complete || len(d.Pages) != 2 || d.Pages[0].Status != 200 || d.Pages[1].Status != 404 || d.Pages[1].URL != srv.URL+page2 {
		t.Errorf("complete %v, pages %+v; want incomplete, [200, 404 at %s]", d.Complete, d.Pages, page2)
	}
	if !strings.Contains(d.Text, "一、总体情况") || strings.Contains(d.Text, "六、其他需要报告的事项") {
		t.Errorf("text should hold page 1 only")
	}
}
