package extract

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// orgSuffix ends names of organisations, which a credit in parentheses
// may be instead of a person: （新华社）, （人民日报）.
var orgSuffix = regexp.MustCompile(`(社|报|報|网|網|台|臺|部|局|厅|廳|委|会|會|院|站|中心|办|辦|处|處|组|組|署|司|所|馆|館|校|电|電|图|圖|完)$`)

// source is the 来源 of the byline, else the <meta> that names it
// (TRS ContentSource), else the issuing body of a government disclosure
// page (发布机构 in the 索引号 table above the title). Not og:site_name:
// that is the site publishing the page, not where the article came from,
// and the contract wants "" when the page names no source.
func (r *reader) source(head, tail, lines []metaLine, titleAt int) string {
	// A CMS's placeholder for a field left empty (DedeCMS prints
	// 来源:未知 作者:佚名) names no source, as it names no author.
	if v := r.sourceCredit(head, tail, lines, titleAt); !placeholder(v) {
		return v
	}
	return ""
}

// placeholder says whether a field's value is a CMS's word for one left
// empty (来源:未知 作者:佚名), which names no one.
func placeholder(v string) bool {
	switch v {
	case "未知", "佚名", "不详", "不詳", "暂无", "暫無", "無", "无":
		return true
	}
	return false
}

// paperField is a field that is a publication's name alone, or its name
// before its reporter's credit.
var (
	paperField    = regexp.MustCompile(`^` + paperName + `$`)
	paperReporter = regexp.MustCompile(`^` + paperName + `\s*(?:全媒体|全媒體|融媒)?(?:记者|記者)`)
	fieldBreak    = regexp.MustCompile(`\s*[|｜]\s*|\s{2,}`)
)

// fieldSource is the publication named unlabelled in a dated byline's
// fields: the one field that is its name alone, or the field that opens
// with its name before 记者. Several such fields name none.
func fieldSource(zone []metaLine) string {
	for _, l := range zone {
		text := l.spaced()
		if !hasYear(text) || runeCount(text) > 80 || sentence(text) || !fieldBreak.MatchString(text) {
			continue
		}
		var found []string
		for _, f := range fieldBreak.Split(text, -1) {
			if m := paperField.FindStringSubmatch(f); m != nil && !columnNews.MatchString(f) {
				found = append(found, m[1])
			} else if m := paperReporter.FindStringSubmatch(f); m != nil {
				found = append(found, m[1])
			}
		}
		if len(found) == 1 {
			return found[0]
		}
	}
	return ""
}

// sourceElement is the text of an element whose class names the source
// (<span class="source">, class="src", class="media"), when it is a
// publication's name alone and a byline line holds it: not a table's
// data-source note under the text, which is in no byline.
func (r *reader) sourceElement(byline []metaLine) string {
	var found string
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			// The class first, cheaply (this walks every element); the
			// text only of a small element: a name, not a box.
			if class := attr(c, "class"); class != "" && hasSourceWord(class) && sourceClass.MatchString(strings.ToLower(class)) && shortText(c, 160) {
				if t := cleanLine(textOf(c)); paperField.MatchString(t) && !columnNews.MatchString(t) {
					for _, l := range byline {
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

// columnNews is a column's name, not an outlet's: 本地新闻, 图片新闻, 即時新聞.
var columnNews = regexp.MustCompile(`^(?:本地|国内|國內|国际|國際|社会|社會|图片|圖片|视频|視頻|即时|即時|滚动|滾動|时政|時政|财经|財經|体育|體育|娱乐|娛樂|科技|县区|縣區|乡镇|鄉鎮|部门|部門|综合|綜合|热点|熱點|军事|軍事|文化|教育|法治|健康|民生|政务|政務|要闻|要聞|地方|基层|基層)新[闻聞]$`)

// hasSourceWord is sourceClass's cheap test: one of its words, any case.
func hasSourceWord(class string) bool {
	lower := strings.ToLower(class) // no copy for a class in lower case, as most are
	return strings.Contains(lower, "src") || strings.Contains(lower, "source") || strings.Contains(lower, "media") || strings.Contains(lower, "laiyuan")
}

// shortText says whether n's text is at most limit bytes, reading no more
// of it than that.
func shortText(n *html.Node, limit int) bool {
	total := 0
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				if total += len(strings.TrimSpace(c.Data)); total > limit {
					return false
				}
			} else if !walk(c) {
				return false
			}
		}
		return true
	}
	return walk(n)
}

// sourceClass is a class that names a byline's source field.
var sourceClass = regexp.MustCompile(`(?:^|[\s_-])(?:source|src|media|laiyuan)(?:$|[\s_-])`)

// suppliedBy is a unit's credit for a story it supplied, in the closing
// parentheses of county and 人大 news: （市人大常委会办公室　供稿　撰稿：何珺）.
var suppliedBy = regexp.MustCompile(`(?:^|[(（\s])(\p{Han}{1,15}?` + supplierUnit + `)\s*供稿(?:\s|[)）]|$)`)

func (r *reader) sourceCredit(head, tail, lines []metaLine, titleAt int) string {
	if v := labelledValue(head, sourceLabel); v != "" {
		return v
	}
	if v := labelledValue(tail, sourceLabel); v != "" {
		return v
	}
	// A Discuz! portal article's byline names its source 来自: (2024-12-9
	// 08:49 | 发布者: 编辑部 | 查看: 1520 | 原作者: 王建伟 | 来自: 某某日报);
	// elsewhere 来自： is a letter writer's place or a post's device.
	for _, l := range head {
		if m := discuzSource.FindStringSubmatch(l.text); m != nil && discuzByline.MatchString(l.text) && !deviceName.MatchString(m[1]) {
			return m[1]
		}
	}
	// China Daily's English byline names its outlet between bars: By
	// ZHANG YU in Yangzhou | China Daily | Updated: 2024-06-13 09:32.
	for _, l := range head {
		if v := barredOutlet(l.text); v != "" {
			return v
		}
	}
	// 新浪 and 腾讯 name it unlabelled in the page, and in <meta>.
	if v := cleanLine(r.head.metaValue("source", "contentsource", "mediaid", "_sourcename")); v != "" {
		return v
	}
	if v := cleanLine(r.head.scriptSource); v != "" {
		return v
	}
	// A byline of the date and the paper's name, unlabelled (zjol's
	// <span class="time">…</span> <span class="src">浙江日报</span>): the
	// one dated line there. Several are a chronicle's entries (2019年3月12日
	// 成立县融媒体中心), no byline.
	var dated []string
	for _, l := range head {
		if datedSource.MatchString(l.text) {
			dated = append(dated, l.text)
		}
	}
	if len(dated) == 1 {
		if v := datedSourceName(dated[0]); v != "" {
			return v
		}
	}
	// The paper's name unlabelled among the byline's fields: between bars
	// (2024-05-10 08:30 | 信阳日报 | 文/图 本报记者 汪伟), in an element of
	// its own (<span class="news-src">分宜县融媒体中心</span><span
	// class="news-time">2024-02-26 10:35</span>), or before its reporter
	// (汝州市融媒体中心 记者 郭晓东 ｜ 2024-04-26 08:12:33).
	if v := fieldSource(linesBefore(head)); v != "" {
		return v
	}
	if v := r.sourceElement(linesBefore(head)); v != "" {
		return v
	}
	// The disclosure table stands above the title, or under it, a few
	// rows long; the byline zones hold only its nearest rows.
	if titleAt >= 0 {
		if v := labelledValue(lines[max(0, titleAt-12):min(len(lines), titleAt+12)], issuerLabel); v != "" {
			return v
		}
	}
	// Else the unit that supplied the story, credited under it (供稿：耳鼻咽喉科,
	// 市人大常委会办公室 供稿): where it came from, when nothing else says.
	if v := labelledValue(tail, supplierLabel); v != "" {
		return v
	}
	for i := len(tail) - 1; i >= 0; i-- {
		if l := tail[i]; l.where == 0 && isBylineShaped(l.text) {
			if m := suppliedBy.FindStringSubmatch(l.text); m != nil {
				return m[1]
			}
		}
	}
	return ""
}

// barredOutlet is the outlet an English byline names between bars after
// its writer (By ZHANG YU in Yangzhou | China Daily | Updated: …), "" when
// the line is no such byline.
func barredOutlet(text string) string {
	if !englishBarByline.MatchString(text) || runeCount(text) > 160 {
		return ""
	}
	for _, f := range strings.Split(text, "|")[1:] {
		if f = strings.TrimSpace(f); outletName.MatchString(f) {
			return f
		}
	}
	return ""
}

var (
	englishBarByline = regexp.MustCompile(`^(?:By|BY)\s+\p{Lu}[^|]{1,60}\|`)
	// outletName is a medium's name (China Daily, Associated Press,
	// Xinhua), or a site's address (chinadaily.com.cn): not a section's
	// (Opinion, Local), a role's (Staff Writer) or a share button's.
	outletName = regexp.MustCompile(`^(?:\p{Lu}[\p{L}.&'-]*\s+){0,4}(?:Daily|Times|News|Post|Herald|Tribune|Press|Journal|Gazette|Chronicle|Observer|Weekly|Agency|Network|Online|Xinhua|Reuters|Bloomberg|AFP)$|^[a-z0-9.-]+\.(?:com|net|org|cn)(?:\.cn)?$`)
)

// supplied ends a credit that names a story's supplier, not its writer.
var supplied = regexp.MustCompile(`[ 、](?:供稿|来稿|來稿|供图|供圖)$`)

// supplierLabel labels the unit that supplied a story.
var supplierLabel = regexp.MustCompile(`供稿(?:[单單]位)?\s*[:：]\s*`)

var (
	discuzSource = regexp.MustCompile(`(?:来自|來自)\s*[:：]\s*([^\s|｜]{2,20})`)
	discuzByline = regexp.MustCompile(`(?:发布者|發布者|原作者|查看)\s*[:：]`)
	deviceName   = regexp.MustCompile(`(?i)客户端|客戶端|手机|手機|iphone|android|ipad|版$`)
)
