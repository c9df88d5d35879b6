package warc

import (
	"net/url"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/net/idna"
)

// SURT returns the sort-friendly form of a URL that CDX indexes are keyed
// and sorted by, as the Internet Archive's canonicalizer (Python surt,
// used by pywb and cdxj-indexer) makes it with its defaults: scheme
// dropped, host lowercased without "www." and reversed with commas
// ("cn,gov,zhuzhou"), default port dropped, percent-escapes normalized,
// path and query lowercased, session ids dropped, query arguments sorted,
// a trailing slash and the fragment dropped:
//
//	http://www.Example.gov.cn:80/News/a.html?b=2&a=1#top
//	→ cn,gov,example)/news/a.html?a=1&b=2
//
// A URL that is not http(s) is returned lowercased.
func SURT(rawURL string) string {
	s := strings.TrimSpace(rawURL)
	s = strings.NewReplacer("\t", "", "\r", "", "\n", "").Replace(s)
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return strings.ToLower(s)
	}

	host := strings.ToLower(strings.Trim(u.Hostname(), "."))
	if h, err := url.PathUnescape(host); err == nil {
		host = h
	}
	if a, err := idna.Lookup.ToASCII(host); err == nil {
		host = a
	}
	host = wwwPrefix.ReplaceAllString(host, "")
	parts := strings.Split(host, ".")
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	var b strings.Builder
	b.WriteString(strings.Join(parts, ","))
	if port := u.Port(); port != "" && !(u.Scheme == "http" && port == "80") && !(u.Scheme == "https" && port == "443") {
		b.WriteString(":" + strings.TrimLeft(port, "0"))
	}
	b.WriteString(")")

	path := u.EscapedPath()
	path = strings.ToLower(escapeOnce(unescapeRepeatedly(path)))
	path = cleanPath(path)
	path = pathSession.ReplaceAllString(path, "/")
	if len(path) > 1 && strings.HasSuffix(path, "/") {
		path = path[:len(path)-1]
	}
	b.WriteString(path)

	if q := u.RawQuery; q != "" {
		q = escapeOnce(unescapeRepeatedly(q))
		q = stripQuerySession(q)
		q = strings.ToLower(q)
		q = sortQuery(q)
		if q != "" {
			b.WriteString("?" + q)
		}
	}
	return b.String()
}

var (
	wwwPrefix   = regexp.MustCompile(`^www\d*\.`)
	pathSession = regexp.MustCompile(`(?i)/\((?:[a-z]\([0-9a-z]{24}\))+\)/|/\([0-9a-z]{24}\)/`)
	// The query session ids the IA canonicalizer strips.
	querySession = []*regexp.Regexp{
		regexp.MustCompile(`(?i)(?:^|&)(jsessionid=[0-9a-z$]{10,})(?:&|$)`),
		regexp.MustCompile(`(?i)(?:^|&)(phpsessid=[0-9a-z]{32})(?:&|$)`),
		regexp.MustCompile(`(?i)(?:^|&)(sid=[0-9a-z]{32})(?:&|$)`),
		regexp.MustCompile(`(?i)(?:^|&)(aspsessionid[a-z]{8}=[a-z]{24})(?:&|$)`),
		regexp.MustCompile(`(?i)(?:^|&)(cfid=[^&]+&cftoken=[^&]+)(?:&|$)`),
	}
)

func stripQuerySession(q string) string {
	for _, re := range querySession {
		for {
			loc := re.FindStringSubmatchIndex(q)
			if loc == nil {
				break
			}
			start, end := loc[2], loc[3]
			if end < len(q) && q[end] == '&' {
				end++
			}
			q = q[:start] + q[end:]
		}
	}
	return q
}

// sortQuery orders the arguments as the IA canonicalizer does: by name,
// then by value, an argument without "=" before one with.
func sortQuery(q string) string {
	args := strings.Split(q, "&")
	sort.SliceStable(args, func(i, j int) bool {
		ki, vi, hi := strings.Cut(args[i], "=")
		kj, vj, hj := strings.Cut(args[j], "=")
		if ki != kj {
			return ki < kj
		}
		if hi != hj {
			return !hi
		}
		return vi < vj
	})
	return strings.Join(args, "&")
}

// unescapeRepeatedly undoes percent-escapes until nothing changes
// ("%2525" is "%"); malformed escapes stay as they are.
func unescapeRepeatedly(s string) string {
	for range 10 {
		u := unescapeLenient(s)
		if u == s {
			break
		}
		s = u
	}
	return s
}

func unescapeLenient(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b.WriteByte(unhex(s[i+1])<<4 | unhex(s[i+2]))
			i += 2
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// escapeOnce escapes the bytes a canonical URL may not hold raw: controls,
// space, non-ASCII, '#' and '%'.
func escapeOnce(s string) string {
	const hexdigits = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= 0x20 || c >= 0x7f || c == '#' || c == '%' {
			b.WriteByte('%')
			b.WriteByte(hexdigits[c>>4])
			b.WriteByte(hexdigits[c&15])
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// cleanPath resolves "." and ".." segments and collapses repeated slashes.
func cleanPath(p string) string {
	if p == "" {
		return "/"
	}
	trailing := strings.HasSuffix(p, "/")
	var out []string
	for _, seg := range strings.Split(p, "/") {
		switch seg {
		case "", ".":
		case "..":
			if len(out) > 0 {
				out = out[:len(out)-1]
			}
		default:
			out = append(out, seg)
		}
	}
	res := "/" + strings.Join(out, "/")
	if trailing && res != "/" {
		res += "/"
	}
	return res
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}
