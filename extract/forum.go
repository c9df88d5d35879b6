package extract

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A forum thread's page holds several posts, each a message cell in a
// unit with its poster's name. The thread is its author's posts (page 1's
// first poster): the others' replies are comments.

// threadPost is one post of a forum thread's page.
type threadPost struct {
	poster  string
	content *html.Node
}

// messageClasses name the message cell of a post: Discuz! X (td.t_f,
// id postmessage_N), Discuz! 6–7 (t_msgfont), phpwind (tpc_content, f14
// read_tpc). The forum software of Chinese portals names them so, which
// finds them where scoring would not: replies of a line are shorter than
// a poster's signature or the forum's footer.
var messageClasses = map[string]bool{"t_f": true, "t_msgfont": true, "tpc_content": true, "read_tpc": true}

var messageID = regexp.MustCompile(`^postmessage_\d+$`)

// forumThread returns the posts of a forum thread's page in document
// order, nil when the page has no post message cells.
func (r *reader) forumThread() []threadPost {
	var cells []*html.Node
	for _, m := range r.messages {
		// A quote inside a message is the message's.
		if !slices.ContainsFunc(r.messages, func(c *html.Node) bool { return c != m && contains(c, m) }) {
			cells = append(cells, m)
		}
	}
	if len(cells) == 0 {
		return nil
	}
	posts := make([]threadPost, len(cells))
	for i, c := range cells {
		posts[i] = threadPost{poster: poster(postUnit(c, cells)), content: c}
	}
	return posts
}

// postUnit is the largest element around a message cell that holds no
// other post's cell: the post with its poster's column. A page of one post
// has no other cell to stop at: the post's own element does (Discuz's
// div#post_N, table#pidN), else a dozen levels up, short of the page's
// login box.
func postUnit(cell *html.Node, cells []*html.Node) *html.Node {
	unit := cell
	for p, depth := cell.Parent, 0; p != nil && p.Type == html.ElementNode && depth < 12; p, depth = p.Parent, depth+1 {
		for _, other := range cells {
			if other != cell && contains(p, other) {
				return unit
			}
		}
		unit = p
		if postID.MatchString(attr(p, "id")) {
			return unit
		}
	}
	return unit
}

// postID is the id of a post's element: Discuz's post_1001 and pid1001,
// phpwind's read_1001.
var postID = regexp.MustCompile(`^(?:post_|pid|read_)\d+$`)

// posterHref matches the links forums put on a poster's name: Discuz's
// home.php?mod=space&uid=5, space-uid-5.html, phpwind's u.php?uid=,
// profile and member pages.
var posterHref = regexp.MustCompile(`(?i)(?:[?&]uid=|space|member|profile|u\.php|/user/|/u/\d)`)

// accountHref matches the links of a forum's login box (立即注册, 登录),
// which are no poster's.
var accountHref = regexp.MustCompile(`(?i)register|logging|login|logout|signup|lostpw`)

// poster is the name a post is signed with: the text of the first link in
// the unit to its poster's page; "" when there is none.
func poster(unit *html.Node) string {
	var name string
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if href := attr(c, "href"); c.DataAtom == atom.A && posterHref.MatchString(href) && !accountHref.MatchString(href) {
				if t := strings.TrimSpace(textOf(c)); t != "" && utf8.RuneCountInString(t) <= 20 {
					name = t
					return true
				}
			}
			if walk(c) {
				return true
			}
		}
		return false
	}
	walk(unit)
	return name
}
