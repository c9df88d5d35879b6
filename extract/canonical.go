package extract

import (
	"net/url"
	"strings"
)

// trackingParams are query parameters that say where a reader came from,
// not what they read: URLs that differ only in them are one article.
var trackingParams = map[string]bool{
	"from": true, "spm": true, "fbclid": true, "gclid": true, "yclid": true, "msclkid": true,
	"mc_cid": true, "mc_eid": true, "isappinstalled": true, "wfr": true, "share_token": true,
	"sharefrom": true, "share_from": true, "scene": true, "clicktime": true, "enterid": true,
	"_ga": true, "ref": true, "referer": true, "source": true, "timestamp": true, "tt_from": true,
}

// CanonicalURL is the form of a URL folio uses as a key: scheme and host in
// lower case, no default port, no fragment, and no tracking parameters
// (utm_*, from=index, spm, ...). The rest of the query is kept in its order:
// on many portals it names the article (show.asp?id=123).
func CanonicalURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return raw
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	if (u.Scheme == "http" && u.Port() == "80") || (u.Scheme == "https" && u.Port() == "443") {
		u.Host = u.Hostname()
	}
	u.Fragment, u.RawFragment = "", ""
	if u.Path == "" {
		u.Path = "/"
	}
	if u.RawQuery != "" {
		var kept []string
		for _, part := range strings.Split(u.RawQuery, "&") {
			name, _, _ := strings.Cut(part, "=")
			lname := strings.ToLower(name)
			if part == "" || trackingParams[lname] || strings.HasPrefix(lname, "utm_") {
				continue
			}
			kept = append(kept, part)
		}
		u.RawQuery = strings.Join(kept, "&")
	}
	u.ForceQuery = false
	return u.String()
}
