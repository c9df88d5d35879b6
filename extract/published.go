package extract

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// The publish date: candidates from the byline, <meta> and JSON-LD, the
// URL, ranked; the best one, with the time and offset of others that
// agree with it.

// Date ranks, best first.
const (
	rankLabelled     = iota + 1 // 发布时间：… near the title
	rankMetaTime                // a <meta> or JSON-LD date with its time
	rankByline                  // a date alone in a short line near the title
	rankMetaDay                 // a <meta> date without time
	rankOtherLabel              // 成文日期, 更新时间 …: a date of the page, not its publication
	rankTailLabelled            // 发布时间 … under the article or post
	rankTail                    // a date alone in a short line under it
	rankURL                     // the date in the URL's path
	rankMonth                   // a month without its day (2003年5月): its first day
)

// dateLabel matches the labels of a publish date: 发布时间：, 日期：,
// 发表于, "Published", Japanese 更新日：/掲載日：, Korean 등록일. The colon may be missing when the date follows.
var dateLabel = regexp.MustCompile(`(?:发布|發布|發佈|发表|發表|更新|修改|上传|上傳|录入|錄入|成文|印发|撰写|创建)?(?:日期|时间|時間)\s*(?:[:：]|\s+\d)|` +
	// A grid of spans with no colon nor space (<span>发布日期</span><span>2024年…):
	// the label run into its date.
	`(?:发布|發布|發佈|成文|印发)(?:日期|时间|時間)(?:19|20)\d\d|[发發][表布]于|[发發][表布]於|更新[于於]|[Pp]ublished|[Pp]osted|[Uu]pdated|(?:更新|掲載|公開|登録|作成)日|등록일|작성일|게시일`)

// otherDateLabel matches the labels of the dates a page states besides
// its publication: when the document was written (成文), printed (印发),
// made (生成, 创建), entered (录入, 上传), changed (更新, 修改).
// (Japanese portals' 更新日 is the page's one date, as good as a
// publication's.)
var otherDateLabel = regexp.MustCompile(`^(?:更新(?:时间|時間|日期|于|於)|修改|成文|印发|生成|创建|录入|錄入|上传|上傳|撰写|[Uu]pdated)`)

// timeLine is a line that is only a time: 17:30, 香港時間17時30分,
// 北京时间 08:30.
// info.gov.hk's English releases write "Issued at HKT 16:45", news.gov.hk's
// "HK Time 18:30".
var timeLine = regexp.MustCompile(`^` + clockZone + `?\s*(\d{1,2})\s*[:：时時]\s*(\d{2})\s*分?$`)

// publicationClock is the label of a publication's time (發佈時間),
// not another event's (直播时间：19:30, a meeting's 时间 cell).
var publicationClock = regexp.MustCompile(`^(?:发布|發布|發佈|发表|發表)(?:时间|時間)`)

// clockFirst is a clock opening a label's value (發佈時間：14:32　來源：…).
var clockFirst = regexp.MustCompile(`^\s*([01]?\d|2[0-3])\s*[:：]\s*([0-5]\d)(?:\s*[:：]\s*[0-5]\d)?(?:\s|$)`)

// zonedTime is a time line that names its zone (香港時間, HK Time): not
// a video's length or a clock.
var zonedTime = regexp.MustCompile(`^` + clockZone)

// clockZone is the zone a time line names before its time.
const clockZone = `(?:香港時間|香港时间|北京時間|北京时间|台北時間|(?:[Ii]ssued at\s+)?HKT|HK [Tt]ime|[Ii]ssued at)`

// shortYear is a date with a two-digit year right after its label, as
// 百家号 writes it (发布时间: 24-04-10 10:23). Only there: alone, 24-04-10
// could be anything.
var shortYear = regexp.MustCompile(`^\s*[:：]?\s*(\d{2})-(\d{1,2})-(\d{1,2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?(?:[^\d:-]|$)`)

// shortYearDate reads shortYear at the start of s (what follows a date's
// label); 00–69 are 2000–2069, 70–99 the 1900s (which fromParts refuses
// before 1990).
func shortYearDate(s string, loc *time.Location) (parsedDate, bool) {
	m := shortYear.FindStringSubmatch(s)
	if m == nil {
		return parsedDate{}, false
	}
	y, _ := strconv.Atoi(m[1])
	if y < 70 {
		y += 2000
	} else {
		y += 1900
	}
	d := fromParts(strconv.Itoa(y), m[2], m[3], m[4], m[5], m[6], "", 0, loc)
	return d, !d.t.IsZero()
}

// dayFirst says whether the site writes dates day first: Hong Kong's
// and Macau's.
func (r *reader) dayFirst() bool {
	if r.base == nil {
		return false
	}
	host := strings.ToLower(r.base.Hostname())
	return strings.HasSuffix(host, ".hk") || strings.HasSuffix(host, ".mo")
}

// atClock gives a date without time the hour and minute of a time line.
func atClock(d parsedDate, hour, minute string, loc *time.Location) parsedDate {
	h, _ := strconv.Atoi(hour)
	m, _ := strconv.Atoi(minute)
	if h > 23 || m > 59 {
		return d
	}
	y, mo, day := d.t.Date()
	d.t, d.hasTime = time.Date(y, mo, day, h, m, 0, 0, loc), true
	return d
}

// labelRank is the rank of a date under the label the line has at at:
// the publication's, or a lesser one.
func labelRank(line string, at, publication int) int {
	if otherDateLabel.MatchString(line[at:]) {
		if publication == rankLabelled {
			return rankOtherLabel
		}
		return rankTail
	}
	return publication
}

// dayYearMonth is 新华网's byline time, its parts in spans of their own
// (<span class="day">08</span><span class="year"><em>2024</em>/<em>05</em></span>
// <span class="time">10:26:31</span>): day, year, month, clock.
var dayYearMonth = regexp.MustCompile(`^\s*(\d{2})\s*((?:19|20)\d{2})\s*[/.-]?\s*(\d{2})\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$`)

// yearMonthDay is the same spans year first: <span class="year">2024</span>
// <span class="day">06/12</span> 09:45:12.
var yearMonthDay = regexp.MustCompile(`^\s*((?:19|20)\d{2})\s+(\d{2})\s*/\s*(\d{2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$`)

// spanClock reads a line of such spans as the instant it states, and says
// whether it was written year first.
func spanClock(s string, loc *time.Location) (t time.Time, yearFirst, ok bool) {
	var n [6]int // day, year, month, hour, minute, second
	if m := dayYearMonth.FindStringSubmatch(s); m != nil {
		for k := range n {
			n[k], _ = strconv.Atoi(m[k+1])
		}
	} else if m := yearMonthDay.FindStringSubmatch(s); m != nil {
		for k, at := range [6]int{3, 1, 2, 4, 5, 6} {
			n[k], _ = strconv.Atoi(m[at])
		}
		yearFirst = true
	} else {
		return time.Time{}, false, false
	}
	t = time.Date(n[1], time.Month(n[2]), n[0], n[3], n[4], n[5], 0, loc)
	return t, yearFirst, t.Day() == n[0] && int(t.Month()) == n[2] && t.Hour() == n[3]
}

// eventLabelCell is an event's date label standing alone.
var eventLabelCell = regexp.MustCompile(`^(?:活动|活動|举办|舉辦|报名|報名|截止|开放|開放|展览|展覽|演出|比赛|比賽|会议|會議|培训|培訓|考试|考試|开展|開展|实施|實施|受理|办理|辦理)(?:时间|時間|日期)\s*[:：]?$`)

// dateLabelCell is a date's label standing alone.
var dateLabelCell = regexp.MustCompile(`^(?:发布|發布|發佈|发表|發表|更新|成文|印发|印發|公开|公開|公告|生成|上[传傳]|刊登|撰稿)?(?:日期|时间|時間)\s*[:：]?$|^(?:更新|掲載|公開|登録|作成)日\s*[:：]?$|^(?:등록일|작성일|게시일)\s*[:：]?$|^(?i:(?:date\s+)?(?:published|posted)|date)\s*:?$`)

// findDateLabel is dateLabel.FindStringIndex for lines that hold one of
// its words.
func findDateLabel(s string) []int {
	if !containsAny(s, dateLabelWords) {
		return nil
	}
	for from := 0; from < len(s); {
		loc := dateLabel.FindStringIndex(s[from:])
		if loc == nil {
			return nil
		}
		loc[0], loc[1] = loc[0]+from, loc[1]+from
		for loc[1] > loc[0] && s[loc[1]-1] >= '0' && s[loc[1]-1] <= '9' {
			loc[1]-- // the date's digits are the date's, not the label's
		}
		// An event's 时间：/日期： (举办时间：, 报名时间：) is not the page's.
		if !eventTime(s, loc[0], loc[1]) {
			return loc
		}
		from = loc[1]
	}
	return nil
}

var dateLabelWords = []string{"日期", "时间", "時間", "发表", "發表", "发布", "發布", "發佈", "更新", "ublished", "osted", "pdated", "掲載", "公開", "登録", "作成", "등록일", "작성일", "게시일"}

// datedItemAt says whether zone[i] is an item of a list of other
// articles: a headline's link and a date.
func datedItemAt(zone []metaLine, i int) bool {
	return i >= 0 && i < len(zone) && zone[i].titleLink() && (hasNumericDate(zone[i].text) || englishDate.MatchString(zone[i].text))
}

type dateCandidate struct {
	d    parsedDate
	rank int
}

// publishDate returns the publish date and its rank. A date without a
// time takes the time of a same-day candidate that has one (a <meta> with
// the day only and a byline with the minute); a byline's time without an
// offset takes the one that makes it the instant a <meta> states.
func (r *reader) publishDate(head, grid, tail []metaLine, loc *time.Location, roc bool) (parsedDate, int) {
	var cands []dateCandidate
	var ambiguous [][]parsedDate // day or month first: the <meta> date decides
	var ambiguousRank []int
	add := func(d parsedDate, ok bool, rank int) {
		if ok && !d.t.IsZero() {
			cands = append(cands, dateCandidate{d, rank})
		}
	}
	// found reads the date of one line, in the formats of findDate, else
	// day or month first.
	found := func(s string, rank int) bool {
		if d, ok := findDate(s, loc, roc); ok {
			add(d, true, rank)
			return true
		}
		switch ds := slashDates(s, loc); len(ds) {
		case 1:
			add(ds[0], true, rank)
			return true
		case 2:
			// Hong Kong and Macau write the day first (11/04/2024 is
			// 11 April), as the British and the Portuguese taught them.
			if r.dayFirst() {
				add(ds[0], true, rank)
				return true
			}
			ambiguous = append(ambiguous, ds)
			ambiguousRank = append(ambiguousRank, rank)
			return true
		}
		return false
	}
	// readLine reads the dates of zone[i], and says whether it had one.
	readLine := func(zone []metaLine, i, labelled, bare int) bool {
		l := zone[i]
		// A label alone in its table cell, the date in the next
		// (<th>등록일</th><td>2024-02-20</td>, <td>发布日期</td><td>…).
		if i+1 < len(zone) && len(l.text) <= 48 && dateLabelCell.MatchString(l.text) && hasDigit(zone[i+1].text) && isBylineShaped(zone[i+1].text) {
			if !found(zone[i+1].text, labelRank(l.text, 0, labelled)) {
				// 發佈時間 in a cell of its own after 發佈日期's: the
				// time of the date just read.
				if m := timeLine.FindStringSubmatch(zone[i+1].text); m != nil && len(cands) > 0 && !cands[len(cands)-1].d.hasTime && publicationClock.MatchString(l.text) {
					cands[len(cands)-1].d = atClock(cands[len(cands)-1].d, m[1], m[2], loc)
				}
			}
			return false // the date stands on the next line
		}
		if !hasDigit(l.text) {
			return false
		}
		// An event's date in the cell after its label (<dt>活动时间</dt>
		// <dd>2024年6月15日—16日</dd>) is no byline's.
		if i > 0 && eventLabelCell.MatchString(zone[i-1].text) {
			return false
		}
		// (Above the text or at its top only: under it, a list of other
		// stories dates its items so too: 08 2024-05 16:40.)
		// (The year-first form only above the text: inside it, such a
		// line is a match's kick-off, 2024 06/15 19:30.)
		if bare == rankByline && l.where <= 0 && !l.links {
			if t, yearFirst, ok := spanClock(l.spaced(), loc); ok && (!yearFirst || l.where < 0) {
				// (The year-first form yields to any byline's date: a
				// scoreboard's kick-off may stand over the byline.)
				rank := bare
				if yearFirst {
					rank = rankTail
				}
				add(parsedDate{t: t, hasTime: true}, true, rank)
				return true
			}
		}
		// Every labelled date of the line: 更新时间 may come before
		// 发布时间.
		dated := false
		for from := 0; from < len(l.text); {
			m := findDateLabel(l.text[from:])
			if m == nil {
				break
			}
			at, end := from+m[0], len(l.text)
			// The label's own date: up to the next label (发布时间：
			// left empty before 更新时间：2024-03-07 has none).
			if next := findDateLabel(l.text[from+m[1]:]); next != nil {
				end = from + m[1] + next[0]
			}
			if found(l.text[at:end], labelRank(l.text, at, labelled)) {
				dated = true
			} else if d, ok := shortYearDate(l.text[from+m[1]:end], loc); ok {
				add(d, true, labelRank(l.text, at, labelled))
				dated = true
			} else if c := clockFirst.FindStringSubmatch(l.text[from+m[1] : end]); c != nil && dated && !cands[len(cands)-1].d.hasTime && publicationClock.MatchString(l.text[from+m[0]:]) {
				// 發佈日期：2024-10-15　發佈時間：14:32: the date's time
				// under a label of its own.
				cands[len(cands)-1].d = atClock(cands[len(cands)-1].d, c[1], c[2], loc)
			}
			from += m[1]
		}
		if dated {
			return true
		}
		// Under the article, a linked title with its date is an item of
		// a list of other articles (24小时热榜, 相关新闻, a sidebar's 推荐
		// that a short story's byline zone reaches), not a byline.
		// So are such items one after another above it (a sidebar's
		// 最新更新 before the article in the page's order).
		if l.links && !bylineLabel.MatchString(l.text) && (l.where > 0 || datedItemAt(zone, i) && (datedItemAt(zone, i-1) || datedItemAt(zone, i+1))) {
			return false
		}
		if isBylineShaped(l.text) && !isClock(l.text) {
			return found(l.text, bare)
		}
		return false
	}
	scan := func(zone []metaLine, labelled, bare int) {
		datedLine := -1 // the line the last date of this zone came from
		for i, l := range zone {
			if n := len(cands); datedLine == i-1 && datedLine >= 0 && !cands[n-1].d.hasTime {
				// The time on a line of its own right under its date
				// (2024年3月5日（星期二） / 香港時間17時30分).
				if m := timeLine.FindStringSubmatch(l.text); m != nil && !l.linked {
					cands[n-1].d = atClock(cands[n-1].d, m[1], m[2], loc)
					continue
				}
			}
			if n := len(cands); readLine(zone, i, labelled, bare) && len(cands) > n {
				datedLine = i
			}
		}
	}
	scan(head, rankLabelled, rankByline)
	scan(grid, rankLabelled, rankTail) // the 索引号 grid's 发布日期 (生成日期), not its dates alone
	var meta *parsedDate
	for i, v := range []string{r.head.metaValue(metaDateKeys...), r.head.ldDate, r.head.timeAttr, r.head.scriptDate} {
		if v == "" {
			continue
		}
		if d, ok := parseMetaDate(v, loc); ok {
			if i == 3 && d.zoned {
				d.t = d.t.In(loc) // an instant (Unix seconds) shown in the site's time zone
			}
			rank := rankMetaDay
			if d.hasTime {
				rank = rankMetaTime
			}
			add(d, true, rank)
			meta = &d
			break
		}
	}
	scan(tail, rankTailLabelled, rankTail)
	if d, ok := urlDate(r.page, loc); ok {
		add(d, true, rankURL)
	}
	for i, ds := range ambiguous {
		for _, d := range ds {
			if meta != nil && sameDay(d.t, meta.t, 1) {
				add(d, true, ambiguousRank[i])
				break
			}
		}
	}
	for _, zone := range [][]metaLine{head, tail} {
		for _, l := range zone {
			if isBylineShaped(l.text) && !isClock(l.text) && strings.Contains(l.text, "月") {
				d, ok := findMonth(l.text, loc)
				add(d, ok, rankMonth)
			}
		}
	}
	if len(cands) == 0 {
		return parsedDate{}, 0
	}
	best := cands[0]
	for _, c := range cands[1:] {
		if c.rank < best.rank {
			best = c
		}
	}
	// A bare date under the text that the URL's date contradicts by days
	// is some other item's (a list after the article): the URL's wins.
	if best.rank == rankTail {
		for _, c := range cands {
			if c.rank == rankURL && !sameDay(c.d.t, best.d.t, 3) {
				best = c
				break
			}
		}
	}
	// news.gov.hk prints the date above the story and its time in an
	// element of its own under it (2024年4月17日（星期三） … 香港時間18時30分):
	// a line that is only a time, the first after the content.
	if !best.d.hasTime && best.rank <= rankByline {
		for _, l := range tail {
			if l.where <= 0 {
				continue
			}
			if m := timeLine.FindStringSubmatch(l.text); m != nil && !l.linked && zonedTime.MatchString(l.text) {
				best.d = atClock(best.d, m[1], m[2], loc)
			}
			break
		}
	}
	if !best.d.hasTime {
		for _, c := range cands {
			if c.d.hasTime && sameDay(c.d.t, best.d.t, 0) && c.rank < rankURL {
				best.d = c.d
				break
			}
		}
	}
	if best.d.hasTime && !best.d.zoned && meta != nil && meta.zoned && meta.hasTime {
		best.d = localOffset(best.d, meta.t)
	}
	if best.d.zoned {
		best.d.t = r.localInstant(best.d.t, loc)
	}
	return best.d, best.rank
}

// localInstant: an instant stated in UTC that the page states elsewhere
// with its local offset takes that offset. WordPress's SEO plugins write
// article:published_time and JSON-LD in UTC (2024-03-15T13:00:00+00:00)
// while the theme's <time datetime> says 2024-03-15T08:00:00-05:00.
func (r *reader) localInstant(t time.Time, loc *time.Location) time.Time {
	if _, off := t.Zone(); off != 0 {
		return t
	}
	for _, v := range []string{r.head.metaValue(metaDateKeys...), r.head.ldDate, r.head.timeAttr} {
		if d, ok := parseMetaDate(v, loc); ok && d.zoned && d.t.Equal(t) {
			if _, off := d.t.Zone(); off != 0 {
				return d.t
			}
		}
	}
	return t
}

// localOffset gives a wall-clock time read without an offset the offset
// that makes it the instant the page states in <meta>, when the two differ
// by a whole offset (a French page showing 13:48 for 12:48:06+00:00 is at
// +01:00); else it keeps the time zone it was read in.
func localOffset(d parsedDate, instant time.Time) parsedDate {
	wall := time.Date(d.t.Year(), d.t.Month(), d.t.Day(), d.t.Hour(), d.t.Minute(), d.t.Second(), 0, time.UTC)
	instant = instant.Truncate(time.Minute)
	if d.t.Second() == 0 {
		wall = wall.Truncate(time.Minute)
	}
	off := wall.Sub(instant.UTC())
	if off%(15*time.Minute) != 0 || off > 14*time.Hour || off < -14*time.Hour {
		return d
	}
	d.t = time.Date(wall.Year(), wall.Month(), wall.Day(), wall.Hour(), wall.Minute(), wall.Second(), 0, time.FixedZone("", int(off/time.Second)))
	d.zoned = true
	return d
}

// sameDay says whether two times fall on calendar days at most slack days
// apart.
func sameDay(a, b time.Time, slack int) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	da := time.Date(ay, am, ad, 0, 0, 0, 0, time.UTC)
	db := time.Date(by, bm, bd, 0, 0, 0, 0, time.UTC)
	diff := da.Sub(db)
	return diff <= time.Duration(slack)*24*time.Hour && diff >= -time.Duration(slack)*24*time.Hour
}

// metaDateKeys are <meta> names and properties that hold a publish date,
// the most specific first.
var metaDateKeys = []string{
	"article:published_time", "og:published_time", "pubdate", "publishdate", "publish_date",
	"publishtime", "pubtime", "publish-date", "firstpublishedtime", "datepublished", "dc.date.issued",
	"dcterms.created", "dc.date", "date", "sailthru.date", "parsely-pub-date", "weibo:article:create_at",
}

// isBylineShaped says whether a line with a date in it can be a byline
// rather than a sentence that mentions a date: short, and without the
// marks that end or divide Chinese sentences.
func isBylineShaped(s string) bool {
	return runeCount(s) <= 80 && !strings.ContainsAny(s, "，。；！？")
}

// isClock: the date of today that portals print in their header
// ("今天是2026年11月26日 星期四").
func isClock(s string) bool {
	return strings.Contains(s, "今天是") || strings.Contains(s, "今日是") || strings.Contains(s, "当前时间") || strings.Contains(s, "现在时间")
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	// 二〇二〇年 has no ASCII digit.
	return strings.Contains(s, "年")
}

// urlDatePattern matches the date many CMSs put in article paths:
// /2020/0222/, /2020-02/22/, t20200222_123.html, /20200222/.
var urlDatePattern = regexp.MustCompile(`(?:^|[/_t-])((?:19|20)\d{2})[-/_]?(0[1-9]|1[0-2])[-/_]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)` +
	// Hanweb's /art/2024/6/13/art_1229_123.html: folders unpadded. (Only
	// under /art/: a calendar's /calendar/2024/6/13/ or an event's
	// /events/2024/7/20/ dates no publication.)
	`|/art/((?:19|20)\d{2})/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])/`)

// urlDate reads the date of u's path, as the site's wall-clock day.
func urlDate(u *url.URL, loc *time.Location) (parsedDate, bool) {
	m := urlDatePattern.FindStringSubmatch(u.Path)
	if m == nil {
		return parsedDate{}, false
	}
	if m[1] == "" {
		m = m[3:] // the unpadded folders' groups
	}
	d := fromParts(m[1], m[2], m[3], "", "", "", "", 0, loc)
	return d, !d.t.IsZero()
}
