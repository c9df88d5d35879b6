package crawler

import (
	"net/url"
	"path"
	"regexp"
	"strings"

	"folio/extract"
)

// Crawler traps are URL spaces without end: calendars that link the next
// month for ever, session ids that make every link new, paths that repeat
// (a relative link resolved against itself: a/b/a/b/...), generated
// search and filter combinations. folio recognises the common shapes
// before anything is queued, and a per-host page budget ends whatever
// slips through.

// maxURLLength: longer URLs are generated, not written by an editor.
const maxURLLength = 1024

// skippedExt are file types that are never pages to crawl (attachments are
// fetched with their article, not crawled).
var skippedExt = map[string]bool{
	".css": true, ".js": true, ".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".bmp": true,
	".ico": true, ".svg": true, ".webp": true, ".pdf": true, ".doc": true, ".docx": true, ".xls": true,
	".xlsx": true, ".ppt": true, ".pptx": true, ".zip": true, ".rar": true, ".7z": true, ".gz": true,
	".mp3": true, ".mp4": true, ".avi": true, ".flv": true, ".swf": true, ".exe": true, ".apk": true,
	".wps": true, ".et": true, ".txt": true, ".xml": true, ".ofd": true, ".csv": true,
}

// calendarStep matches the anchor texts that step a calendar or an
// archive by month or year: 下一月, 上一年, 下月, next month, ».
var calendarStep = regexp.MustCompile(`(?i)^\s*[<>«»‹›]*\s*(上|下|前|后)\s*一?\s*(个)?\s*(月|年|周|天|日)\s*[<>«»‹›]*\s*$|^\s*(previous|next|prev)\s+(month|year|week|day)\b`)

// isCalendarStep is calendarStep.MatchString for a link's text; a step's
// label is short, and the titles of a list are not asked the regexp (nor
// taken for a step: "Next week's council meeting…" is a story).
func isCalendarStep(text string) bool {
	return len(text) <= 48 && calendarStep.MatchString(text)
}

// calendarURL matches URLs that address a day, month or year of a calendar
// or date archive: a year or a date in the query (?year=2024,
// ?date=2024-03-15, ?month=2024-06, ?ym=202406; any ?x=2024-06 is
// datedQuery's), or a calendar path.
var calendarURL = regexp.MustCompile(`(?i)[?&](year|y|nian|yy)=(19|20)\d\d(&|$)|[?&](date|day|riqi|rq|ym|month|mon|yearmonth|yyyymm|yf)=(19|20)\d\d` +
	`|/(calendar|rili)(/|\.|$)`)

// datedQuery matches a query parameter of any name whose value is a month
// or a day (?x=2024-06, ?x=2024-06-15): a calendar's, unless the URL also
// names a record (idParam): content.jsp?id=789&pubdate=2024-06-15 is an
// article that states its date, not a day of a calendar.
var datedQuery = regexp.MustCompile(`[?&][^=&]+=(19|20)\d\d-(0?[1-9]|1[0-2])(-(0?[1-9]|[12]\d|3[01]))?(&|$)`)

// idParam matches a query parameter that names a record: id=, docid=,
// articleId=, infoid=… with a value holding a digit.
var idParam = regexp.MustCompile(`(?i)[?&][a-z_]*id=[^&]*\d`)

// forumView matches a forum's other views of its threads and people: a
// thread filtered to one poster (Discuz!'s 只看该作者, authorid=), a
// member's space or profile, a printable or reply form. Each is a thread
// or no document, reached already by its own URL or not worth a page.
// So are the forms and account pages of other CMSs, linked from every
// article and never one: WordPress's login and admin pages, 动易's
// 发送给好友 (SendArticle.asp), PHPCMS's member and comment modules.
var forumView = regexp.MustCompile(`(?i)[?&]authorid=\d|[?&]mod=(?:space|spacecp|post|misc|logging|register)(?:&|$)|/(?:member|misc|search|connect)\.php|/space-(?:uid|username)-|[?&]action=(?:printable|reply|newthread)(?:&|$)` +
	`|/wp-(?:login|signup|comments-post|trackback)\.php|/wp-admin/|/xmlrpc\.php|/SendArticle\.aspx?(?:\?|$)|[?&]m=(?:member|comment)(?:&|$)`)

// isForumView is forumView.MatchString, most URLs (a path, no query) ruled
// out without the regexp: every link of every page is asked.
func isForumView(u string) bool {
	return (strings.ContainsAny(u, "?&") || containsFold(u, ".php") || containsFold(u, "/space-") || containsFold(u, "/wp-admin/")) && forumView.MatchString(u)
}

// containsFold is strings.Contains, ASCII letters in any case.
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// sessionParam matches session ids in paths and queries, and WordPress's
// replytocom= (a comment's reply form: the post again, a classic trap). A
// bare sid= is one only when its value is a token (see sessionToken): on
// some CMSs it numbers a section (sid=12).
var sessionParam = regexp.MustCompile(`(?i);jsessionid=[^?#/]*|(^|&)(phpsessid|sessionid|session_id|sessid|jsessionid|aspsessionid\w*|cfid|cftoken|zenid|oscsid|replytocom)=[^&]*`)

// sessionToken says whether a sid= value is a session token rather than a
// number or a section's name: 16 letters and digits or more, or 8 or more
// hex digits that mix letters and digits (8f3a2b1c, not xxgk2024).
func sessionToken(v string) bool {
	letters, digits, hex := 0, 0, true
	for i := 0; i < len(v); i++ {
		switch c := v[i] | 0x20; {
		case v[i] >= '0' && v[i] <= '9':
			digits++
		case c >= 'a' && c <= 'z':
			letters++
			hex = hex && c <= 'f'
		default:
			return false
		}
	}
	return len(v) >= 16 || len(v) >= 8 && hex && letters > 0 && digits > 0
}

// WithoutSessionIDs is u without the session ids a crawl takes out of the
// links it follows: the URL a document was stored under.
func WithoutSessionIDs(u string) string {
	pu, err := url.Parse(u)
	if err != nil {
		return u
	}
	stripSessions(pu)
	return pu.String()
}

// stripSessions takes the session ids out of a URL's path and query.
func stripSessions(pu *url.URL) {
	if strings.Contains(strings.ToLower(pu.Path), ";jsessionid=") {
		pu.Path = sessionParam.ReplaceAllString(pu.Path, "")
		pu.RawPath = ""
	}
	if pu.RawQuery != "" {
		pu.RawQuery = stripSessionIDs(pu.RawQuery)
	}
}

// stripSessionIDs takes the session ids out of a query.
func stripSessionIDs(query string) string {
	query = sessionParam.ReplaceAllString(query, "$1")
	parts := strings.Split(query, "&")
	kept := parts[:0]
	for _, p := range parts {
		name, value, _ := strings.Cut(p, "=")
		if p == "" || strings.EqualFold(name, "sid") && sessionToken(value) {
			continue
		}
		kept = append(kept, p)
	}
	return strings.Join(kept, "&")
}

// cleanLink strips session ids from u; "" when u is not worth queueing.
func cleanLink(l extract.Link) string {
	if isCalendarStep(l.Text) {
		return ""
	}
	pu, err := url.Parse(l.URL)
	if err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
		return ""
	}
	if skippedExt[strings.ToLower(path.Ext(pu.Path))] || isForumView(l.URL) {
		return ""
	}
	stripSessions(pu)
	u := pu.String()
	if trap(u) {
		return ""
	}
	// A Discuz thread is fetched at the address it is stored under
	// (thread-T-P-1.html, viewthread without &extra=), whichever list
	// page linked it: that address then replays.
	if strings.Contains(pu.Path, "/thread-") || strings.Contains(pu.RawQuery, "mod=viewthread") {
		u = extract.CanonicalURL(u)
	}
	return u
}

// trap recognises URLs that lead into crawler traps: very long URLs, paths
// that repeat a segment three times or a pair of segments twice, or run
// more than 16 segments deep.
func trap(u string) bool {
	if len(u) > maxURLLength {
		return true
	}
	pu, err := url.Parse(u)
	if err != nil {
		return true
	}
	segs := strings.Split(strings.Trim(pu.Path, "/"), "/")
	count := map[string]int{}
	pairs := map[[2]string]bool{}
	for i, s := range segs {
		if s == "" {
			continue
		}
		count[s]++
		if count[s] > 2 {
			return true
		}
		if i > 0 {
			pair := [2]string{segs[i-1], s}
			if pairs[pair] {
				return true // a/b/.../a/b
			}
			pairs[pair] = true
		}
	}
	return len(segs) > 16
}

// isCalendar says whether u addresses a date of a calendar: such pages are
// read for links, and a host gets a limited number of them per run.
func isCalendar(u string) bool {
	return calendarURL.MatchString(u) || datedQuery.MatchString(u) && !idParam.MatchString(u)
}
