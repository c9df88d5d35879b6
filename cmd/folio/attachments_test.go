package main

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"folio/attachment"
	"folio/internal/testfiles"
	"folio/store"
	"folio/warc"
)

// attachmentSite is a small GBK portal whose reports carry attachments: a
// PDF with a text layer, a DOCX, an XLSX, in-content images, a file behind
// download.jsp?id=, a Chinese file name, and a stylesheet with a background
// image. Its files can be changed between fetches; it counts requests.
type attachmentSite struct {
	mu    sync.Mutex
	files map[string]served // by request URI as the server sees it
	hits  map[string]int
}

type served struct {
	contentType, disposition string
	body                     []byte
}

const reportBody = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>%s_芦淞区人民政府</title><link rel="stylesheet" href="/css/site.css"></head>
<body><div class="nav"><a href="/">首页</a> <a href="/zwgk/">政务公开</a></div>
<h1>%s</h1><div class="info">发布日期：2020-02-22 13:22 浏览：854</div>
<div class="TRS_Editor"><p>根据《中华人民共和国政府信息公开条例》要求，现将本机关2019年政府信息公开工作年度报告全文发布如下，报告正文见附件。</p>
<p><img src="/upload/chart1.png" alt="图1 主动公开数量"></p>
<p>本年度共主动公开政府信息五千一百八十九条，办理依申请公开十一件，所有申请均已按规定答复。</p>
<p><img src="/upload/chart2.png" alt="图2 依申请公开"></p>
%s
</div><div class="footer">版权所有 芦淞区人民政府</div></body></html>`

func gbkBytes(t *testing.T, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func newAttachmentSite(t *testing.T) (*attachmentSite, *httptest.Server) {
	t.Helper()
	png := []byte("\x89PNG\r\n\x1a\n fake chart data")
	links := `<p>附件：<a href="/upload/2019年报.pdf">2019年政府信息公开年度报告.pdf</a></p>
<p><a href="/upload/%B1%ED%B8%F1.docx">统计表格说明.docx</a></p>
<p><a href="/upload/data.xlsx">数据明细.xlsx</a></p>
<p><a href="/download.jsp?id=42">下载原文</a></p>`
	s := &attachmentSite{hits: map[string]int{}, files: map[string]served{
		"/zwgk/2020/123.html": {"text/html", "", gbkBytes(t, fmt.Sprintf(reportBody, "芦淞区2019年政府信息公开年度报告", "芦淞区2019年政府信息公开年度报告", links))},
		"/zwgk/2020/124.html": {"text/html", "", gbkBytes(t, fmt.Sprintf(reportBody, "关于转载芦淞区年度报告的说明", "关于转载芦淞区年度报告的说明", `<p>附件：<a href="/upload/2019年报.pdf">年度报告.pdf</a></p>`))},
		// The Chinese file name is requested as a browser does: UTF-8 in the path.
		"/upload/2019%E5%B9%B4%E6%8A%A5.pdf": {"application/pdf", "", testfiles.PDF("Lusong District 2019 Government Information Disclosure Annual Report", "Completion rate 100% (+12 over 2018)")},
		// Already percent-encoded (GBK 表格) links are requested exactly as written.
		"/upload/%B1%ED%B8%F1.docx": {"application/octet-stream", "", testfiles.DOCX([]string{"芦淞区政务公开统计表格说明", "互联网+政务服务 办结率为100%"}, nil)},
		"/upload/data.xlsx":         {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "", testfiles.XLSX("明细", [][]string{{"项目", "数量"}, {"行政许可", "212"}})},
		"/download.jsp?id=42":       {"application/octet-stream", `attachment; filename="report-original.docx"`, testfiles.DOCX([]string{"原文：芦淞区人民政府办公室 2020年2月20日"}, nil)},
		"/upload/chart1.png":        {"image/png", "", append(png, '1')},
		"/upload/chart2.png":        {"image/png", "", append(png, '2')},
		"/css/site.css":             {"text/css", "", []byte(`@import "fonts.css"; body{background:url(../img/bg.gif)}`)},
		"/css/fonts.css":            {"text/css", "", []byte(`h1{font-family:SimHei}`)},
		"/img/bg.gif":               {"image/gif", "", []byte("GIF89a background")},
	}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		f, ok := s.files[r.URL.RequestURI()]
		s.hits[r.URL.RequestURI()]++
		s.mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", f.contentType)
		if f.disposition != "" {
			w.Header().Set("Content-Disposition", f.disposition)
		}
		w.Write(f.body)
	}))
	t.Cleanup(srv.Close)
	return s, srv
}

func (s *attachmentSite) set(uri string, body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.files[uri]
	f.body = body
	s.files[uri] = f
}

func (s *attachmentSite) hitsOf(uri string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[uri]
}

func TestArchiveAttachments(t *testing.T) {
	site, srv := newAttachmentSite(t)
	db := tempDB(t)
	report := srv.URL + "/zwgk/2020/123.html"
	d := archiveJSON(t, db, report)[0]

	want := []struct{ path, title, ctype string }{
		{"/upload/chart1.png", "图1 主动公开数量", "image/png"},
		{"/upload/chart2.png", "图2 依申请公开", "image/png"},
		{"/upload/2019%E5%B9%B4%E6%8A%A5.pdf", "2019年政府信息公开年度报告.pdf", "application/pdf"},
		{"/upload/%B1%ED%B8%F1.docx", "统计表格说明.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
		{"/upload/data.xlsx", "数据明细.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
		{"/download.jsp?id=42", "下载原文", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
	}
	if len(d.Attachments) != len(want) {
		t.Fatalf("%d attachments, want %d: %+v", len(d.Attachments), len(want), d.Attachments)
	}
	for i, w := range want {
		a := d.Attachments[i]
		if a.URL != srv.URL+w.path || a.Title != w.title || a.ContentType != w.ctype || a.Status != 200 ||
			a.Bytes == 0 || !strings.HasPrefix(a.PayloadDigest, "sha1:") {
			t.Errorf("attachment %d = %+v, want %s %q %s", i, a, w.path, w.title, w.ctype)
		}
	}
	// The stylesheet, what it imports and its background image were
	// fetched (requisites are on for archive), the images only once.
	for _, uri := range []string{"/css/site.css", "/css/fonts.css", "/img/bg.gif"} {
		if site.hitsOf(uri) != 1 {
			t.Errorf("requisite %s fetched %d times, want 1", uri, site.hitsOf(uri))
		}
	}
	if n := site.hitsOf("/upload/chart1.png"); n != 1 {
		t.Errorf("in-content image fetched %d times", n)
	}

	// show --attachments prints the text read from them.
	code, out, errOut := folio(t, "show", "--db", db, "--attachments", report)
	if code != 0 {
		t.Fatalf("show --attachments: exit %d: %s", code, errOut)
	}
	for _, s := range []string{"芦淞区政务公开统计表格说明", "互联网+政务服务 办结率为100%", "行政许可\t212", "原文：芦淞区人民政府办公室", "(an image)"} {
		if !strings.Contains(out, s) {
			t.Errorf("show --attachments lacks %q", s)
		}
	}
	if attachment.HavePdftotext() && !strings.Contains(out, "Completion rate 100% (+12 over 2018)") {
		t.Error("show --attachments lacks the PDF's text")
	}

	// Archiving again with identical files: no new version. A second
	// article linking the same PDF: the PDF is stored once.
	if again := archiveJSON(t, db, report)[0]; again.Version != 1 || again.ContentHash != d.ContentHash {
		t.Fatalf("identical re-fetch made version %d", again.Version)
	}
	other := archiveJSON(t, db, srv.URL+"/zwgk/2020/124.html")[0]
	st, err := store.Open(db, &store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	ref, err := st.PayloadRef(other.Attachments[2].PayloadDigest)
	if err != nil || other.Attachments[2].PayloadDigest != d.Attachments[2].PayloadDigest {
		t.Fatalf("shared PDF: %v", err)
	}
	first, err := st.Capture(ref.FirstCapture)
	st.Close()
	if err != nil || first.URL != srv.URL+want[2].path {
		t.Errorf("the shared PDF's payload is not the one first stored: %v %+v", err, first)
	}

	// A changed PDF is a changed report.
	site.set("/upload/2019%E5%B9%B4%E6%8A%A5.pdf", testfiles.PDF("Lusong District 2019 report, corrected edition"))
	if changed := archiveJSON(t, db, report)[0]; changed.Version != 2 || changed.Text != d.Text {
		t.Fatalf("changed attachment: version %d", changed.Version)
	}
}

func TestNoAttachmentsFlag(t *testing.T) {
	site, srv := newAttachmentSite(t)
	d := archiveJSONWith(t, tempDB(t), []string{"--no-attachments", "--requisites=false"}, srv.URL+"/zwgk/2020/123.html")[0]
	if len(d.Attachments) != 0 || site.hitsOf("/upload/data.xlsx") != 0 || site.hitsOf("/css/site.css") != 0 {
		t.Fatalf("--no-attachments --requisites=false fetched files: %+v", d.Attachments)
	}
}

// TestRobotsDisallowedAttachment: a file robots.txt keeps folio from is
// left alone, as one out of scope is: not fetched, not listed, no failure.
func TestRobotsDisallowedAttachment(t *testing.T) {
	site, srv := newAttachmentSite(t)
	site.mu.Lock()
	site.files["/robots.txt"] = served{"text/plain", "", []byte("User-agent: *\nDisallow: /download.jsp\n")}
	site.mu.Unlock()
	d := archiveJSONWith(t, tempDB(t), []string{"--requisites=false"}, srv.URL+"/zwgk/2020/123.html")[0]
	for _, a := range d.Attachments {
		if strings.Contains(a.URL, "download.jsp") {
			t.Errorf("the disallowed file is listed: %+v", a)
		}
	}
	if !d.Complete || len(d.Attachments) != 5 || site.hitsOf("/download.jsp?id=42") != 0 {
		t.Errorf("complete %v, %d attachments, the disallowed file requested %d times; want complete, the 5 others, none",
			d.Complete, len(d.Attachments), site.hitsOf("/download.jsp?id=42"))
	}
}

// TestRawHeaderBytesKept: a Content-Disposition with a GBK file name in
// raw bytes, as Chinese IIS and JSP servers send it, is stored and
// exported as received, not as U+FFFD.
func TestRawHeaderBytesKept(t *testing.T) {
	site, srv := newAttachmentSite(t)
	disposition := string(gbkBytes(t, `attachment; filename="2019年报原文.docx"`))
	site.mu.Lock()
	f := site.files["/download.jsp?id=42"]
	f.disposition = disposition
	site.files["/download.jsp?id=42"] = f
	site.mu.Unlock()
	db := tempDB(t)
	archiveJSONWith(t, db, []string{"--requisites=false"}, srv.URL+"/zwgk/2020/123.html")
	out := filepath.Join(t.TempDir(), "raw.warc.gz")
	if code, _, stderr := folio(t, "export", "--db", db, "-o", out); code != 0 {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	found := false
	for _, r := range readWARC(t, out) {
		if r.Type() == warc.TypeResponse && strings.HasSuffix(r.TargetURI(), "/download.jsp?id=42") {
			found = bytes.Contains(r.block, []byte("Content-Disposition: "+disposition+"\r\n"))
		}
	}
	if !found {
		t.Error("the exported response does not carry the Content-Disposition bytes as sent")
	}
}

// TestRequisitesBounded: a page that names thousands of stylesheets and
// scripts (generated, or a trap) has the first maxRequisites fetched, not
// thousands of requests to its host.
func TestRequisitesBounded(t *testing.T) {
	var b strings.Builder
	for i := range 1200 {
		fmt.Fprintf(&b, `<link rel="stylesheet" href="/css/s%d.css"><script src="/js/s%d.js"></script>`, i, i)
	}
	page := `<html><head><meta charset="utf-8"><title>县政府召开常务会议</title>` + b.String() + `</head><body><h1>县政府召开常务会议</h1>` +
		`<div class="content">` + strings.Repeat(`<p>会议研究部署了本月重点工作，要求各部门抓好落实。</p>`, 3) + `</div></body></html>`
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/a.html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, page)
		case strings.HasPrefix(r.URL.Path, "/css/") || strings.HasPrefix(r.URL.Path, "/js/"):
			hits.Add(1)
			io.WriteString(w, "/* */")
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	archiveJSONWith(t, tempDB(t), []string{"--delay", "0s"}, srv.URL+"/a.html")
	if n := hits.Load(); n == 0 || n > 500 {
		t.Errorf("%d requisites fetched, want some and at most 500", n)
	}
}
