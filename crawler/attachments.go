package crawler

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/http"
	"net/url"
	"path"
	"strings"
	"sync"

	"folio/attachment"
	"folio/extract"
	"folio/internal/errtext"
	"folio/store"
)

// Attachments are fetched with their article, through the same Transport
// (robots.txt, delays, --max-body), and stored raw like pages; the payload
// store keeps a file linked from many articles once. Their text (DOCX,
// XLSX, PDF through pdftotext) is stored with the payload.

// fetchAttachments fetches the files the pages' content links to or embeds,
// in reading order, lists them in doc.Attachments and folds their digests
// into the content hash: a report whose PDF changed is a new version. A file
// that cannot be fetched stays listed with its status and is reported; the
// store then does not take the fetch for a new version of a document whose
// stored version has the file (store.SaveDocument).
func (a *Archiver) fetchAttachments(ctx context.Context, pages []*page, doc *store.Document) (cut int, errs error) {
	if !a.opts.Attachments {
		return 0, nil
	}
	seen := map[string]bool{}
	for _, pg := range doc.Pages {
		seen[pg.URL] = true
	}
	unfetched := 0
	var stored map[string]store.Attachment // the stored version's files, read when needed
	for _, p := range pages {
		if !p.ok() {
			continue
		}
		for _, l := range p.parsed.Attachments {
			key := extract.CanonicalURL(l.URL)
			if seen[key] {
				continue
			}
			seen[key] = true
			if !a.attachmentInScope(l.URL, p.url) {
				// Out of this fetch's scope (an archive has the page's
				// site for scope, a crawl may have had more): a file the
				// stored version has is still the document's, not a file
				// it lost.
				if stored == nil {
					stored = a.storedAttachments(doc.URL)
				}
				if prev, ok := stored[key]; ok {
					prev.Capture = nil
					doc.Attachments = append(doc.Attachments, prev)
					continue
				}
				a.log.Debug("attachment out of scope", "url", l.URL, "page", p.url)
				continue
			}
			if ctx.Err() != nil {
				// Interrupted: listed as not fetched (status 0), so that
				// the document does not pass for one without it.
				doc.Attachments = append(doc.Attachments, store.Attachment{URL: l.URL, Title: l.Text})
				unfetched++
				continue
			}
			// Fetched now as an attachment: not again as a requisite.
			a.requisites.first(key)
			att, err := a.fetchAttachment(ctx, l)
			if att != nil {
				doc.Attachments = append(doc.Attachments, *att)
			}
			if errors.Is(err, errAttachmentCut) {
				cut++
				continue
			}
			errs = errors.Join(errs, err)
		}
	}
	if unfetched > 0 {
		errs = errors.Join(errs, fmt.Errorf("%s: %d attachment(s) not fetched: %w", doc.URL, unfetched, ctx.Err()))
	}
	if len(doc.Attachments) > 0 { // else buildDocument's hash of the text stands
		doc.ContentHash = contentHash(doc.Text, doc.Attachments)
	}
	return cut, errs
}

// errAttachmentCut: the file is longer than --max-body; what came is
// stored and listed, and the document counted cut (not a failure).
var errAttachmentCut = errors.New("attachment cut at --max-body")

// storedAttachments are the files the stored version of the document at
// u has, fetched whole, by canonical URL; empty when there is none.
func (a *Archiver) storedAttachments(u string) map[string]store.Attachment {
	out := map[string]store.Attachment{}
	if d, err := a.st.Document(u, 0); err == nil {
		for _, att := range d.Attachments {
			if att.Status == http.StatusOK {
				out[extract.CanonicalURL(att.URL)] = att
			}
		}
	}
	return out
}

// contentHash is a document's content hash: its text's, and the payloads
// of the attachments it holds (a report whose PDF changed has changed).
func contentHash(text string, attachments []store.Attachment) string {
	var digests []string
	for _, att := range attachments {
		if att.Status == http.StatusOK {
			digests = append(digests, att.PayloadDigest)
		}
	}
	return extract.ContentHash(text, digests...)
}

// attachmentInScope: the article's own host, or what the scope allows.
func (a *Archiver) attachmentInScope(u, pageURL string) bool {
	if a.opts.InScope != nil && a.opts.InScope(u) {
		return true
	}
	// Other hosts only if in scope, as the contract has it: a file on
	// another host of the site (the m. copy's PDF on www.) that the
	// stored version has stays the document's (fetchAttachments).
	pu, err1 := url.Parse(u)
	pp, err2 := url.Parse(pageURL)
	return err1 == nil && err2 == nil && strings.EqualFold(pu.Host, pp.Host)
}

// fetchAttachment fetches one linked file. It returns nil (and no error)
// when the link turns out not to be a file: a download script that answers
// with an HTML page is a page, not an attachment. A file stored before is
// revalidated as pages are (ArchiveOptions.Conditional): the PDFs of a
// portal are its biggest files, and a 304 is read from the stored copy.
func (a *Archiver) fetchAttachment(ctx context.Context, l extract.Link) (*store.Attachment, error) {
	return a.fetchAttachmentAs(ctx, l, a.opts.Conditional)
}

// fetchAttachmentAs is fetchAttachment, revalidating a stored copy when
// conditional.
func (a *Archiver) fetchAttachmentAs(ctx context.Context, l extract.Link, conditional bool) (*store.Attachment, error) {
	f, old, notModified, err := a.fetchRevalidating(l.URL, conditional)
	holder := &page{}
	if serr := a.storeExchangesNow(f, holder); serr != nil {
		return nil, serr
	}
	att := &store.Attachment{URL: l.URL, Title: l.Text, Status: f.Status(), CaptureID: holder.capture, Capture: holder.stored,
		PayloadDigest: holder.digest}
	if errors.Is(err, ErrNotStored) {
		return nil, nil // replaying a WARC that does not hold the file
	}
	if errors.Is(err, ErrRobotsDisallowed) {
		// The site keeps folio out of it: left alone like a file out of
		// scope, neither a failure nor a part the document lacks.
		a.log.Info("attachment disallowed by robots.txt; not fetched", "url", l.URL)
		return nil, nil
	}
	if errors.Is(err, ErrRedirectOutOfScope) {
		// A link in scope to a file out of it (download.jsp to another
		// host): left alone like a link out of scope.
		a.log.Info("attachment redirects out of scope; not fetched", "url", l.URL, "err", errtext.Line(err))
		return nil, nil
	}
	if err != nil {
		return att, fmt.Errorf("attachment %w", err)
	}
	resp, body := &f.Final.Capture, f.Body
	if notModified {
		// The file is what the confirmed capture holds.
		resp = old.capture
		att.Status, att.CaptureID, att.Capture, att.PayloadDigest = old.capture.Status, old.capture.ID, nil, old.capture.PayloadDigest
		if body, err = old.body(a.maxBody()); err != nil {
			a.log.Warn("the stored copy a 304 confirms cannot be read; fetching the file again", "url", l.URL, "err", err)
			a.refetchable(l.URL)
			return a.fetchAttachmentAs(ctx, l, false)
		}
	}
	if att.Status != http.StatusOK {
		return att, fmt.Errorf("attachment %s: HTTP %d", l.URL, att.Status)
	}
	ct := resp.Header("Content-Type")
	name := fileName(resp.Header("Content-Disposition"), resp.URL)
	if isPage(ct, body) && name == "" {
		a.log.Debug("linked file is a page, not an attachment", "url", l.URL)
		return nil, nil
	}
	att.ContentType = mediaType(ct, body, name)
	att.Bytes = int64(len(body))
	if att.Title == "" {
		att.Title = name
	}
	if resp.Truncated != "" {
		// Cut by the operator's limit, as a page over --max-body is: said,
		// stored as far as it went, counted cut, not a failure.
		if !notModified {
			a.log.Warn("attachment cut at --max-body; stored truncated", "url", l.URL, "max-body", a.maxBody())
		}
		return att, errAttachmentCut
	}
	if notModified {
		return att, nil // its text was read when it was stored
	}
	text, _, terr := attachment.Text(ctx, body, ct, name)
	switch {
	case terr == nil && text != "":
		if err := a.st.PutText(att.PayloadDigest, text); err != nil {
			return att, err
		}
	case errors.Is(terr, attachment.ErrNoPdftotext):
		a.noPdftotext.Do(func() {
			a.log.Warn("pdftotext is not installed: PDF attachments are stored without their text (install poppler-utils)")
		})
	case terr != nil && !errors.Is(terr, attachment.ErrNoText):
		a.log.Warn("attachment text unreadable", "url", l.URL, "err", terr)
	}
	return att, nil
}

// fileName is the name a download gives its file: Content-Disposition's
// filename (dispositionName), else the URL's last path segment when it has an extension.
func fileName(disposition, u string) string {
	if n := dispositionName(disposition); n != "" {
		return n
	}
	if pu, err := url.Parse(u); err == nil {
		if base := path.Base(pu.Path); path.Ext(base) != "" && base != "/" {
			return base
		}
	}
	return ""
}

var genericDownload = map[string]bool{"application/octet-stream": true, "application/x-download": true,
	"application/force-download": true, "application/download": true, "application/x-msdownload": true,
	"application/x-octet-stream": true, "application/unknown": true, "binary/octet-stream": true}

// isPage says whether a response is an HTML page rather than a file.
// Stricter than what extract reads as HTML (it also sniffs text/plain and
// octet-stream bodies): a file a 附件 link names stays the file, whatever
// its first bytes look like, unless the server says nothing of its type.
func isPage(contentType string, body []byte) bool {
	mt, _, _ := mime.ParseMediaType(contentType)
	if mt == "text/html" || mt == "application/xhtml+xml" {
		return true
	}
	return mt == "" && strings.HasPrefix(http.DetectContentType(body), "text/html")
}

// mediaType is the file's type: the header's, unless it is missing or
// says only "a download" (application/octet-stream, and what Chinese JSP
// and ASP portals send for the same: x-download, force-download), then
// what the bytes or name say.
func mediaType(contentType string, body []byte, name string) string {
	mt, _, _ := mime.ParseMediaType(contentType)
	if mt != "" && !genericDownload[mt] {
		return mt
	}
	if byExt := mime.TypeByExtension(path.Ext(name)); byExt != "" {
		mt, _, _ = mime.ParseMediaType(byExt)
		return mt
	}
	switch attachment.Detect(body, contentType, name) {
	case attachment.PDF:
		return "application/pdf"
	case attachment.DOCX:
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	case attachment.XLSX:
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	mt, _, _ = mime.ParseMediaType(http.DetectContentType(body))
	return mt
}

// requisiteSet remembers the requisites fetched in this run: a crawl's
// thousand articles share one stylesheet.
type requisiteSet struct {
	mu   sync.Mutex
	seen map[string]bool
}

func (s *requisiteSet) first(u string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.seen == nil {
		s.seen = map[string]bool{}
	}
	if s.seen[u] {
		return false
	}
	s.seen[u] = true
	return true
}

// maxRequisites bounds the requisites fetched for one article.
const maxRequisites = 500

// fetchRequisites fetches what the pages need to be shown — stylesheets,
// scripts, images, and what the stylesheets refer to — from the article's
// site, so that a replay of the export looks like the original. They are
// captures only, never documents. Failures are logged, not fatal: a missing
// logo does not make an article incomplete.
func (a *Archiver) fetchRequisites(ctx context.Context, pages []*page) {
	if !a.opts.Requisites {
		return
	}
	var queue []string
	for _, p := range pages {
		if !p.ok() {
			continue
		}
		for _, u := range p.parsed.Requisites {
			if sameSite(u, p.url) || (a.opts.InScope != nil && a.opts.InScope(u)) {
				queue = append(queue, u)
			}
		}
	}
	// Stylesheets bring their own references (@import, url()); two levels
	// cover what real sites do and end any loop. A page that names more
	// than maxRequisites (a generated page of thousands of scripts) has
	// the first fetched: a replay needs its layout, not hours of requests.
	fetched := 0
	for level := 0; level < 3 && len(queue) > 0 && ctx.Err() == nil; level++ {
		var next []string
		for _, u := range queue {
			if ctx.Err() != nil || !a.requisites.first(extract.CanonicalURL(u)) {
				continue
			}
			if fetched++; fetched > maxRequisites {
				a.log.Warn("requisites cut", "url", pages[0].url, "fetched", maxRequisites)
				return
			}
			f, err := a.f.Fetch(u, nil)
			if serr := a.storeExchanges(f, &page{}); serr != nil {
				a.log.Warn("storing requisite", "url", u, "err", serr)
				return
			}
			if err != nil {
				a.log.Debug("requisite not fetched", "url", u, "err", err)
				continue
			}
			ct := f.Final.Capture.Header("Content-Type")
			if f.Status() == http.StatusOK && (strings.Contains(ct, "text/css") || strings.HasSuffix(strings.ToLower(path.Ext(u)), ".css")) {
				for _, ref := range extract.CSSLinks(f.Body, f.FinalURL()) {
					if sameSite(ref, u) {
						next = append(next, ref)
					}
				}
			}
		}
		queue = next
	}
}

// sameSite says whether two URLs are on one site: the same host, or hosts
// under the same registrable domain (www.zhuzhou.gov.cn and
// static.zhuzhou.gov.cn). The registrable domain is guessed from the last
// labels, with the Chinese second-level domains (gov.cn, com.cn, ...) and
// their kind elsewhere counted as suffixes.
func sameSite(a, b string) bool {
	ua, err1 := url.Parse(a)
	ub, err2 := url.Parse(b)
	if err1 != nil || err2 != nil {
		return false
	}
	ha, hb := strings.ToLower(ua.Hostname()), strings.ToLower(ub.Hostname())
	return ha == hb || (registrable(ha) != "" && registrable(ha) == registrable(hb))
}

func registrable(host string) string {
	if net.ParseIP(host) != nil {
		return "" // an address is its own site: 127.0.0.1 and 127.0.0.2 are not one
	}
	labels := strings.Split(host, ".")
	if len(labels) < 2 {
		return ""
	}
	n := 2
	if len(labels) >= 3 {
		switch labels[len(labels)-2] {
		case "gov", "com", "edu", "org", "net", "ac", "co":
			if len(labels[len(labels)-1]) == 2 { // .gov.cn, .com.hk, .co.uk
				n = 3
			}
		}
	}
	if len(labels) < n {
		return ""
	}
	return strings.Join(labels[len(labels)-n:], ".")
}
