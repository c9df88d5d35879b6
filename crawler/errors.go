package crawler

import "errors"

var (
	// ErrRobotsDisallowed: robots.txt disallows the URL for folio.
	ErrRobotsDisallowed = errors.New("crawler: disallowed by robots.txt")
	// ErrRobotsUnavailable: the host's robots.txt could not be read (5xx,
	// timeout); the host is not crawled until it can be.
	ErrRobotsUnavailable = errors.New("crawler: robots.txt unavailable")
	// ErrScheme: a URL or redirect that is not http(s) (file:, ftp:,
	// javascript:, ...). folio never follows one.
	ErrScheme = errors.New("crawler: not an http(s) URL")
	// ErrRedirect: too many redirects, or a redirect loop.
	ErrRedirect = errors.New("crawler: too many redirects")

	// ErrRedirectOutOfScope is a redirect a crawl did not follow: it
	// leaves the crawl's scope (an in-site /go.php?url= to another host).
	ErrRedirectOutOfScope = errors.New("crawler: redirect out of scope")
	// ErrHostPaused: the host asked folio (Retry-After) to stay away for
	// longer than it waits in one run; its URLs are left for the next run.
	ErrHostPaused = errors.New("crawler: host paused")
	// ErrNotArticle: the page is not an HTML article (a PDF, an image, a
	// list page where an article was expected).
	ErrNotArticle = errors.New("crawler: not an article")
	// ErrSoftNotFound: a page served with 200 that says what was asked
	// for is not there (您访问的页面不存在或已被删除): a 404 in all but its
	// status, so a deleted article is no new version of itself.
	ErrSoftNotFound = errors.New("crawler: the page says it is not there")
	// ErrNotStored: a page the archiver asked for has no stored capture
	// (an imported WARC did not hold it).
	ErrNotStored = errors.New("crawler: not in the archive")
)
