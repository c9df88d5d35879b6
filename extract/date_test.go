package extract

import (
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestFindDate(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	tests := []struct {
		in   string
		roc  bool
		want string // RFC 3339, "" for no date
	}{
		{"发布日期:2020/2/22 13:22:11 浏览:854", false, "2020-02-22T13:22:11+08:00"},
		{"2020-02-20", false, "2020-02-20T00:00:00+08:00"},
		{"17:44 UTC+8, 2024-05-20", false, "2024-05-20T17:44:00+08:00"},
		// A clock with no zone before a date may end another field.
		{"Opens 10:30, 2024-05-20", false, "2024-05-20T00:00:00+08:00"},
		{"比分 2:1 2024-05-20", false, "2024-05-20T00:00:00+08:00"},
		{"2020年2月20日", false, "2020-02-20T00:00:00+08:00"},
		{"时间：2020年02月20日 10:30 来源：新华社", false, "2020-02-20T10:30:00+08:00"},
		{"2020.02.20", false, "2020-02-20T00:00:00+08:00"},
		{"二〇二〇年二月二十日", false, "2020-02-20T00:00:00+08:00"},
		{"二〇一九年十二月三十一日", false, "2019-12-31T00:00:00+08:00"},
		{"民國109年2月20日", false, "2020-02-20T00:00:00+08:00"},
		{"發布日期：109-02-20", true, "2020-02-20T00:00:00+08:00"},
		{"109-02-20", false, ""}, // bare ROC years only on Taiwanese pages
		{"發布日期：113年03月15日", true, "2024-03-15T00:00:00+08:00"},
		{"更新日期：113年3月15日 下午 02:30", true, "2024-03-15T14:30:00+08:00"},
		{"發布日期：113年3月15日下午2:30", true, "2024-03-15T14:30:00+08:00"},
		{"民國113年3月15日 下午2:30", false, "2024-03-15T14:30:00+08:00"},
		{"113-03-15 09:05", true, "2024-03-15T09:05:00+08:00"},
		{"113年3月15日", false, ""},
		{"版权所有 © 2019-2021 我爱株洲", false, ""}, // a footer's year range is not a date
		{"2020-02-30", false, ""},            // no such day
		{"2024-03-15T09:30:00+09:00", false, "2024-03-15T09:30:00+09:00"},
		// An offset by name: UTC is UTC on any site.
		{"2024-04-16 02:10 UTC", false, "2024-04-16T02:10:00Z"},
		{"Updated: Apr 16, 2024 02:10 GMT", false, "2024-04-16T02:10:00Z"},
		{"2024-04-16 10:10 (UTC+8)", false, "2024-04-16T10:10:00+08:00"},
		{"2024-04-16 10:10 GMT+08:00", false, "2024-04-16T10:10:00+08:00"},
		{"2024-04-16 10:10 UTCX", false, "2024-04-16T10:10:00+08:00"},
		{"Published March 5, 2019", false, "2019-03-05T00:00:00+08:00"},
		{"5 March 2019", false, "2019-03-05T00:00:00+08:00"},
		{"电话：0731-28580542", false, ""},
		{"发表于2005年09月07日 11:57 AM", false, "2005-09-07T11:57:00+08:00"},
		{"2005-09-07 11:57 PM", false, "2005-09-07T23:57:00+08:00"},
		{"2020年3月5日 下午3:20", false, "2020-03-05T15:20:00+08:00"},
		{"(2005-04-27 14:32PM)", false, "2005-04-27T14:32:00+08:00"},
		{"Published: Apr 10, 2024 09:12 PM", false, "2024-04-10T21:12:00+08:00"},
		{"April 12, 2024 at 9:05 a.m.", false, "2024-04-12T09:05:00+08:00"},
		{"Updated 16:30, 10-Apr-2024", false, "2024-04-10T00:00:00+08:00"},
		{"March 5, 2019 10 people", false, "2019-03-05T00:00:00+08:00"}, // a number is no time
	}
	for _, tt := range tests {
		d, ok := findDate(tt.in, cst, tt.roc)
		got := ""
		if ok {
			got = d.format()
		}
		if got != tt.want {
			t.Errorf("findDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestTaiwanPageDate: a Big5 county page that writes its date with a bare
// ROC year and a 12-hour time (113年03月15日 下午 02:30).
// TestROCYearOnATaiwanHost: a bare ROC year (110-03-05) is read as such on
// a .tw host, whatever the page's charset or lang.
func TestROCYearOnATaiwanHost(t *testing.T) {
	page := `<html><head><meta charset="utf-8"><title>縣府推動長照據點擴大服務</title></head><body><h1>縣府推動長照據點擴大服務</h1>` +
		`<div class="info">日期：110-03-05</div><div>` + prose + `</div></body></html>`
	for host, want := range map[string]string{"www.hccg.gov.tw": "2021-03-05T00:00:00+08:00", "www.hc.gov.cn": ""} {
		p, err := Parse([]byte(page), "", "http://"+host+"/news/1.html", nil)
		if err != nil {
			t.Fatal(err)
		}
		if p.Published != want {
			t.Errorf("%s: published %q, want %q", host, p.Published, want)
		}
	}
}

func TestTaiwanPageDate(t *testing.T) {
	p := parseFile(t, "testdata/big5-roc.html", "http://www.hsinchu.gov.tw/news_detail.php?id=1024")
	if want := "2024-03-15T14:30:00+08:00"; p.Published != want {
		t.Errorf("published = %q, want %q", p.Published, want)
	}
	if p.Charset != "big5" {
		t.Errorf("charset = %q, want big5", p.Charset)
	}
}

// TestTaiwanDetailTable: a county site's detail table in Big5, each field
// a row, its label a <th> without a colon: 標題 is the title, 資料來源
// the source, 日期 the date; the labels name nobody.
func TestTaiwanDetailTable(t *testing.T) {
	p := parseFile(t, "testdata/big5-detail-table.html", "https://www.ilshb.gov.tw/news/detail.asp?id=3521")
	for _, c := range []struct{ field, got, want string }{
		{"title", p.Title, "宜蘭縣65歲以上長者免費接種肺炎鏈球菌疫苗"},
		{"published", p.Published, "2024-03-05T00:00:00+08:00"},
		{"source", p.Source, "疾病管制科"},
		{"author", p.Author, ""},
		{"charset", p.Charset, "big5"},
		{"first paragraph", p.Blocks[0].Text, "為保護長者健康，宜蘭縣政府衛生局即日起提供65歲以上長者免費接種一劑13價結合型肺炎鏈球菌疫苗。"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
}

// TestSiteZone: a page that states no offset is read in the zone of the
// place its site is published in, whatever the language of its text; a
// site elsewhere in English is read in UTC; --tz wins over both.
func TestSiteZone(t *testing.T) {
	page := `<html lang="en"><head><meta charset="utf-8"><title>Guangdong rolls out plan</title></head><body><h1>Guangdong rolls out plan</h1>` +
		`<div class="info">Updated: 2024-04-10 14:22</div><div><p>Guangdong province aims to build its low-altitude economy into an industry worth more than 300 billion yuan by 2026, according to a plan released on Tuesday.</p>` +
		`<p>The province will build more than 50 general aviation airports and take-off and landing points.</p></div></body></html>`
	for _, tt := range []struct {
		host string
		loc  *time.Location
		want string
	}{
		{"www.chinadaily.com.cn", nil, "2024-04-10T14:22:00+08:00"},
		{"english.news.cn", nil, "2024-04-10T14:22:00+08:00"},
		{"www.globaltimes.cn", nil, "2024-04-10T14:22:00+08:00"},
		{"english.www.gov.cn", nil, "2024-04-10T14:22:00+08:00"},
		{"www.info.gov.hk", nil, "2024-04-10T14:22:00+08:00"},
		{"www.gcs.gov.mo", nil, "2024-04-10T14:22:00+08:00"},
		{"focustaiwan.tw", nil, "2024-04-10T14:22:00+08:00"},
		{"news.cgtn.com", nil, "2024-04-10T14:22:00+08:00"},
		{"english.xinhuanet.com", nil, "2024-04-10T14:22:00+08:00"},
		{"www.example.com", nil, "2024-04-10T14:22:00Z"},
		{"notxinhuanet.com", nil, "2024-04-10T14:22:00Z"}, // a domain's end, not its letters
		{"www.chinadaily.com.cn", time.UTC, "2024-04-10T14:22:00Z"},
	} {
		p, err := Parse([]byte(page), "", "https://"+tt.host+"/a/202404/10/1.html", &Options{Location: tt.loc})
		if err != nil {
			t.Fatal(err)
		}
		if p.Published != tt.want {
			t.Errorf("%s: published %q, want %q", tt.host, p.Published, tt.want)
		}
	}
}

// TestDayFirstSites: Hong Kong and Macau write dates day first; elsewhere
// an ambiguous one is no date without a <meta> to decide.
func TestDayFirstSites(t *testing.T) {
	page := `<html lang="zh-Hant"><head><meta charset="utf-8"><title>四月首十日入境旅客逾百萬人次</title></head><body><h1>四月首十日入境旅客逾百萬人次</h1>` +
		`<div class="news-meta"><span class="date">11/04/2024 17:46</span><span class="source">消息來源：旅遊局</span></div><div>` + prose + `</div></body></html>`
	for host, want := range map[string]string{
		"www.gcs.gov.mo":  "2024-04-11T17:46:00+08:00",
		"www.info.gov.hk": "2024-04-11T17:46:00+08:00",
		"www.example.com": "",
	} {
		p, err := Parse([]byte(page), "", "https://"+host+"/detail/1", nil)
		if err != nil {
			t.Fatal(err)
		}
		if p.Published != want {
			t.Errorf("%s: published %q, want %q", host, p.Published, want)
		}
		if strings.Contains(p.Text(), "11/04/2024") {
			t.Errorf("%s: the byline is in the text: %q", host, p.Text())
		}
	}
}

// FuzzHasNumericDate: the hand-found years answer as numericDate does.
func FuzzHasNumericDate(f *testing.F) {
	for _, s := range []string{"发布时间：2024-05-09 10:00", "2024年5月9日", "12024-05-09", "编号2024-5", "20240509", "于2019.3.1起施行",
		"第 2023 / 12 / 1", "1999年12月31日23时", "x2020/1/2", "２０２４年", "2024 年 05 月 09 日", "2024-05"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := hasNumericDate(s), numericDate.MatchString(s); got != want {
			t.Fatalf("hasNumericDate(%q) = %v, numericDate matches: %v", s, got, want)
		}
	})
}

// TestURLDate: the date CMSs put in article paths, padded or not
// (Hanweb's /art/2024/6/13/); none where the path holds no whole date.
func TestURLDate(t *testing.T) {
	for path, want := range map[string]string{
		"/xwzx/202006/t20200622_123.html":             "2020-06-22",
		"/a/xw/2024/0615/123.html":                    "2024-06-15",
		"/news/2024-06/13/c_1130154321.htm":           "2024-06-13",
		"/art/2024/6/13/art_1229505123_59012345.html": "2024-06-13",
		"/art/2024/12/3/art_1_2.html":                 "2024-12-03",
		"/col/col1228866/index.html":                  "",
		"/2024/06/night-market/":                      "",
	} {
		d, ok := urlDate(&url.URL{Path: path}, time.UTC)
		got := ""
		if ok {
			got = d.t.Format("2006-01-02")
		}
		if got != want {
			t.Errorf("urlDate(%s) = %q, want %q", path, got, want)
		}
	}
}
