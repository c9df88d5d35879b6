package extract

import (
	"regexp"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// nodeStats are the measures of one element's subtree that content scoring
// uses. Text is measured in textWeight units (a CJK character counts three).
type nodeStats struct {
	text  float64 // all text
	link  float64 // text inside links
	punct int     // prose punctuation
	links int     // number of anchors
	own   float64 // text in the element itself, not in block children
	ownP  int     // punctuation in that own text
	ownL  float64 // link text in that own text
	score float64 // paragraph scores propagated from descendants
	base  float64 // the candidate's head start: its element and its name
	name  nameClass
	mixed bool // own text beside block children
}

func (s *nodeStats) linkDensity() float64 {
	if s.text == 0 {
		return 0
	}
	return s.link / s.text
}

// final is a candidate's score: its paragraphs' scores, its head start,
// and links discounted. A good name at most doubles what the paragraphs
// earn: "postlist" around a thread of short posts must not win on its name.
func (s *nodeStats) final() float64 {
	bonus := s.base
	if bonus > 0 {
		bonus = min(bonus, s.score)
	}
	return (s.score + bonus) * (1 - s.linkDensity())
}

// nonLink is the text outside links.
func (s *nodeStats) nonLink() float64 { return s.text - s.link }

// isLink: an anchor that leads somewhere. A named anchor (<a name=top1>)
// is not a link; forums leave them unclosed, and the parser then carries
// them over the rest of the page.
func isLink(n *html.Node) bool {
	if n.DataAtom != atom.A {
		return false
	}
	_, ok := hasAttr(n, "href")
	return ok
}

// measure fills r.stats for every element of the body, bottom-up, in one
// walk.
func (r *reader) measure() {
	r.stats = make(map[*html.Node]*nodeStats, 1024)
	var walk func(n *html.Node, inLink bool) *nodeStats
	walk = func(n *html.Node, inLink bool) *nodeStats {
		st := &nodeStats{name: r.classify(n)}
		if isLink(n) {
			inLink = true
			st.links = 1
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				w, p := textWeight(c.Data)
				st.text += w
				st.own += w
				st.punct += p
				st.ownP += p
				if inLink {
					st.link += w
					st.ownL += w
				}
			case html.ElementNode:
				cs := walk(c, inLink)
				st.text += cs.text
				st.link += cs.link
				st.punct += cs.punct
				st.links += cs.links
				if !isBlock(c) { // inline children are part of this element's own text
					st.own += cs.own
					st.ownP += cs.ownP
					st.ownL += cs.ownL
				} else if c.DataAtom != atom.Br {
					st.mixed = true
				}
			}
		}
		st.mixed = st.mixed && st.own-st.ownL >= 25
		r.stats[n] = st
		if st.name&nameMessage != 0 {
			r.messages = append(r.messages, n) // in document order: message cells hold no others
		}
		return st
	}
	walk(r.body(), false)
}

// mainContent returns the element holding the article text: a known CMS
// container when one holds real prose, else the best-scoring container.
func (r *reader) mainContent() *html.Node {
	r.measure()
	if r.thread = r.forumThread(); r.thread != nil {
		return r.thread[0].content
	}
	hint, short, filesOnly := r.hintedContent()
	if hint != nil {
		return hint
	}
	body := r.body()
	// First without the parts whose names or roles say they are not the
	// article (comments, sidebars, footers); if that leaves too little, a
	// CMS's content container holding a line or two is the article (a
	// one-sentence notice, "详见附件", a photo and its caption); else the
	// names were misleading and everything is scored — but the site's
	// footer is never the article, whatever its length.
	top := r.scoredContent(body, true)
	if st := r.stats[top]; top == body || st.nonLink() < 150 {
		switch alt := r.scoredContent(body, false); {
		case short != nil && !(filesOnly && top != body && strings.Contains(textOf(top), "。")):
			// (A box of files only is the article when nothing else
			// reads as prose: not beside a 公示 whose sentences stand in
			// a box of no name, its 相关下载 in one named as content.)
			top = short
		case r.inFooter(alt):
			// the footer is never the article: keep what the names left
		case top == body || r.stats[alt].nonLink() > st.nonLink()*2:
			top = alt
		}
	}
	if post := r.firstPost(top); post != top {
		r.excluded, r.mergedRoot = nil, nil
		return post
	}
	return top
}

// contentBeside looks again for the article when the box mainContent
// chose gave no text once its title and byline were read (a short
// article's two sentences lost to the box of its headline and byline,
// whose fields weigh as commas): the best box but that one, if it is the
// element right after it, and nil otherwise. What it gives counts only if
// it reads as prose (the caller's hasSentence), so that a page that is a
// picture or a link stays empty.
func (r *reader) contentBeside(content *html.Node) *html.Node {
	body := r.body()
	if content == body {
		return nil
	}
	excluded, merged := r.excluded, r.mergedRoot
	r.rejected = content
	alt := r.scoredContent(body, true)
	r.rejected = nil
	// The text box follows the headline's: the next element holds it
	// (not a box further on — a 下一条 summary, a 温馨提示 — beside a
	// picture or a file that is all the article has).
	if alt != body && alt != content && !contains(content, alt) && followsDirectly(content, alt) {
		return alt
	}
	r.excluded, r.mergedRoot = excluded, merged
	return nil
}

// followsDirectly says whether b is, or is inside, the element after a.
func followsDirectly(a, b *html.Node) bool {
	for n := a.NextSibling; n != nil; n = n.NextSibling {
		if n.Type != html.ElementNode || n.DataAtom == atom.Script || n.DataAtom == atom.Style {
			continue
		}
		return contains(n, b)
	}
	return false
}

// hasSentence says whether blocks hold a sentence: prose, not a line of
// links or a caption.
func hasSentence(blocks []Block) bool {
	for _, b := range blocks {
		if b.Kind == Paragraph && endsSentence(b.Text) && runeCount(b.Text) >= 10 {
			return true
		}
	}
	return false
}

// hintedContent finds the CMS content container (TRS_Editor, #zoom, ...)
// holding the most prose. hint holds at least a few sentences' worth of
// text (~40 CJK characters), mostly not links; short, when there is no
// hint, holds a line of its own (a few characters), for pages whose whole
// article is a line.
func (r *reader) hintedContent() (hint, short *html.Node, filesOnly bool) {
	var bestText, shortText float64
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			st := r.stats[c]
			if st.name&nameHint != 0 {
				// A short notice's links are its attachments: 附件：….xls
				// may be half its text.
				switch nonLink, ld := st.nonLink(), st.linkDensity(); {
				case nonLink >= 120 && ld < 0.35 && nonLink > bestText*1.1:
					hint, bestText = c, nonLink
				case nonLink >= 15 && ld < 0.7 && nonLink > shortText*1.1:
					short, shortText, filesOnly = c, nonLink, false
				case shortText == 0 && st.text >= 5 && linksOnlyFiles(c):
					// (A notice that is its attachment: 附件：<a>….xls</a>.)
					short, shortText, filesOnly = c, nonLink, true
				}
			}
			walk(c)
		}
	}
	walk(r.body())
	if hint != nil {
		short = nil
	}
	return hint, short, filesOnly && short != nil
}

// linksOnlyFiles says whether n links something and only files.
func linksOnlyFiles(n *html.Node) bool {
	linked := false
	for c := range n.Descendants() {
		if c.Type == html.ElementNode && c.DataAtom == atom.A && attr(c, "href") != "" {
			if !linksFile(c) {
				return false
			}
			linked = true
		}
	}
	return linked
}

// inFooter says whether n is, or is inside, an element named as the
// site's footer.
func (r *reader) inFooter(n *html.Node) bool {
	for ; n != nil && n.Type == html.ElementNode; n = n.Parent {
		if n.DataAtom == atom.Footer {
			return true
		}
		if st := r.stats[n]; st != nil && st.name&nameFooter != 0 {
			return true
		}
	}
	return false
}

// paragraphScore is what one element's own prose adds to its ancestors:
// one for being there, one per mark of punctuation (the comma signal,
// Chinese marks included), up to three for length. 0 when the element's
// own text is too short to be a paragraph: 25 units are about eight CJK
// characters or a short English sentence.
func paragraphScore(st *nodeStats) float64 {
	units := st.own - st.ownL
	// Text without a single mark of punctuation is a name, a title or a
	// table cell unless it is long: the rows of a long table of names
	// must not add up to more than an article.
	if units < 25 || (st.ownP == 0 && units < 150) {
		return 0
	}
	return 1 + float64(st.ownP) + min(units/100, 3)
}

// tagWeight is Readability's head start by element: containers of
// paragraphs up, lists and headings down.
func tagWeight(n *html.Node) float64 {
	switch n.DataAtom {
	case atom.Div, atom.Article, atom.Section, atom.Main:
		return 5
	case atom.Pre, atom.Td, atom.Blockquote:
		return 3
	case atom.Address, atom.Ol, atom.Ul, atom.Dl, atom.Dd, atom.Dt, atom.Li, atom.Form:
		return -3
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Th:
		return -5
	}
	return 0
}

// headlineOverBox says whether heading h is a headline standing over the
// box of its text: no heading of its kind beside it (subheads come in
// runs: 一、…，…。 二、…) and a sibling holding paragraphs of its own. A
// heading among its paragraphs (<td><h3>…</h3><div>…</div><div>…</div>)
// is the text's, as the subheads of a brief or a Q&A are.
func (r *reader) headlineOverBox(h *html.Node) bool {
	box := false
	for c := h.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c == h || c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom == h.DataAtom {
			return false
		}
		if !box && r.paragraphsIn(c, 2) {
			box = true
		}
	}
	return box
}

// paragraphsIn says whether n holds at least want scoring paragraphs
// below it (not n itself).
func (r *reader) paragraphsIn(n *html.Node, want int) bool {
	found := 0
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if st := r.stats[c]; st != nil && paragraphScore(st) > 0 && c.DataAtom != atom.A {
				if found++; found >= want {
					return true
				}
			}
			if walk(c) {
				return true
			}
		}
		return false
	}
	return walk(n)
}

// scoredContent is the Readability idea made CJK-aware: every element with
// prose of its own scores by its punctuation and length, the score flows to
// its ancestors (halving with each level), and the ancestor with the best
// score after discounting links wins. With skipUnlikely, subtrees named or
// marked as comments, sidebars, navigation or footers do not score.
func (r *reader) scoredContent(body *html.Node, skipUnlikely bool) *html.Node {
	r.excluded, r.mergedRoot = nil, nil
	for _, st := range r.stats {
		st.score, st.base = 0, 0
	}
	var candidates []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			st := r.stats[c]
			if c == r.rejected || skipUnlikely && r.unlikely(c, st) {
				continue
			}
			// A headline is no paragraph, whatever its marks (“电通”, 《》, ：):
			// scored as one it lifts the wrapper of title, byline and text
			// over the text's own box, and the wrapper brings what closes
			// it (举报电话, a feedback form).
			if s := paragraphScore(st); s > 0 && c.DataAtom != atom.A && !(isHeading(c) && st.own-st.ownL < 150 && r.headlineOverBox(c)) {
				// The paragraph's container is its parent; but text that
				// stands beside blocks (<div>text<br>text<div>…</div></div>)
				// is a paragraph of its own inside c, as Readability makes
				// it by wrapping such runs in <p>.
				from := c.Parent
				if st.mixed {
					from = c
				}
				level := 0
				for a := from; a != nil && a != body.Parent && level < 5; a = a.Parent {
					as := r.stats[a]
					if as == nil {
						break
					}
					if as.score == 0 {
						candidates = append(candidates, a)
						as.base = tagWeight(a) + as.name.weight()
					}
					switch level {
					case 0:
						as.score += s
					case 1:
						as.score += s / 2
					default:
						as.score += s / float64(level*3)
					}
					level++
				}
			}
			walk(c)
		}
	}
	walk(body)
	if len(candidates) == 0 {
		return body
	}
	final := func(n *html.Node) float64 {
		st := r.stats[n]
		return st.final()
	}
	top := candidates[0]
	for _, c := range candidates[1:] {
		if final(c) > final(top) {
			top = c
		}
	}
	// Climb while an ancestor gathers more: paragraphs split over several
	// sibling containers belong together.
	last := final(top)
	for p := top.Parent; p != nil && p != body; p = p.Parent {
		if r.stats[p] == nil || r.stats[p].score == 0 { // nil: above <body>, when body itself won
			continue
		}
		ps := final(p)
		if ps < final(top)/3 {
			break
		}
		if ps > last {
			top = p
			break
		}
		last = ps
	}
	// A lone child holds nothing its parent doesn't; the parent keeps the
	// title and byline close by for the metadata reader.
	for top.Parent != nil && top.Parent != body && onlyElementChild(top) {
		top = top.Parent
	}
	return r.gather(top, candidates, final)
}

// gather is Readability's last step, widened. An article's paragraphs may
// be split over several containers: paragraphs between ads beside the
// winner, or chunks of the same kind (<div class="article__body"> twice,
// with an ad rail between) further away. Chunks of the winner's element
// and class that score at least a fifth of it join it, and so do siblings
// that read as prose; the content is then their nearest common ancestor,
// with the boxes on the way that are neither content nor prose left out.
func (r *reader) gather(top *html.Node, candidates []*html.Node, final func(*html.Node) float64) *html.Node {
	// A 问政 page set as a form (来信内容 | the letter, 回复内容 | the
	// answer) is the text of its prose cells, the rows of fields between
	// them left out. (Table cells are columns, side by side, otherwise.)
	if cells := r.letterForm(top); cells != nil {
		root := commonAncestor(cells)
		r.excluded = r.exclusions(root, cells)
		r.mergedRoot = root
		return root
	}
	if top.DataAtom == atom.Td || top.DataAtom == atom.Th || top.DataAtom == atom.Tr || top.Parent == nil || top.Parent.Type != html.ElementNode {
		return top
	}
	keep := []*html.Node{top}
	// An article whose every paragraph has a wrapper of its own (BBC's
	// <div dir="ltr"><p>…</p></div>): the winner is one wrapper, and its
	// run of siblings of the same kind is the article. Only the winner's
	// own run: a box of wrapped paragraphs elsewhere (comments under a
	// heading, a template's notice) is not joined.
	if paragraphIn(top) != nil {
		for s := top.Parent.FirstChild; s != nil; s = s.NextSibling {
			if s != top && sameWrapper(s, top) {
				keep = append(keep, s)
			}
		}
	}
	if class := attr(top, "class"); class != "" {
		threshold := max(10, final(top)*0.2)
		for _, c := range candidates {
			if c != top && c.DataAtom == top.DataAtom && attr(c, "class") == class && final(c) >= threshold &&
				!contains(top, c) && !contains(c, top) && !r.underUnlikely(c) {
				keep = append(keep, c)
			}
		}
	}
	// A 问政 page: the letter and the answer, each in its box under its
	// header (留言人：…, 回复单位：…), are one text.
	if c := r.letterPart(top, candidates, final); c != nil {
		keep = append(keep, c)
	}
	root := top.Parent
	if len(keep) > 1 {
		root = commonAncestor(keep)
		if depthBetween(root, top) > 6 {
			return top // too far apart to be one article
		}
	} else if !r.hasProseSibling(top) {
		return top
	}
	r.excluded = r.exclusions(root, keep)
	r.mergedRoot = root
	return root
}

// letterForm is, when top is or holds a 问政 form — the letter in a cell
// labelled 来信内容 and its answer in one labelled 回复内容, a cell each
// — the cells of the form that are its text: the letter, the answers, and
// other rows of prose (办理过程); nil when there is no such form, when
// neither side is sentences (暂无回复 under a one-line question), when the
// form is one of several letters (an FAQ of questions and answers in turn,
// read whole), or when the box has prose of its own outside the form (a
// news story or a 通报 that shows a case as a table).
func (r *reader) letterForm(top *html.Node) []*html.Node {
	scope := top
	for scope.Parent != nil && (scope.DataAtom == atom.Td || scope.DataAtom == atom.Th || scope.DataAtom == atom.Tr ||
		scope.DataAtom == atom.Tbody || scope.DataAtom == atom.Thead || scope.DataAtom == atom.Table) {
		scope = scope.Parent
	}
	if forms, cells := letterFormIn(scope); forms != nil && !r.proseOutside(scope, forms) {
		return cells
	}
	// The form beside the winner: a box of two short rules (写信须知:
	// 1.… 2.…) outscores a letter written in one cell, which has one
	// paragraph where the rules have two. The form is the text when its
	// cells say more than the winner does.
	// Only the page's own letter, though: the form's title row names
	// the page's title (not a guestbook under a notice, nor a letter a
	// story quotes).
	if body := r.body(); !contains(scope, body) {
		if forms, cells := letterFormIn(body); forms != nil && !contains(forms[0], top) && !contains(top, forms[0]) && r.titledForm(forms[0]) {
			said := 0
			for _, c := range cells {
				said += runeCount(textOf(c))
			}
			if said > runeCount(textOf(top)) {
				return cells
			}
		}
	}
	return nil
}

// titledForm says whether a letter form's title row (信件标题 | …) holds
// the page's <title>, or is held in it (a site suffix after it).
func (r *reader) titledForm(form *html.Node) bool {
	page := strings.Join(strings.Fields(r.head.title), "")
	if page == "" {
		return false
	}
	for n := range form.Descendants() {
		if n.DataAtom != atom.Td || !labelled(n) {
			continue
		}
		if !titleLabel.MatchString(strings.Join(strings.Fields(textOf(labelOf(n))), "")) {
			continue
		}
		if v := strings.Join(strings.Fields(textOf(n)), ""); runeCount(v) >= 4 && (strings.Contains(page, v) || strings.Contains(v, page)) {
			return true
		}
	}
	return false
}

// letterFormIn finds the 问政 forms in scope (see letterForm) — a letter
// and its answer in one table, and a follow-up letter in the next — and
// the cells that are their text; nil when there is none, or when a table
// holds several letters (an FAQ of questions and answers in turn, read
// whole).
func letterFormIn(scope *html.Node) (forms, cells []*html.Node) {
	letters := map[*html.Node]*html.Node{} // a form's letter cell
	answered := map[*html.Node]bool{}
	prose := false
	for n := range scope.Descendants() {
		if n.DataAtom != atom.Td {
			continue
		}
		side := letterSideOf(n)
		if side == 0 {
			continue
		}
		t := n.Parent
		for t != nil && t.DataAtom != atom.Table {
			t = t.Parent
		}
		if t == nil {
			continue
		}
		switch side {
		case 1:
			if letters[t] != nil {
				return nil, nil
			}
			letters[t] = n
			forms = append(forms, t)
		case -1:
			answered[t] = true
		}
		prose = prose || letterProse(n)
	}
	if len(forms) == 0 || !answered[forms[0]] || !prose {
		return nil, nil
	}
	for _, f := range forms {
		for n := range f.Descendants() {
			if n.DataAtom == atom.Td && (n == letters[f] || letterSideOf(n) == -1 && !noAnswer.MatchString(strings.TrimSpace(textOf(n))) || labelled(n) && letterProse(n)) {
				cells = append(cells, n)
			}
		}
	}
	return forms, cells
}

// noAnswer is an answer's cell with none in it yet: empty, 暂无回复, 办理中.
var noAnswer = regexp.MustCompile(`^(?:|[-—/无無]|(?:暂无|暫無|尚未|未|待)(?:回复|回覆|答复|答覆|办理|辦理|处理|處理)?|(?:正在)?(?:办理|辦理|处理|處理)中)[。.]?$`)

// proseOutside says whether scope holds a paragraph of prose outside the
// forms.
func (r *reader) proseOutside(scope *html.Node, forms []*html.Node) bool {
	inForm := func(n *html.Node) bool {
		return slices.ContainsFunc(forms, func(f *html.Node) bool { return contains(f, n) })
	}
	for n := range scope.Descendants() {
		if n.Type == html.ElementNode && n.DataAtom != atom.Table && !inForm(n) && r.isProse(n) && letterProse(n) {
			return true
		}
	}
	return false
}

// labelled says whether a form's cell follows its label's (<th>办理过程</th>).
func labelled(cell *html.Node) bool {
	label := labelOf(cell)
	return label != nil && runeCount(strings.TrimSpace(textOf(label))) <= 8
}

// labelOf is the cell before a form's cell, where its label stands; nil
// when there is none.
func labelOf(cell *html.Node) *html.Node {
	prev := cell.PrevSibling
	for prev != nil && prev.Type != html.ElementNode {
		prev = prev.PrevSibling
	}
	if prev == nil || prev.DataAtom != atom.Th && prev.DataAtom != atom.Td {
		return nil
	}
	return prev
}

// letterProse says a form's cell holds a letter or an answer, not a field
// (暂无回复, a date): sentences of some length.
func letterProse(cell *html.Node) bool {
	text := textOf(cell)
	return strings.ContainsAny(text, "。！？") && runeCount(text) >= 20
}

// letterSideOf is which side of a letter the cell before cell names: 1
// the letter (来信内容), -1 the answer (回复内容), 0 neither.
func letterSideOf(cell *html.Node) int {
	prev := labelOf(cell)
	if prev == nil {
		return 0
	}
	switch label := strings.Join(strings.Fields(textOf(prev)), ""); {
	case letterTextLabel.MatchString(label):
		return 1
	case answerTextLabel.MatchString(label):
		return -1
	}
	return 0
}

var (
	letterTextLabel = regexp.MustCompile(`^(?:来信|來信|留言|信件|咨询|諮詢|投诉|投訴|问题|問題|诉求|訴求)(?:内容|內容)[:：]?$`)
	answerTextLabel = regexp.MustCompile(`^(?:回复|回覆|答复|答覆)(?:内容|內容|意见|意見|情况|情況)[:：]?$|^(?:办理|辦理|处理|處理)(?:意见|意見|结果|結果|情况|情況)[:：]?$`)
)

// letterPart is, on a 问政 page, the other of letter and answer: a prose
// candidate near top (their common ancestor at most three levels above
// each) whose ancestor's text names the letter's writer and its answerer.
func (r *reader) letterPart(top *html.Node, candidates []*html.Node, final func(*html.Node) float64) *html.Node {
	for _, c := range candidates {
		if c == top || contains(top, c) || contains(c, top) || final(c) < 10 || r.underUnlikely(c) {
			continue
		}
		a := commonAncestor([]*html.Node{top, c})
		if a == nil || depthBetween(a, top) > 3 || depthBetween(a, c) > 3 {
			continue
		}
		// Each box names one side, the writer or the answerer: not a
		// list's item naming both, nor another box naming neither.
		head := headText(a, 4000)
		if letterWriter.MatchString(head) && letterAnswerer.MatchString(head) && letterSide(a, top) && letterSide(a, c) {
			return c
		}
	}
	return nil
}

// letterSide says whether the branch of a that holds n names one side of
// a letter: its writer or its answerer, not both nor neither.
func letterSide(a, n *html.Node) bool {
	b := n
	for b.Parent != nil && b.Parent != a {
		b = b.Parent
	}
	h := headText(b, 600)
	return letterWriter.MatchString(h) != letterAnswerer.MatchString(h)
}

var (
	letterWriter   = regexp.MustCompile(`(?:留言|来信|來信|提问|咨询|諮詢|投诉|投訴)人\s*[:：]`)
	letterAnswerer = regexp.MustCompile(`(?:回复|回覆|答复|答覆|办理|辦理)(?:单位|單位|部门|部門|机构|機構)\s*[:：]`)
)

// exclusions lists the element children on the way from root down to the
// kept nodes that hold none of them and are neither headings nor prose.
func (r *reader) exclusions(root *html.Node, keep []*html.Node) map[*html.Node]bool {
	onPath := map[*html.Node]bool{}
	for _, k := range keep {
		for a := k; a != nil && a != root; a = a.Parent {
			onPath[a] = true
		}
	}
	excluded := map[*html.Node]bool{}
	var visit func(*html.Node)
	visit = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch {
			case onPath[c]:
				if !slices.Contains(keep, c) {
					visit(c)
				}
			case isHeading(c) || r.isProse(c):
			default:
				excluded[c] = true
			}
		}
	}
	visit(root)
	return excluded
}

// isProse: a paragraph of its own, not a box — long and barely linked, or
// a sentence without links — and not named as a sidebar or comment.
func (r *reader) isProse(n *html.Node) bool {
	st := r.stats[n]
	if st == nil || r.unlikely(n, st) || !(n.DataAtom == atom.P || (isBlock(n) && st.own == st.text)) {
		return false
	}
	ld := st.linkDensity()
	return (st.text >= 80 && ld < 0.25) || (st.text > 0 && ld == 0 && endsSentence(textOf(n)))
}

// paragraphIn is the one <p> a block holds and nothing else (white space
// aside); nil for other nodes.
func paragraphIn(n *html.Node) *html.Node {
	if n.Type != html.ElementNode || n.DataAtom == atom.P || !isBlock(n) {
		return nil
	}
	var p *html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) == "":
		case c.Type == html.ElementNode && c.DataAtom == atom.P && p == nil:
			p = c
		default:
			return nil
		}
	}
	return p
}

// sameWrapper says whether s is a paragraph wrapper of w's kind: the same
// element, class and direction, holding one paragraph.
func sameWrapper(s, w *html.Node) bool {
	return s.Type == html.ElementNode && s.DataAtom == w.DataAtom && attr(s, "class") == attr(w, "class") &&
		attr(s, "dir") == attr(w, "dir") && paragraphIn(s) != nil
}

func (r *reader) hasProseSibling(n *html.Node) bool {
	for s := n.Parent.FirstChild; s != nil; s = s.NextSibling {
		if s != n && s.Type == html.ElementNode && r.isProse(s) {
			return true
		}
	}
	return false
}

// underUnlikely: n or an ancestor is a comment box, a sidebar...
func (r *reader) underUnlikely(n *html.Node) bool {
	for a := n; a != nil && a.Type == html.ElementNode; a = a.Parent {
		if st := r.stats[a]; st != nil && r.unlikely(a, st) {
			return true
		}
	}
	return false
}

func contains(a, b *html.Node) bool {
	for ; b != nil; b = b.Parent {
		if b == a {
			return true
		}
	}
	return false
}

func commonAncestor(nodes []*html.Node) *html.Node {
	root := nodes[0].Parent
	for _, n := range nodes[1:] {
		for !contains(root, n) {
			root = root.Parent
		}
	}
	return root
}

func depthBetween(ancestor, n *html.Node) int {
	d := 0
	for ; n != nil && n != ancestor; n = n.Parent {
		d++
	}
	return d
}

// endsSentence: the text ends as a sentence does, in Chinese or English.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, " ”’\"')）")
	return strings.HasSuffix(s, "。") || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "！") ||
		strings.HasSuffix(s, "？") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?")
}

// unlikely says a subtree is not the article: its element (nav, aside,
// footer) or ARIA role says so, or its class or id names a comment box, a
// sidebar, a footer, a share bar... and nothing in the name says content.
func (r *reader) unlikely(n *html.Node, st *nodeStats) bool {
	switch n.DataAtom {
	case atom.Nav, atom.Aside, atom.Footer:
		return true
	case atom.Body, atom.A, atom.Html:
		return false
	}
	switch attr(n, "role") {
	case "navigation", "complementary", "menu", "menubar", "contentinfo", "banner", "dialog", "alertdialog":
		return true
	}
	if st.name&nameUnlikely != 0 && st.name&nameMaybe == 0 {
		return true
	}
	// A box under a heading such as 相关新闻 or "Related posts" holds other
	// articles, whose prose must not outscore this one's.
	return st.links > 0 && r.boxHeading(n)
}

func onlyElementChild(n *html.Node) bool {
	for c := n.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c != n && (c.Type == html.ElementNode || (c.Type == html.TextNode && strings.TrimSpace(c.Data) != "")) {
			return false
		}
	}
	return true
}

// firstPost handles pages of several posts, each with its own date: a
// forum thread, a blog's archive page. Scoring picks the longest post; the
// article is the first one — a thread's replies are comments, and a blog
// shows its newest post first. If top lies inside one of at least two
// units of the same element and class that each hold prose and a date in
// their head, the same place in the first unit is returned. Units are
// siblings, or, for a class, anywhere in the page: broken markup nests
// each post inside the one before.
func (r *reader) firstPost(top *html.Node) *html.Node {
	body := r.body()
	var path []int // element-child indexes from the unit down to top
	for unit, depth := top, 0; unit != nil && unit.Parent != nil && unit != body && depth < 12; unit, depth = unit.Parent, depth+1 {
		if r.isPost(unit) {
			if first, posts := r.firstUnit(unit); posts >= 2 {
				if first == unit {
					return top
				}
				n := first
				for i := len(path) - 1; i >= 0 && n != nil; i-- {
					n = elementChild(n, path[i])
				}
				if n != nil && r.stats[n] != nil && r.stats[n].nonLink() >= 60 {
					return n
				}
				return r.bestIn(first)
			}
		}
		path = append(path, elementIndex(unit))
	}
	return top
}

// bestIn returns the best-scoring element inside unit, not counting the
// units nested in it (each post inside the one before), else unit.
func (r *reader) bestIn(unit *html.Node) *html.Node {
	best, bestScore := unit, 0.0
	class := attr(unit, "class")
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || (c.DataAtom == unit.DataAtom && attr(c, "class") == class) {
				continue
			}
			if st := r.stats[c]; st.final() > bestScore {
				best, bestScore = c, st.final()
			}
			walk(c)
		}
	}
	walk(unit)
	return best
}

// firstUnit returns the first post of unit's kind and how many there are.
func (r *reader) firstUnit(unit *html.Node) (first *html.Node, posts int) {
	class := attr(unit, "class")
	same := func(n *html.Node) bool {
		return n.Type == html.ElementNode && n.DataAtom == unit.DataAtom && attr(n, "class") == class && r.isPost(n)
	}
	if class == "" {
		for s := unit.Parent.FirstChild; s != nil; s = s.NextSibling {
			if same(s) {
				if first == nil {
					first = s
				}
				posts++
			}
		}
		return first, posts
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom == unit.DataAtom && attr(c, "class") == class && r.isPost(c) {
				if first == nil {
					first = c
				}
				posts++
			}
			walk(c)
		}
	}
	walk(r.body())
	return first, posts
}

// isPost: a unit with some prose (about 20 CJK characters or a sentence)
// and a date in its head, where posts state it ("楼层：第 1 楼 时间：…",
// a blog post's title and time). Table cells are columns side by side,
// never posts in sequence. A box that is mostly links is a list of other
// articles, each with its date (EmpireCMS's 热门排行 box, named "box"
// like the box the article stands in): not a post, whatever its dates.
func (r *reader) isPost(n *html.Node) bool {
	st := r.stats[n]
	if st == nil || st.nonLink() < 60 || st.punct < 2 || n.DataAtom == atom.Td || n.DataAtom == atom.Th || st.linkDensity() > 0.5 {
		return false
	}
	head := headText(n, 450)
	// A disclosure page's 索引号 grid is dated too, and no post: the
	// document under it is the article, not the grid.
	if !hasNumericDate(head) || hasGridField(head) {
		return false
	}
	// Nor is the byline over an article (a layout table's row of
	// 发布时间：… 来源：… 阅读：次 above the row of the text): a post holds
	// more than its byline.
	// (A post of one short question is a post: its text is a sentence.)
	return st.nonLink() >= 360 || strings.ContainsAny(head, "。？！?!，；") || !isBylineLine(strings.TrimSpace(head))
}

// hasYear is a cheap test before numericDate: four digits starting 19 or 20.
func hasYear(s string) bool {
	for i := 0; i+3 < len(s); i++ {
		if (s[i] == '1' && s[i+1] == '9' || s[i] == '2' && s[i+1] == '0') && isDigit(s[i+2]) && isDigit(s[i+3]) {
			return true
		}
	}
	return false
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// startsWithDigit says whether s, leading white space aside, starts with
// an ASCII digit.
func startsWithDigit(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && isDigit(s[0])
}

// headText is the start of n's text, about limit bytes of it (150 CJK
// characters), with block boundaries as spaces.
func headText(n *html.Node, limit int) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && b.Len() < limit; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				b.WriteString(c.Data)
			case c.Type == html.ElementNode:
				walk(c)
				if isBlock(c) || c.DataAtom == atom.Br {
					b.WriteByte(' ')
				}
			}
		}
	}
	walk(n)
	return b.String()
}

func elementIndex(n *html.Node) int {
	i := 0
	for s := n.Parent.FirstChild; s != n; s = s.NextSibling {
		if s.Type == html.ElementNode {
			i++
		}
	}
	return i
}

func elementChild(n *html.Node, i int) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			if i == 0 {
				return c
			}
			i--
		}
	}
	return nil
}
