package extract

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Dates as Chinese portals write them, with the time when it is there:
// 2020/2/22 13:22:11, 2020-02-20, 2020年2月20日, 2020年02月20日 10:30,
// 2020.02.20, 二〇二〇年二月二十日, and ROC years on Taiwan sites
// (民國109年2月20日, 109-02-20).
var (
	numericDate = regexp.MustCompile(`(?:^|[^\d])((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号號]?` +
		`(?:\s*(?:T|\s|日|,)?\s*(?:[(（]?\s*(?:星期|周|週|礼拜|禮拜)[一二三四五六日天]\s*[)）]?\s*)?(上午|下午|晚上|凌晨|中午)?\s*(\d{1,2})\s*[:：时時]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2})(?:\.\d+)?)?\s*秒?(?:\s*([AaPp])\.?[Mm]\b\.?)?)?` +
		`\s*(Z|[+-]\d{2}:?\d{2}|` + namedZone + `)?`)
	// dateAfterYear is what follows a year in numericDate, its optional
	// time and zone left out.
	dateAfterYear = regexp.MustCompile(`^\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}`)
	rocDate       = regexp.MustCompile(`(?:民國|民国)\s*(\d{2,3})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日` + rocTime)
	// Bare ROC years: 113-03-15, 113/3/15, 113年03月15日.
	rocNumericDate = regexp.MustCompile(`(?:^|[^\d])(1[0-4]\d|[89]\d)(?:[-/.](\d{1,2})[-/.](\d{1,2})(?:[^\d]|$)|\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日)` + rocTime)
	// rocTime is the time after an ROC date: 14:30, 下午 02:30:05, 14時30分.
	rocTime = `(?:\s*(上午|下午|晚上|凌晨|中午)?\s*(\d{1,2})\s*[:：时時]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?)?`
	hanDate = regexp.MustCompile(`([〇零一二三四五六七八九○Ｏ]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日`)
	// Japanese era years (令和6年3月15日, 平成31年4月30日, 令和元年5月1日),
	// as Japanese government pages date their notices.
	eraDate = regexp.MustCompile(`(令和|平成)\s*(元|\d{1,2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日` + rocTime)
	// English dates of news sites: "March 5, 2019", "5 March 2019",
	// CGTN's "10-Apr-2024", with the time after them when it is there
	// (Global Times' "Apr 10, 2024 09:12 PM"); a time has its colon.
	englishDate = regexp.MustCompile(`(?i)\b(?:(\d{1,2})(?:\s+|-))?(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?:\s+|-)(?:(\d{1,2}),?\s+)?((?:19|20)\d{2})\b` +
		`(?:,?\s*(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([ap])\.?m\b\.?)?(?:\s*(` + namedZone + `))?)?`)
)

// zonedClockBefore is a clock and its named zone right before a date:
// "17:44 UTC+8, ".
var zonedClockBefore = regexp.MustCompile(`(?:^|[^\d:])(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(` + namedZone + `)\s*,?\s*$`)

// namedZone is an offset stated by name after a time: UTC, GMT, and
// those with hours after them (UTC+8, GMT+08:00). A time stated in UTC is
// UTC whatever the site's zone.
const namedZone = `(?:UTC|GMT)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?\b`

// parsedDate is a date found in text; hasTime says whether it had a time,
// zoned whether it stated its offset.
type parsedDate struct {
	t       time.Time
	hasTime bool
	zoned   bool
}

// findDate returns the first date in s. roc allows bare three-digit ROC
// years (109-02-20), which only Taiwanese pages use.
func findDate(s string, loc *time.Location, roc bool) (parsedDate, bool) {
	type found struct {
		at int
		d  parsedDate
	}
	var best *found
	s = halfWidthDigits(s)
	consider := func(at int, d parsedDate) {
		if !d.t.IsZero() && (best == nil || at < best.at) {
			best = &found{at, d}
		}
	}
	if m := numericDate.FindStringSubmatchIndex(s); m != nil {
		h, mi, sec, zone := twelveHour(sub(s, m, 5), sub(s, m, 4)+sub(s, m, 8)), sub(s, m, 6), sub(s, m, 7), sub(s, m, 9)
		// A clock with its zone before the date (SHINE's 17:44 UTC+8,
		// 2024-05-20) is the date's; a clock without a zone there may
		// end another field.
		if h == "" {
			if c := zonedClockBefore.FindStringSubmatch(s[:m[2]]); c != nil {
				h, mi, sec, zone = c[1], c[2], c[3], c[4]
			}
		}
		consider(m[2], fromParts(sub(s, m, 1), sub(s, m, 2), sub(s, m, 3), h, mi, sec, zone, 0, loc))
	}
	if m := rocDate.FindStringSubmatchIndex(s); m != nil {
		h := twelveHour(sub(s, m, 5), sub(s, m, 4))
		consider(m[0], fromParts(sub(s, m, 1), sub(s, m, 2), sub(s, m, 3), h, sub(s, m, 6), sub(s, m, 7), "", 1911, loc))
	}
	if roc {
		if m := rocNumericDate.FindStringSubmatchIndex(s); m != nil {
			mo, d := sub(s, m, 2), sub(s, m, 3)
			if mo == "" {
				mo, d = sub(s, m, 4), sub(s, m, 5)
			}
			h := twelveHour(sub(s, m, 7), sub(s, m, 6))
			consider(m[2], fromParts(sub(s, m, 1), mo, d, h, sub(s, m, 8), sub(s, m, 9), "", 1911, loc))
		}
	}
	if m := eraDate.FindStringSubmatchIndex(s); m != nil {
		y := sub(s, m, 2)
		if y == "元" {
			y = "1"
		}
		h := twelveHour(sub(s, m, 6), sub(s, m, 5))
		consider(m[0], fromParts(y, sub(s, m, 3), sub(s, m, 4), h, sub(s, m, 7), sub(s, m, 8), "", eraStart[sub(s, m, 1)], loc))
	}
	if m := hanDate.FindStringSubmatchIndex(s); m != nil {
		y, mo, d := hanYear(sub(s, m, 1)), hanNumber(sub(s, m, 2)), hanNumber(sub(s, m, 3))
		consider(m[0], fromParts(strconv.Itoa(y), strconv.Itoa(mo), strconv.Itoa(d), "", "", "", "", 0, loc))
	}
	if m := englishDate.FindStringSubmatchIndex(s); m != nil {
		day := sub(s, m, 1)
		if day == "" {
			day = sub(s, m, 3)
		}
		mon := monthIndex(sub(s, m, 2))
		h := twelveHour(sub(s, m, 5), sub(s, m, 8))
		consider(m[0], fromParts(sub(s, m, 4), strconv.Itoa(mon), day, h, sub(s, m, 6), sub(s, m, 7), sub(s, m, 9), 0, loc))
	}
	if best == nil {
		return parsedDate{}, false
	}
	return best.d, true
}

// eraStart is the year before each Japanese era's first: 令和1 is 2019.
var eraStart = map[string]int{"令和": 2018, "平成": 1988}

// halfWidthDigits turns full-width digits and colons (２０２４年３月１５日,
// common on Japanese and some Chinese pages) into ASCII ones.
func halfWidthDigits(s string) string {
	if !strings.ContainsAny(s, "０１２３４５６７８９：") {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return r - '０' + '0'
		case r == '：':
			return ':'
		}
		return r
	}, s)
}

// twelveHour turns an hour of a 12-hour clock (11:57 PM, 下午3:20) into
// the 24-hour one.
func twelveHour(h, half string) string {
	n, err := strconv.Atoi(h)
	if err != nil || half == "" || n > 12 {
		return h
	}
	switch half {
	case "下午", "晚上", "p", "P":
		if n < 12 {
			n += 12
		}
	case "上午", "凌晨", "a", "A":
		if n == 12 {
			n = 0
		}
	}
	return strconv.Itoa(n)
}

func sub(s string, m []int, i int) string {
	if 2*i+1 >= len(m) || m[2*i] < 0 {
		return ""
	}
	return s[m[2*i]:m[2*i+1]]
}

// fromParts builds a time from matched parts; yearOffset converts ROC years.
// It returns the zero parsedDate for an impossible date.
func fromParts(y, mo, d, h, mi, sec, zone string, yearOffset int, loc *time.Location) parsedDate {
	year, _ := strconv.Atoi(y)
	month, _ := strconv.Atoi(mo)
	day, _ := strconv.Atoi(d)
	year += yearOffset
	if year < 1990 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31 {
		return parsedDate{}
	}
	hour, min, second := 0, 0, 0
	hasTime := h != ""
	if hasTime {
		hour, _ = strconv.Atoi(h)
		min, _ = strconv.Atoi(mi)
		second, _ = strconv.Atoi(sec)
		if hour > 23 || min > 59 || second > 59 {
			hasTime, hour, min, second = false, 0, 0, 0
		}
	}
	zoned := false
	if zone != "" {
		if z, ok := parseZone(zone); ok {
			loc, zoned = z, true
		}
	}
	t := time.Date(year, time.Month(month), day, hour, min, second, 0, loc)
	if t.Day() != day { // 2月30日
		return parsedDate{}
	}
	return parsedDate{t: t, hasTime: hasTime, zoned: zoned}
}

func parseZone(z string) (*time.Location, bool) {
	if z == "Z" {
		return time.UTC, true
	}
	if rest, ok := strings.CutPrefix(z, "UTC"); ok {
		z = rest
	} else if rest, ok := strings.CutPrefix(z, "GMT"); ok {
		z = rest
	}
	z = strings.ReplaceAll(strings.ReplaceAll(z, ":", ""), " ", "")
	switch {
	case z == "":
		return time.UTC, true
	case len(z) == 2 || len(z) == 3: // +8, +08
		h, err := strconv.Atoi(z[1:])
		if err != nil || h > 14 {
			return nil, false
		}
		if z[0] == '-' {
			h = -h
		}
		return time.FixedZone("", h*3600), true
	}
	if len(z) != 5 {
		return nil, false
	}
	h, err1 := strconv.Atoi(z[1:3])
	m, err2 := strconv.Atoi(z[3:5])
	if err1 != nil || err2 != nil {
		return nil, false
	}
	off := h*3600 + m*60
	if z[0] == '-' {
		off = -off
	}
	return time.FixedZone("", off), true
}

var hanDigits = map[rune]int{'〇': 0, '零': 0, '○': 0, 'Ｏ': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// hanYear reads a year written digit by digit: 二〇二〇 → 2020.
func hanYear(s string) int {
	y := 0
	for _, r := range s {
		y = y*10 + hanDigits[r]
	}
	return y
}

// hanNumber reads 1–31 written with 十: 二十 → 20, 十二 → 12, 三 → 3.
func hanNumber(s string) int {
	rs := []rune(s)
	n := 0
	switch {
	case len(rs) == 1 && rs[0] == '十':
		n = 10
	case len(rs) >= 1 && rs[0] == '十':
		n = 10 + hanDigits[rs[len(rs)-1]]
	case len(rs) == 3 && rs[1] == '十':
		n = hanDigits[rs[0]]*10 + hanDigits[rs[2]]
	case len(rs) == 2 && rs[1] == '十':
		n = hanDigits[rs[0]] * 10
	case len(rs) == 1:
		n = hanDigits[rs[0]]
	}
	return n
}

func monthIndex(s string) int {
	months := []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}
	s = strings.ToLower(s)
	for i, m := range months {
		if strings.HasPrefix(s, m) {
			return i + 1
		}
	}
	return 0
}

// parseMetaDate reads a date from a <meta> or <time datetime> value, which
// is usually RFC 3339 or close to it.
func parseMetaDate(v string, loc *time.Location) (parsedDate, bool) {
	v = strings.TrimSpace(v)
	for i, layout := range []string{time.RFC3339Nano, time.RFC3339, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04"} {
		if t, err := time.ParseInLocation(layout, v, loc); err == nil {
			return parsedDate{t: t, hasTime: true, zoned: i < 3}, true
		}
	}
	return findDate(v, loc, false)
}

// format prints a date per the contract: RFC 3339 with the page's offset;
// a date without a time is local midnight.
func (d parsedDate) format() string {
	return d.t.Format(time.RFC3339)
}

// Dates written day or month first, as European and American sites do:
// 06/02/2022 - 13:48, 11/18/2019 9:24 PM. Which comes first is read from
// the numbers when one exceeds 12, else from a date the page states in
// <meta> (see publishDate); alone, an ambiguous one is no date.
var slashDate = regexp.MustCompile(`(?:^|[^\d/.])(\d{1,2})[/.](\d{1,2})[/.]((?:19|20)\d{2})(?:[^\d/.]|$)` +
	`(?:\s*(?:-|,|at|um|à)?\s*(\d{1,2})[:h](\d{2})(?::(\d{2}))?(?:\s*([AaPp])\.?[Mm]\b\.?)?)?`)

// slashDates returns the readings of the first day/month-first date in
// s: one when the numbers decide, two when they do not.
func slashDates(s string, loc *time.Location) []parsedDate {
	m := slashDate.FindStringSubmatchIndex(s)
	if m == nil {
		return nil
	}
	a, b, y := sub(s, m, 1), sub(s, m, 2), sub(s, m, 3)
	h := twelveHour(sub(s, m, 4), sub(s, m, 7))
	var out []parsedDate
	for _, dm := range [][2]string{{a, b}, {b, a}} { // day first, then month first
		if d := fromParts(y, dm[1], dm[0], h, sub(s, m, 5), sub(s, m, 6), "", 0, loc); !d.t.IsZero() {
			out = append(out, d)
		}
	}
	if len(out) == 2 && out[0].t.Equal(out[1].t) {
		out = out[:1] // 05/05/2020
	}
	return out
}

// monthDate matches a month without its day: 2003年5月, 1996年6月号 (a
// magazine's issue), 一九九六年六月.
var monthDate = regexp.MustCompile(`((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月(?:号|份)?(?:[^\d日号]|$)|([〇零一二三四五六七八九○Ｏ]{4})年([一二三四五六七八九十]{1,3})月(?:[^一二三四五六七八九十日]|$)`)

// findMonth returns the first day of the first month-only date in s.
func findMonth(s string, loc *time.Location) (parsedDate, bool) {
	m := monthDate.FindStringSubmatchIndex(s)
	if m == nil {
		return parsedDate{}, false
	}
	y, mo := sub(s, m, 1), sub(s, m, 2)
	if y == "" {
		y, mo = strconv.Itoa(hanYear(sub(s, m, 3))), strconv.Itoa(hanNumber(sub(s, m, 4)))
	}
	d := fromParts(y, mo, "1", "", "", "", "", 0, loc)
	return d, !d.t.IsZero()
}

// hasNumericDate says whether numericDate matches somewhere in s. It finds
// the years by hand and asks the regexp only after each: the regexp alone
// backtracks at every letter of a long text, and this is asked of every
// candidate container's head.
func hasNumericDate(s string) bool {
	for i := 0; i+3 < len(s); i++ {
		if (s[i] == '1' && s[i+1] == '9' || s[i] == '2' && s[i+1] == '0') && isDigit(s[i+2]) && isDigit(s[i+3]) &&
			(i == 0 || !isDigit(s[i-1])) && dateAfterYear.MatchString(s[i+4:]) {
			return true
		}
	}
	return false
}
