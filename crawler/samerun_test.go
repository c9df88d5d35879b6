package crawler

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// An article reached a second time in one run through another address
// (WordPress share links ?share=facebook answer with the post itself),
// and a file two articles link, are read from what this run stored:
// colly's visited set refuses them, which is no failure.
func TestPagesFetchedEarlierInTheRunAreReadFromTheStore(t *testing.T) {
	mux := http.NewServeMux()
	page := func(w http.ResponseWriter, title, canonical, extra, body string) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><html><head><title>%s</title><link rel="canonical" href="%s">%s</head><body>
<nav><a href="/news/">News</a></nav><article><h1>%s</h1><div class="entry-content">%s</div></article></body></html>`,
			title, canonical, extra, title, body)
	}
	prose := func(s string) string {
		return strings.Repeat("<p>"+s+", which the council discussed at length on Tuesday evening, before the vote.</p>", 4)
	}
	var base string
	mux.HandleFunc("/news/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<html><body><ul>
<li><a href="/2024/03/15/river-festival/">River festival returns after four-year hiatus</a></li>
<li><a href="/2024/03/14/school-board/">School board names new superintendent today</a></li>
</ul></body></html>`)
	})
	mux.HandleFunc("/2024/03/15/river-festival/", func(w http.ResponseWriter, r *http.Request) {
		post := base + "/2024/03/15/river-festival/"
		share := `<p class="share"><a href="?share=facebook">Facebook</a> <a href="?share=twitter">X</a></p>`
		switch strings.TrimPrefix(r.URL.Path, "/2024/03/15/river-festival/") {
		case "":
			page(w, "River festival returns", post, `<link rel="next" href="`+post+`2/">`,
				prose("The festival returns in June")+`<p><a href="/files/budget.pdf">Festival budget (PDF)</a></p>`+share+
					`<div class="page-links">Pages: <span>1</span> <a href="`+post+`2/">2</a></div>`)
		case "2/":
			page(w, "River festival returns", post+"2/", `<link rel="prev" href="`+post+`">`,
				prose("Parking will be limited near the park")+share+`<div class="page-links">Pages: <a href="`+post+`">1</a> <span>2</span></div>`)
		default:
			http.NotFound(w, r)
		}
	})
	mux.HandleFunc("/2024/03/14/school-board/", func(w http.ResponseWriter, r *http.Request) {
		page(w, "School board names new superintendent", base+"/2024/03/14/school-board/", "",
			prose("The board named a new superintendent")+`<p><a href="/files/budget.pdf">District budget (PDF)</a></p>`)
	})
	mux.HandleFunc("/files/budget.pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Write([]byte("%PDF-1.4\n%%EOF\n"))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	base = srv.URL

	db := openTestStore(t)
	sum := crawlSites(t, db, fastTransport(0, nil), CrawlOptions{Attachments: true},
		Site{Name: "ledger", Seeds: []string{srv.URL + "/news/"}})
	if sum.New != 2 || sum.Failed != 0 || sum.Incomplete != 0 {
		t.Errorf("summary %+v, want 2 new, none failed or incomplete", sum)
	}
	doc, err := db.Document(srv.URL+"/2024/03/15/river-festival/", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Pages) != 2 || !doc.Complete || len(doc.Aliases) == 0 {
		t.Errorf("festival: %d pages, complete %v, aliases %v; want 2 pages, complete, the share links as aliases", len(doc.Pages), doc.Complete, doc.Aliases)
	}
	for _, u := range []string{"/2024/03/15/river-festival/", "/2024/03/14/school-board/"} {
		doc, err := db.Document(srv.URL+u, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(doc.Attachments) != 1 || doc.Attachments[0].Status != http.StatusOK {
			t.Errorf("%s: attachments %+v, want the PDF with status 200", u, doc.Attachments)
		}
	}
}

// A task whose URL this run fetched already (the target of another link's
// redirect, queued before that link was followed) is not archived a
// second time from the stored capture: that would count a re-fetch that
// never happened.
func TestRedirectTargetQueuedTooIsArchivedOnce(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/news/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<html><body><ul>
<li><a href="/old/river-festival.html">River festival returns after four-year hiatus</a></li>
<li><a href="/2024/03/15/river-festival/">River festival returns after four-year hiatus</a></li>
</ul></body></html>`)
	})
	mux.HandleFunc("/old/river-festival.html", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/2024/03/15/river-festival/", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/2024/03/15/river-festival/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!doctype html><html><head><title>River festival returns</title></head><body>
<nav><a href="/news/">News</a></nav><article><h1>River festival returns</h1><div class="entry-content">`+
			strings.Repeat("<p>The festival returns in June, which the council discussed at length on Tuesday evening, before the vote.</p>", 4)+
			`</div></article></body></html>`)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	db := openTestStore(t)
	sum := crawlSites(t, db, fastTransport(0, nil), CrawlOptions{Parallel: 1},
		Site{Name: "ledger", Seeds: []string{srv.URL + "/news/"}})
	if sum.New != 1 || sum.Unchanged != 0 || sum.Failed != 0 {
		t.Errorf("summary %+v, want 1 new, none unchanged or failed", sum)
	}
	h, err := db.History(srv.URL + "/2024/03/15/river-festival/")
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Versions) != 1 || h.Versions[0].UnchangedRefetches != 0 {
		t.Errorf("history %+v, want one version fetched once", h.Versions)
	}
}
