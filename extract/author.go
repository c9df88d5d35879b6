package extract

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// author is the person the article is by: a labelled author or reporter in
// the byline, the poster of a post, the reporter credited in the text,
// a <meta> author that is a name, then an editor (责任编辑).
func (r *reader) author(head, tail, lines []metaLine, titleAt int) string {
	return cleanAuthor(r.authorCredit(head, tail, lines, titleAt))
}

// writerLabel credits the writer of a picture story's words (文字：王丽
// 摄影：蒋克青), in the byline or under the text: in the text's first
// lines 文字： is a rule's (文字：散文、诗歌均可).
var writerLabel = regexp.MustCompile(`文字\s*[:：]\s*`)

// partnerCredit is a credit that stands beside 文字：.
var partnerCredit = regexp.MustCompile(`(?:[摄攝]影|[图圖]片|[图圖]|[编編][辑輯])\s*[:：]`)

// labelledAuthor is the labelled author of a zone. A 通讯员's label after
// a reporter's credit on the same line (记者：黄丽娟 钟磊　通讯员：严文斌,
// the sign-off of county 融媒体 stories) names the correspondent: the
// reporters are the authors. 通讯员 credited alone is the author.
func labelledAuthor(zone, writerZone []metaLine) string {
	v := labelledValue(zone, authorLabel)
	// Inside the content, 文字： credits only beside another credit
	// (文字：韦小兰　图片：黄志强, or the credits one to a line: 文字：李梅 /
	// 图片：赵刚 / 审核：周立), not as a rule's field.
	var writer []metaLine
	for i, l := range writerZone {
		if l.where < 0 || partnerCredit.MatchString(l.text) ||
			writerLabel.MatchString(l.text) && isCredit(l.text) && (i > 0 && isCredit(writerZone[i-1].text) || i+1 < len(writerZone) && isCredit(writerZone[i+1].text)) {
			writer = append(writer, l)
		}
	}
	if w := labelledValue(writer, writerLabel); v == "" && personNames.MatchString(w) {
		v = w
	}
	if v == "" {
		return ""
	}
	for _, l := range zone {
		if reporterThenCorrespondent.MatchString(l.text) {
			if rep := reporterIn([]metaLine{l}); rep != "" {
				return rep
			}
		}
	}
	return v
}

// labelledReporter is a reporter's credit with its colon.
var labelledReporter = regexp.MustCompile(`(?:^|\s)(?:记者|記者)\s*[:：]`)

// reporterThenCorrespondent is a reporter's credit followed by a labelled
// 通讯员 on one line.
var reporterThenCorrespondent = regexp.MustCompile(`(?:记者|記者)\s*[:：]?\s*(?:\p{Han}|·){2,4}(?:[ 、]+(?:\p{Han}|·){2,4})*[\s　、，,]*通[讯訊][员員]\s*[:：]`)

// recordLines are the text's lines that are a list's records: the label
// after the same field on two lines or more (书号：… 作者：曹雪芹 over 书号：…
// 作者：路遥), or opening three lines or more that name three people (a
// page of poems, each with its 作者：). An article's byline names its
// author once, or again in the same words at its end (（作者：王建国，系…）).
// Records are short lines: long ones are not read.
func recordLines(lines []metaLine, label *regexp.Regexp) map[string]bool {
	type hit struct {
		text, field string
		opens       bool
	}
	var hits []hit
	byField := map[string]int{}
	names := map[string]bool{}
	opening := 0
	begun := false // the text has begun: its byline is above
	lastOpening := -2
	for i, l := range lines {
		if l.where != 0 {
			continue
		}
		// (Records follow the text's first sentence; a byline that opens
		// the text, 来源：学习时报 作者：王建国, comes before it.)
		wasBegun := begun
		begun = begun || runeCount(l.text) >= 15 && strings.ContainsAny(l.text, "，。；")
		if !wasBegun || len(l.text) > 300 || !strings.Contains(l.text, ":") && !strings.Contains(l.text, "：") {
			continue // (a record's label has its colon)
		}
		loc := label.FindStringIndex(l.text)
		if loc == nil {
			continue
		}
		h := hit{text: l.text, opens: loc[0] == 0}
		if !h.opens {
			if m := recordFieldBefore.FindStringSubmatch(l.text[:loc[0]]); m != nil {
				h.field = m[1]
				byField[h.field]++
			}
		} else {
			// Records stand apart, each after its item (a poem, a
			// paper); co-authors' lines stand together.
			if i != lastOpening+1 {
				opening++
			}
			lastOpening = i
			if name, _, _ := strings.Cut(strings.TrimSpace(l.text[loc[1]:]), " "); name != "" {
				names[name] = true
			}
		}
		hits = append(hits, h)
	}
	records := map[string]bool{}
	for _, h := range hits {
		if h.field != "" && byField[h.field] >= 2 || h.opens && opening >= 3 && len(names) >= 3 {
			records[h.text] = true
		}
	}
	return records
}

// withoutRecords leaves the text's record lines out of zone.
func withoutRecords(zone []metaLine, records map[string]bool) []metaLine {
	if len(records) == 0 {
		return zone
	}
	return slices.DeleteFunc(slices.Clone(zone), func(l metaLine) bool { return l.where == 0 && records[l.text] })
}

// recordFieldBefore is a field and its value, before a record's label.
var recordFieldBefore = regexp.MustCompile(`^\s*(\p{Han}{2,6})\s*[:：]\s*\S+\s+$`)

// cleanAuthor takes a credit's role words off the names (记者 李明, 本报记者
// 李明) and says nothing for an author unknown (佚名).
func cleanAuthor(v string) string {
	// An editor's staff code after the name: 陈浩_NBJ11279, 刘婷 PN123.
	v = staffCode.ReplaceAllString(strings.TrimSpace(v), "$1")
	// Only a role before names: 记者部 and 记者站 are desks.
	if m := reporterRole.FindStringIndex(v); m != nil {
		if rest := strings.TrimLeft(v[m[1]:], " ：:"); personNames.MatchString(rest) {
			v = rest
		}
	}
	// A medium's reporter, as ministries credit a paper's story (作者：农民日报
	// 记者 刘知宜): the names after the role, when names follow.
	if m := mediumReporter.FindStringSubmatch(v); m != nil && personNames.MatchString(m[1]) && !orgSuffix.MatchString(m[1]) {
		v = m[1]
	}
	// A medium before its writer's name in a sign-off (图/文：汽车之家 陈璐).
	if m := mediumThenName.FindStringSubmatch(v); m != nil && personNames.MatchString(m[1]) && !orgSuffix.MatchString(m[1]) && !nameLikeMedium(v) {
		v = m[1]
	}
	// A grid's next label read as the value (發布單位, 来信内容): no name.
	if placeholder(v) || fieldLabelWord.MatchString(v) {
		return ""
	}
	switch v {
	case "本站", "admin", "管理员": // the site itself, its account
		return ""
	}
	return v
}

// fieldLabelWord is a field's label standing where a name was expected.
var fieldLabelWord = regexp.MustCompile(`^\p{Han}{0,4}(?:单位|單位|内容|內容|日期|时间|時間|机关|機關|机构|機構|来源|來源|类别|類別|标题|標題|编号|編號)$`)

func (r *reader) authorCredit(head, tail, lines []metaLine, titleAt int) string {
	records := recordLines(lines, authorLabel)
	head, tail = withoutRecords(head, records), withoutRecords(tail, records)
	if titleAt >= 0 && jobNotice(lines[titleAt].text) {
		// A job notice's 记者 陈思远 林雨桐 names those it hires.
		hired := func(l metaLine) bool { return l.where == 0 && bareByline.MatchString(l.text) }
		head, lines = slices.DeleteFunc(slices.Clone(head), hired), slices.DeleteFunc(slices.Clone(lines), hired)
		titleAt = -1 // (lines renumbered; the title's place is not read below for a notice)
	}
	if v := labelledAuthor(head, linesBefore(head)); v != "" {
		return v
	}
	if v := reporterIn(head); v != "" {
		return v
	}
	// A name alone in brackets on the byline's line: "2004年7月16日08:19
	// [ 黄宇 ] 来源：[ 人民网 ]" (the source's brackets follow its label).
	// Not the byline's buttons: 【打印】【关闭】 on most county portals.
	// (Not a speaker's role opening a transcript's turn: [主持人] 韩雪：
	// 各位网友，大家好！, a colon and a sentence after it.)
	for _, l := range head {
		if !hasYear(l.text) {
			continue
		}
		for _, m := range bracketName.FindAllStringSubmatchIndex(l.text, -1) {
			before, name, after := strings.TrimSpace(l.text[:m[0]]), l.text[m[2]:m[3]], l.text[m[1]:]
			if turn := strings.IndexAny(after, ":："); turn >= 0 && strings.ContainsAny(after[turn:], "。！？") {
				continue
			}
			if !strings.HasSuffix(before, "：") && !strings.HasSuffix(before, ":") && !orgSuffix.MatchString(name) && !bylineButtons[name] {
				return name
			}
		}
	}
	// A paper's commentator signs its editorials: 本报评论员 alone on its
	// line in the byline (not 评论员文章, the column's name, nor a
	// sentence about one).
	above := linesBefore(head)
	for _, l := range above {
		if commentator.MatchString(l.text) {
			return l.text
		}
	}
	for _, zone := range [][]metaLine{head, tail} {
		for _, l := range zone {
			// Spans run together end the name where they meet (<span>By
			// Chi Jingyi</span><span>Published: …).
			text := l.spaced()
			if sentence(text) {
				continue // …restored in 2023 by Xi'an City Wall Management Committee.
			}
			if m := findPoster(text); m != nil {
				for i := 1; i < len(m)/2; i++ {
					if m[2*i] < 0 {
						continue
					}
					if g := bylineName(text[m[2*i]:m[2*i+1]], text[m[2*i+1]:]); g != "" && !hasDigit(g) {
						return g
					}
				}
			}
		}
	}
	// An English byline run on in one line after its date or source
	// (Updated: 2024-04-16 Source: chinadaily.com.cn By Zhang Zhouxiang).
	for _, l := range linesBefore(head) {
		if text := l.spaced(); len(text) <= 160 && hasYear(text) && !sentence(text) {
			if m := inlineBy.FindStringSubmatchIndex(text); m != nil && bylineField.MatchString(text[:m[0]]) {
				return bylineName(text[m[2]:m[3]], text[m[3]:])
			}
		}
	}
	if v := labelledAuthor(tail, tail); v != "" {
		return v
	}
	if v := barCredit(append(linesBefore(head), tail...), authorLabel); v != "" {
		return v
	}
	if v := reporterIn(contentEdges(lines)); v != "" {
		return v
	}
	// A credits line under the text that labels its reporters (记者：吴迪
	// 刘畅　编辑：程晓　审核：邓军, under a video's 文稿): the reporters,
	// before the editor.
	for _, l := range tail {
		if labelledReporter.MatchString(l.text) {
			if v := reporterIn([]metaLine{l}); v != "" {
				return v
			}
		}
	}
	for i := len(tail) - 1; i >= 0; i-- {
		if tail[i].where != 0 {
			continue
		}
		// （洪蓝街道 供稿） credits the unit that supplied the story, no author.
		if m := creditAtEnd.FindStringSubmatch(tail[i].text); m != nil && !orgSuffix.MatchString(m[1]) && !supplied.MatchString(m[1]) && !(weekday.MatchString(m[1]) && afterDate.MatchString(tail[i].text[:strings.LastIndexAny(tail[i].text, "(（")])) {
			return m[1]
		}
		break
	}
	// An essay's author on the line under its title: 2 to 4 Han
	// characters alone.
	if titleAt >= 0 && titleAt+1 < len(lines) && lines[titleAt+1].where <= 0 {
		if l := lines[titleAt+1]; !l.linked && nameLine.MatchString(l.text) && !orgSuffix.MatchString(l.text) && !notNames[l.text] && !columnTitle(l.text) && !fieldLabel(l.text) && !headerRowCell(l.text) {
			return l.text
		}
	}
	// (The byline under the article too: WordPress themes put it in
	// the entry's footer.)
	if v := r.authorElement(linesBefore(head), tail); v != "" {
		return v
	}
	for _, v := range []string{r.head.ldAuthor, r.head.metaValue("author", "article:author", "dc.creator", "byl")} {
		if v = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(v, "By "), "by ")); looksLikeName(v) && !isOrganisation(v) {
			return v
		}
	}
	if v := signature(lines); v != "" {
		return v
	}
	// A picture story credits only its photographer, under the pictures
	// (（江门日报记者　黄建龙　摄）): the pictures are the story, and the
	// photographer its author before any editor.
	if v := photographer(tail); v != "" && pictureStory(lines) {
		return v
	}
	if v := labelledValue(head, editorLabel); v != "" {
		return v
	}
	if v := labelledValue(tail, editorLabel); v != "" {
		return v
	}
	if v := barCredit(tail, editorLabel); v != "" {
		return v
	}
	// A picture story names only its photographer, in the byline
	// (来源：永州日报　时间：…　摄影：蒋克青): the pictures are the story.
	if v := labelledValue(linesBefore(head), photoLabel); personNames.MatchString(v) && !orgSuffix.MatchString(v) {
		return v
	}
	return ""
}

// barCreditLine is a line of credits written with bars for colons and
// nothing else: 编辑 | 赵璐　审核 | 王刚, 作者 | 张三.
var barCreditLine = regexp.MustCompile(`^(?:\s*(?:` + barLabels + `)\s*[|｜]\s*(?:\p{Han}|·){2,4})+\s*$`)

// barCreditPair is one label and its name in a barCreditLine.
var barCreditPair = regexp.MustCompile(`(` + barLabels + `)\s*[|｜]\s*((?:\p{Han}|·){2,4})`)

const barLabels = `作者|撰稿人?|撰文|[责責]任[编編][辑輯]|[责責][编編]|[编編][辑輯]|校[对對]|[终終初一二三复複][审審](?:[一二三]校)?|[审審][核覈]|[监監]制|主[编編]|[摄攝]影`

// barCredit is the name a label credits in a line of credits written
// with bars (编辑 | 赵璐　审核 | 王刚), the label being one label matches
// with a colon. A bar inside other text (体育 | 张三说) credits no one.
func barCredit(zone []metaLine, label *regexp.Regexp) string {
	for _, l := range zone {
		text := l.spaced()
		if runeCount(text) > 40 || !barCreditLine.MatchString(text) {
			continue
		}
		for _, m := range barCreditPair.FindAllStringSubmatch(text, -1) {
			if label.MatchString(m[1] + "：") {
				return m[2]
			}
		}
	}
	return ""
}

// commentator is a paper's commentator as a byline of its own: 本报评论员,
// 人民日报评论员, 本刊特约评论员.
var commentator = regexp.MustCompile(`^(?:本报|本報|本刊|本台|本网|本網|\p{Han}{2,8}?` + mediumEnding + `)(?:特约|特約)?(?:评论员|評論員)$`)

// photoLabel labels a photographer's credit.
var photoLabel = regexp.MustCompile(`(?:摄影|攝影)\s*[:：]\s*`)

// photoAfter is the rest of a photo's credit after its date (5月9日 摄).
var photoAfter = regexp.MustCompile(`^[^。；;，,]{0,20}[摄攝][)）]?$`)

// reporterIn returns the reporters credited in the zone; a byline may
// credit them over several lines (本报记者 …, 本报实习生 …).
// A photographer's credit (记者 张三 摄, under a picture) names who took
// it, not who wrote the story.
func reporterIn(zone []metaLine) string {
	var names []string
	for _, l := range zone {
		if !strings.Contains(l.text, "记者") && !strings.Contains(l.text, "記者") && !strings.Contains(l.text, "实习生") {
			if len(names) > 0 {
				break
			}
			continue
		}
		text := l.spaced()
		m := reporter.FindStringSubmatch(text)
		if m != nil && m[2] != "" {
			// A date ends the name only in a credit, the name set off
			// from 记者 (记者 张三 3日从…获悉), not in a sentence
			// (据记者了解 2024年…), nor a photo's (记者 张三 5月9日 摄).
			lead := m[0][:strings.Index(m[0], m[1])]
			rest := text[strings.Index(text, m[0])+len(m[0]):]
			if !strings.ContainsAny(lead, " :：|｜") || photoAfter.MatchString(rest) {
				m = nil
			}
		}
		if m == nil {
			m = cnaDateline.FindStringSubmatch(l.text)
		}
		if m != nil && !strings.HasSuffix(strings.TrimSpace(m[0]), "摄") {
			// The names run until another credit: 记者 张三 通讯员 李四,
			// 记者 张三、通讯员 李四. A reporter credited twice (the
			// byline, a photo's 记者 张三 摄) is one; an organisation
			// (市记者协会) is none.
			name := m[1]
			if loc := otherCredit.FindStringIndex(name); loc != nil {
				name = name[:loc[0]]
			}
			if name = strings.TrimSpace(name); name != "" && !orgSuffix.MatchString(name) && !slices.Contains(names, name) && !columnTitle(m[0]) &&
				!processWord.MatchString(name) && !countsPosts(m[0]) {
				names = append(names, name)
			}
		}
	}
	return strings.Join(names, " ")
}

// jobNotice says whether a title is a job notice's or its results' (…公开
// 招聘公告, 拟聘用人员公示, 录用名单), whose lines name posts and people
// where a story's byline would: 记者 陈思远 林雨桐. (A story about a
// 招聘会 is none.)
func jobNotice(title string) bool {
	return jobTitle.MatchString(title) && !jobNews.MatchString(title)
}

// jobNews is a story's headline about a notice (我市发布…招聘公告, 县教育局
// 公布…招聘结果), not the notice's.
var jobNews = regexp.MustCompile(`发布|發布|公布|出炉|出爐|揭晓|揭曉|举行|舉行|举办|舉辦`)

var jobTitle = regexp.MustCompile(`(?:招聘|聘用|录用|錄用|招考|招录|招錄).*(?:公告|公示|名单|名單|简章|簡章|通知|结果|結果)(?:[（(][^（）()]{1,20}[）)])?$`)

// headcount is how many a job notice seeks (记者 若干名 编辑 2名), no name.
var headcount = regexp.MustCompile(`^(?:若干[名人]?|(?:数|多|\d+|[一二三四五六七八九十两]+)[名人])$`)

// postRole is a newsroom's post, as a job notice names it before the
// count it seeks.
var postRole = regexp.MustCompile(`^(?:记者|記者|编辑|編輯|通讯员|通訊員|实习生|實習生|摄影|攝影|摄像|攝像|主持人|播音员|播音員)$`)

// countsPosts says whether a line that reads as a credit counts posts
// instead (记者 若干名 编辑 若干名): a job notice's, in its text.
func countsPosts(s string) bool {
	words := strings.Fields(s)
	for i := 1; i < len(words); i++ {
		if postRole.MatchString(words[i-1]) && headcount.MatchString(words[i]) {
			return true
		}
	}
	return false
}

// processWord is what a reporter does in a text on a newsroom's process
// (一审一校：记者自查), no reporter's name.
var processWord = regexp.MustCompile(`^(?:自查|复核|複核|复查|複查|审核|審核|核实|核實|采访|採訪|撰稿|校对|校對)$`)

// isOrganisation says whether a Chinese <meta> author names a body, not
// a person: 网易, 中国新闻网, 中央社, XX市人民政府, 市发展改革委.
func isOrganisation(s string) bool {
	if !strings.ContainsFunc(s, isCJK) {
		return false
	}
	// Longer than a name, unless it lists several (张三、李四、王五) or
	// is transliterated (爱新觉罗·溥仪).
	return orgName.MatchString(s) || portalNames[s] || portalDesk.MatchString(s) || runeCount(s) > 6 && !strings.ContainsAny(s, " 、，,·")
}

// orgName ends the names of bodies that sign as a <meta> author; unlike
// orgSuffix, not the one-character endings that names share (王宏图, 张会).
// Traditional characters too: 自由時報, 聯合新聞網, 公視新聞網.
var orgName = regexp.MustCompile(`(?:网|網|社|报|報|台|臺|府|委|局|厅|廳|部|院|办|辦|署|中心|集团|集團|公司|协会|協會|学会|學會|委员会|委員會|联合会|聯合會|商会|商會|基金会|基金會|研究所|事务所|事務所)$`)

// portalDesk is a portal's channel signing as an author: 新浪娱乐,
// 网易科技, 腾讯体育频道.
var portalDesk = regexp.MustCompile(`^(?:网易|新浪|搜狐|腾讯|凤凰|網易|騰訊|鳳凰)(?:\p{Han}{0,4}(?:频道|頻道)|娱乐|娛樂|体育|體育|财经|財經|科技|汽车|汽車|时尚|時尚|教育|健康|房产|房產|新闻|新聞|军事|軍事|游戏|遊戲|数码|數碼|女性|旅游|旅遊|文化|读书|讀書)$|(?:频道|頻道)$`)

// portalNames are the portals that sign what they republish.
var portalNames = map[string]bool{"网易": true, "新浪": true, "搜狐": true, "腾讯": true, "凤凰": true, "人民": true, "新华": true, "澎湃": true}

// looksLikeName accepts a <meta> author that names people, not an id
// ("L_104485"), a URL or a list of site names.
func looksLikeName(s string) bool {
	if s == "" || runeCount(s) > 40 || strings.ContainsAny(s, "_/@:.,，|!") {
		return false
	}
	for _, r := range s {
		if unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// authorElement is the name in the element a template names the author's
// name (CGTN's <span class="news-author-name">Gao Yun</span>, with no "By"
// before it) or marks with itemprop="author": a name alone, else nothing.
// byline is the byline's lines above the text, under the lines under it.
func (r *reader) authorElement(byline, under []metaLine) string {
	var found string
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || c.DataAtom == atom.Script || c.DataAtom == atom.Style {
				continue
			}
			if cl := strings.ToLower(attr(c, "class") + " " + attr(c, "id")); strings.Contains(cl, "comment") || strings.Contains(cl, "reply") {
				continue // a commenter's name is not the author's
			}
			if strings.Contains(attr(c, "itemtype"), "Organization") {
				if authorNamed(c) {
					return false // the author is a desk, an organisation: no person's name
				}
				continue // a publisher's logo and name, not the author's
			}
			if authorNamed(c) {
				t := cleanLine(textOf(c))
				if nm := findItemprop(c, "name"); nm != nil {
					t = cleanLine(textOf(nm))
				}
				// (Not the card's buttons and captions: 关注作者, 作者主页.)
				if englishName.MatchString(t) || personNames.MatchString(t) && !orgSuffix.MatchString(t) && !containsAny(t, cardWords) {
					found = t
				}
				return false // the first such element, named or not
			}
			// A byline's field classed for its author (<span
			// class="sh-author">Yang Jian</span>) when it holds a name
			// and nothing else; else what it holds is looked into.
			// So is a link to the author's page (rel="author", HTML's
			// word for it), and only such a link or WordPress's vcard
			// in the lines under the article (a related list's items
			// there name their own authors: <span class="news-author">).
			relAuthor := c.DataAtom == atom.A && slices.Contains(strings.Fields(strings.ToLower(attr(c, "rel"))), "author")
			if authorClassed(c) && datedAround(c) || relAuthor {
				if t := cleanLine(textOf(c)); runeCount(t) <= 40 && cleanAuthor(t) != "" && !paperField.MatchString(t) && (englishName.MatchString(t) && !strings.HasPrefix(t, "By ") ||
					personNames.MatchString(t) && !orgSuffix.MatchString(t) && !containsAny(t, cardWords)) {
					lines := byline
					if (relAuthor || classHas(c, "vcard")) && inBylineBox(c) {
						lines = slices.Concat(byline, under)
					}
					for _, l := range lines {
						// In the article's byline, not a list's
						// items (相关阅读 李四 2024-05-08).
						if strings.Contains(l.text, t) {
							found = t
							return false
						}
					}
				}
			}
			if !walk(c) {
				return false
			}
		}
		return true
	}
	walk(r.body())
	return found
}

// inBylineBox says whether n stands in a box a theme makes for the
// article's byline or author (WordPress's entry-footer, span.byline,
// posted-by, an author-box) within a few levels, not in a list (comments,
// related posts: each item names its own author).
func inBylineBox(n *html.Node) bool {
	for p, depth := n.Parent, 0; p != nil && p.Type == html.ElementNode && depth < 4; p, depth = p.Parent, depth+1 {
		if p.DataAtom == atom.Li || p.DataAtom == atom.Ul || p.DataAtom == atom.Ol {
			return false
		}
		names := strings.ToLower(attr(p, "class") + " " + attr(p, "id"))
		if containsAny(names, []string{"comment", "related", "reply", "review", "rating", "testimonial", "guestbook"}) {
			return false
		}
		if containsAny(names, []string{"entry", "byline", "posted", "author", "post-meta", "article-meta"}) {
			return true
		}
	}
	return false
}

// datedAround says whether n's parent holds a year, or, for WordPress's
// byline (span.byline holding span.author.vcard, the date's span beside
// it), its parent's parent does in a byline's few words.
func datedAround(n *html.Node) bool {
	if n.Parent == nil {
		return false
	}
	if hasYear(textOf(n.Parent)) {
		return true
	}
	up := n.Parent.Parent
	if up == nil || up.DataAtom == atom.Body || !classHas(n, "vcard") && !classHas(n.Parent, "byline") {
		return false
	}
	t := textOf(up)
	return len(t) <= 300 && hasYear(t)
}

// authorClassed says whether one of n's classes is author or ends in
// -author or _author (sh-author, article-author).
func authorClassed(n *html.Node) bool {
	for _, c := range strings.Fields(strings.ToLower(attr(n, "class"))) {
		if c == "author" || strings.HasSuffix(c, "-author") || strings.HasSuffix(c, "_author") {
			return true
		}
	}
	return false
}

var cardWords = []string{"作者", "关注", "主页", "更多", "编辑", "记者", "訂閱", "订阅"}

// englishName is a name in Latin letters: two to four capitalised words.
var englishName = regexp.MustCompile(`^\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){1,3}$`)

// authorNamed says whether an element's class or itemprop names an
// author's name.
func authorNamed(n *html.Node) bool {
	if attr(n, "itemprop") == "author" {
		return true
	}
	class := attr(n, "class")
	if len(class) < 10 {
		return false
	}
	if wechatAuthor(n, class) {
		return true
	}
	class = strings.ToLower(class)
	return strings.Contains(class, "author-name") || strings.Contains(class, "author_name") || strings.Contains(class, "authorname")
}

// wechatAuthor says whether n is the author's field of a WeChat article's
// meta line (<div id="meta_content"><span class="rich_media_meta
// rich_media_meta_text">孙晓婷</span>…): the one of its fields that has no
// id and is not the account's nickname. Without it the 编辑 credited in
// the text would stand for the author.
func wechatAuthor(n *html.Node, class string) bool {
	if n.Parent == nil || attr(n.Parent, "id") != "meta_content" || attr(n, "id") != "" {
		return false
	}
	fields := strings.Fields(class)
	return slices.Contains(fields, "rich_media_meta_text") && !slices.Contains(fields, "rich_media_meta_nickname")
}

func findItemprop(n *html.Node, prop string) *html.Node {
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && attr(d, "itemprop") == prop {
			return d
		}
	}
	return nil
}

// photoCredit is a reporter's credit for the pictures, alone on its line:
// （记者 黄建龙 摄）, 本报记者 张三 摄, 江门日报记者 黄建龙 摄.
var photoCredit = regexp.MustCompile(`^[（(]?\s*(?:\p{Han}{0,10}?` + mediumEnding + `)?(?:本报|本報)?(?:全媒体|融媒)?(?:记者|記者)\s*((?:\p{Han}|·){2,4}(?:[ 、]+(?:\p{Han}|·){2,4})*)\s*[摄攝](?:影)?\s*[)）]?$`)

// pictureStory says whether the content is pictures under a short
// introduction, their captions the rest (组图｜…): one paragraph of prose
// at most. A story told in words that closes with a picture credits its
// photographer for the picture only; its author is its writer, or, with no
// writer named, its editor.
func pictureStory(lines []metaLine) bool {
	prose := 0
	for _, l := range lines {
		if l.where == 0 && !l.skipped && runeCount(l.text) >= 40 {
			if prose++; prose > 1 {
				return false
			}
		}
	}
	return true
}

// photographer is the reporter credited for the pictures in the last lines
// of the content, when a line says so and nothing else.
func photographer(tail []metaLine) string {
	for i := len(tail) - 1; i >= 0; i-- {
		if tail[i].where != 0 {
			continue
		}
		if m := photoCredit.FindStringSubmatch(tail[i].text); m != nil {
			return m[1]
		}
	}
	return ""
}

// signatureLine is a commentary's signature at the top of its text, the
// name after a square and often spaced out: □ 苏 楠, ■ 王小明.
var signatureLine = regexp.MustCompile(`^[□■◎]\s*((?:\p{Han}\s?){1,3}\p{Han})$`)

// signatureWord ends the label of a box a story opens with, which a
// square marks as it marks a signature: ■ 编者按, ■ 核心提示, ◎ 开栏的话.
var signatureWord = regexp.MustCompile(`(?:按|提示|链接|鏈接|手记|手記|的话|的話|导读|導讀|速览|速覽|背景|观点|觀點|声音|聲音|现场|現場|点评|點評|述评|述評|短评|短評|简介|簡介|阅读|閱讀|要点|要點|回顾|回顧|综述|綜述|快讯|快訊)$`)

// squareFirst says whether a line opens with a signature's square.
func squareFirst(s string) bool {
	return strings.HasPrefix(s, "□") || strings.HasPrefix(s, "■") || strings.HasPrefix(s, "◎")
}

// signature is the name a commentary signs its text with, in its first
// lines.
func signature(lines []metaLine) string {
	squares := 0
	for _, l := range lines {
		if l.where == 0 && squareFirst(l.text) {
			squares++
		}
	}
	if squares != 1 {
		return ""
	}
	seen := 0
	for _, l := range lines {
		if l.where != 0 {
			continue
		}
		if m := signatureLine.FindStringSubmatch(l.text); m != nil && !signatureWord.MatchString(l.text) {
			return strings.ReplaceAll(m[1], " ", "")
		}
		if seen++; seen == 2 {
			break
		}
	}
	return ""
}

// weekday is a day of the week in brackets after a date (2024年5月17日（星期五）),
// no name.
var weekday = regexp.MustCompile(`^(?:星期|禮拜|礼拜|周|週)[一二三四五六日天]$`)

// afterDate is a date the bracket follows (2024年5月17日, 2024-05-17): a
// weekday alone in brackets may be a name (（周天）).
var afterDate = regexp.MustCompile(`(?:\d\s*[日号號]|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})\s*$`)

// classHas says whether one of n's classes is name.
func classHas(n *html.Node, name string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if strings.EqualFold(c, name) {
			return true
		}
	}
	return false
}
