package crawltest

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"strings"

	"golang.org/x/text/encoding/simplifiedchinese"

	"folio/internal/testfiles"
)

// Site describes one generated site (one host).
type Site struct {
	Articles   int // articles in the column
	PagesPer   int // pages per article (1 or more)
	Paragraphs int // paragraphs per article page; 0 means 6
	PerList    int // article links per list page; 0 means 20
	Private    int // articles under /private/ (robots.txt disallows it), linked from list 1
	Dead       int // links from list 1 to articles that answer 404 (/removed/N.html)
	// Redirected articles (the newest N) are also linked from list 1 by
	// an old address, /r/ID.html, which answers 301 to the article.
	Redirected int
	// Republished articles (the newest N) are also published, unchanged,
	// under a second column (/zwgk/2024/ID.html, CopyPath), linked from
	// list 1, with neither copy naming the other canonical.
	Republished int
	// Stubs adds pages that send the browser on without an HTTP redirect,
	// as portals' roots do: / is a script stub to /news/, and /go/N.html
	// a GBK meta refresh to article N (N = 1).
	Stubs bool
	// Attachments gives every article a 附件 on its last page, a PDF
	// at /upload/ID.pdf.
	Attachments  bool
	Calendar     bool
	Traps        bool   // session-id links, a repeating-path loop
	CrawlDelay   string // robots.txt Crawl-delay, "" for none
	Sitemap      bool   // robots.txt names /sitemap.xml, which lists every article
	Revision     int    // bump to change every article's text
	FirstArticle int    // number of the first article
	// Unlisted newest articles are in the sitemap only, on no list page.
	Unlisted int
	// Edited gives articles their own revision (id -> revision).
	Edited map[int]int
	// Sidebar adds what real article pages carry around the content: a
	// long menu, inline style and script, "latest news" and "most read"
	// boxes of links, a footer: about 20 KiB of template, as on real portals.
	Sidebar bool
	// Salt makes the site's texts its own, so that sites do not share pages.
	Salt int
	// LinkQuery is added to the list pages' links to articles
	// ("?from=index"), as portals tag the clicks they count.
	LinkQuery string
}

// Files returns every file of the site by path. base is the site's origin
// ("http://127.0.0.1:8001"), used in the sitemap.
func (s Site) Files(base string) map[string][]byte {
	if s.PerList <= 0 {
		s.PerList = 20
	}
	if s.PagesPer <= 0 {
		s.PagesPer = 1
	}
	if s.Paragraphs <= 0 {
		s.Paragraphs = 6
	}
	files := map[string][]byte{}
	robots := "User-agent: *\nDisallow: /private/\n"
	if s.CrawlDelay != "" {
		robots += "Crawl-delay: " + s.CrawlDelay + "\n"
	}
	if s.Sitemap {
		robots += "Sitemap: " + base + "/sitemap.xml\n"
	}
	files["/robots.txt"] = []byte(robots)
	if s.Stubs {
		files["/"] = []byte(`<html><head><title>欢迎</title></head><body><script type="text/javascript">window.location.href = "/news/";</script></body></html>`)
		files["/go/1.html"] = gbk(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">` +
			`<meta http-equiv="refresh" content="0;url=` + ArticlePath(1, 1) + `"></head><body>页面跳转中……</body></html>`)
	}

	ids := make([]int, 0, s.Articles)
	for i := 0; i < s.Articles; i++ {
		ids = append(ids, s.FirstArticle+i+1)
	}
	// Newest first, as columns list them.
	for i, j := 0, len(ids)-1; i < j; i, j = i+1, j-1 {
		ids[i], ids[j] = ids[j], ids[i]
	}
	lists := (len(ids) + s.PerList - 1) / s.PerList
	lists = max(lists, 1)
	for n := 1; n <= lists; n++ {
		var b strings.Builder
		head(&b, fmt.Sprintf("新闻动态 第%d页", n))
		b.WriteString("<div class=\"list\"><ul>\n")
		listed := ids[min(s.Unlisted, len(ids)):]
		for _, id := range listed[min((n-1)*s.PerList, len(listed)):min(n*s.PerList, len(listed))] {
			fmt.Fprintf(&b, "<li><a href=\"%s%s\" title=\"%s\">%s</a><span class=\"date\">%s</span></li>\n",
				ArticlePath(id, 1), s.LinkQuery, s.title(id), s.title(id), dateOf(id)[:10])
			if s.Traps && id%7 == 0 {
				fmt.Fprintf(&b, "<li><a href=\"%s;jsessionid=%08X\">%s（会话）</a></li>\n", ArticlePath(id, 1), hash(id, n), s.title(id))
			}
		}
		if n == 1 {
			for p := 1; p <= s.Dead; p++ {
				fmt.Fprintf(&b, "<li><a href=\"/removed/%d.html\">已撤稿的通知第%d号关于工作安排的说明</a></li>\n", p, p)
			}
			for _, id := range ids[:min(s.Redirected, len(ids))] {
				fmt.Fprintf(&b, "<li><a href=\"/r/%d.html\">%s（旧址）</a></li>\n", id, s.title(id))
			}
			for _, id := range ids[:min(s.Republished, len(ids))] {
				fmt.Fprintf(&b, "<li><a href=\"%s\">%s</a></li>\n", CopyPath(id, 1), s.title(id))
			}
			for p := 1; p <= s.Private; p++ {
				fmt.Fprintf(&b, "<li><a href=\"/private/%d.html\">内部通知第%d号关于工作安排的说明</a></li>\n", p, p)
			}
			if s.Calendar {
				b.WriteString("<li><a href=\"/cal/?y=2024&amp;m=1\">2024年1月新闻日历</a></li>\n")
			}
			if s.Traps {
				b.WriteString("<li><a href=\"/loop/\">栏目导航页面循环测试入口</a></li>\n")
			}
		}
		b.WriteString("</ul></div>\n<div class=\"pages\">")
		// The bar shows the pages around this one, as CMSs do.
		for k := max(1, n-2); k <= min(lists, n+2); k++ {
			fmt.Fprintf(&b, "<a href=\"%s\">%d</a> ", listPath(k), k)
		}
		if n < lists {
			fmt.Fprintf(&b, "<a href=\"%s\">下一页</a>", listPath(n+1))
		}
		b.WriteString("</div>\n")
		foot(&b)
		files[listPath(n)] = gbk(b.String())
	}
	for i, id := range ids {
		if s.Attachments {
			files[AttachmentPath(id)] = testfiles.PDF(fmt.Sprintf("Work report %d", id))
		}
		for p := 1; p <= s.PagesPer; p++ {
			files[ArticlePath(id, p)] = gbk(s.article(id, p))
			if i < s.Republished {
				files[CopyPath(id, p)] = files[ArticlePath(id, p)]
			}
		}
	}
	for p := 1; p <= s.Private; p++ {
		files[fmt.Sprintf("/private/%d.html", p)] = gbk(s.article(900000+p, 1))
	}
	if s.Sitemap {
		var b strings.Builder
		b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
		for _, id := range ids {
			fmt.Fprintf(&b, "<url><loc>%s%s</loc><lastmod>%s</lastmod></url>\n", base, ArticlePath(id, 1), dateOf(id)[:10])
		}
		b.WriteString("</urlset>\n")
		files["/sitemap.xml"] = []byte(b.String())
	}
	return files
}

// ArticlePath is the path of page p of article id.
func ArticlePath(id, p int) string {
	if p <= 1 {
		return fmt.Sprintf("/news/2024/%04d/%d.html", id%1000, id)
	}
	return fmt.Sprintf("/news/2024/%04d/%d_%d.html", id%1000, id, p)
}

// AttachmentPath is the path of article id's PDF (Site.Attachments).
func AttachmentPath(id int) string { return fmt.Sprintf("/upload/%d.pdf", id) }

// CopyPath is the path of page p of article id republished (Site.Republished).
// The article's page bar links its pages by file name, so the bar of a copy
// leads to the copy's pages.
func CopyPath(id, p int) string {
	if p <= 1 {
		return fmt.Sprintf("/zwgk/2024/%d.html", id)
	}
	return fmt.Sprintf("/zwgk/2024/%d_%d.html", id, p)
}

func listPath(n int) string {
	if n == 1 {
		return "/news/"
	}
	return fmt.Sprintf("/news/list_%d.html", n)
}

func (s Site) title(id int) string {
	return fmt.Sprintf("%s%s第%d期工作简报", counties[s.Salt%len(counties)], topics[id%len(topics)], id)
}

var counties = []string{"", "芦淞区", "荷塘区", "石峰区", "天元区", "渌口区", "醴陵市", "攸县", "茶陵县", "炎陵县", "雨湖区", "岳塘区", "湘潭县", "湘乡市", "韶山市", "芙蓉区", "天心区", "岳麓区", "开福区", "雨花区", "望城区"}

var topics = []string{"区政府召开常务会议研究部署", "全区开展安全生产大检查", "市场监管局推进放管服改革", "教育系统举行教师培训", "城乡环境综合整治行动", "乡村振兴重点项目建设"}

func dateOf(id int) string {
	return fmt.Sprintf("2024-%02d-%02d %02d:%02d:00", 1+id%12, 1+id%28, 8+id%10, id%60)
}

// article renders page p of article id.
func (s Site) article(id, p int) string {
	var b strings.Builder
	head(&b, s.title(id))
	b.WriteString("<div class=\"place\">您现在的位置：<a href=\"/news/\">首页</a> &gt; <a href=\"/news/\">新闻动态</a> &gt; 正文</div>\n")
	fmt.Fprintf(&b, "<div class=\"viewbox\"><h1>%s</h1>\n", s.title(id))
	fmt.Fprintf(&b, "<div class=\"info\">发布时间：%s　来源：县融媒体中心　作者：王晓明　浏览：<span id=\"hits\">%d</span></div>\n", dateOf(id), 100+id)
	b.WriteString("<div class=\"content\" id=\"content\">\n")
	for k := 0; k < s.Paragraphs; k++ {
		rev := s.Revision
		if r, ok := s.Edited[id]; ok {
			rev = r
		}
		fmt.Fprintf(&b, "<p>%s</p>\n", paragraph(id+s.Salt*1_000_000, p, k, rev))
	}
	b.WriteString("</div>\n")
	if s.PagesPer > 1 {
		b.WriteString("<div class=\"pagebar\">")
		if p > 1 {
			fmt.Fprintf(&b, "<a href=\"%s\">上一页</a> ", pathBase(ArticlePath(id, p-1)))
		}
		for k := 1; k <= s.PagesPer; k++ {
			if k == p {
				fmt.Fprintf(&b, "<span class=\"current\">%d</span> ", k)
			} else {
				fmt.Fprintf(&b, "<a href=\"%s\">%d</a> ", pathBase(ArticlePath(id, k)), k)
			}
		}
		if p < s.PagesPer {
			fmt.Fprintf(&b, "<a href=\"%s\">下一页</a>", pathBase(ArticlePath(id, p+1)))
		}
		b.WriteString("</div>\n")
	}
	if s.Attachments && p == s.PagesPer {
		fmt.Fprintf(&b, "<p>附件：<a href=\"%s\">%s.pdf</a></p>\n", AttachmentPath(id), s.title(id))
	}
	if s.Sidebar {
		b.WriteString("</div>\n")
		s.template(&b, id)
		b.WriteString("<div>")
	}
	b.WriteString("</div>\n<div class=\"related\"><h3>相关阅读</h3><ul>\n")
	if prev := id - 1; prev > s.FirstArticle {
		fmt.Fprintf(&b, "<li><a href=\"%s\">%s</a></li>\n", ArticlePath(prev, 1), s.title(prev))
	}
	b.WriteString("</ul></div>\n")
	foot(&b)
	return b.String()
}

// template writes what surrounds an article on a real portal page.
func (s Site) template(b *strings.Builder, id int) {
	b.WriteString("<style type=\"text/css\">\n")
	for k := 0; k < 40; k++ {
		fmt.Fprintf(b, ".box%d { margin: %dpx auto; padding: 0 %dpx; border: 1px solid #d%dd%dd%d; font: 14px/1.8 \"宋体\", SimSun; }\n", k, k%7, k%5, k%10, k%9, k%8)
	}
	b.WriteString("</style>\n<div class=\"menu\"><ul>\n")
	for k := 0; k < 36; k++ {
		fmt.Fprintf(b, "<li class=\"m%d\"><a href=\"#m%d\" onclick=\"showMenu(%d);return false;\">%s</a></li>\n", k, k, k, menus[k%len(menus)])
	}
	b.WriteString("</ul></div>\n<div class=\"sidebar\"><h3>最新动态</h3><ul>\n")
	for k := 1; k <= 25; k++ {
		other := s.FirstArticle + 1 + (id+k)%max(s.Articles, 1)
		fmt.Fprintf(b, "<li><a href=\"%s\" title=\"%s\" target=\"_blank\">%s</a><span class=\"date\">%s</span></li>\n", ArticlePath(other, 1), s.title(other), s.title(other), dateOf(other)[:10])
	}
	b.WriteString("</ul><h3>阅读排行</h3><ol>\n")
	for k := 1; k <= 15; k++ {
		other := s.FirstArticle + 1 + (id*7+k*3)%max(s.Articles, 1)
		fmt.Fprintf(b, "<li><a href=\"%s\" title=\"%s\">%s</a></li>\n", ArticlePath(other, 1), s.title(other), s.title(other))
	}
	b.WriteString("</ol></div>\n<script type=\"text/javascript\">\n")
	for k := 0; k < 30; k++ {
		fmt.Fprintf(b, "function showMenu%d(n) { var el = document.getElementById('menu' + n); if (el) { el.style.display = (el.style.display == 'none') ? 'block' : 'none'; } return %d; }\n", k, k)
	}
	b.WriteString("</script>\n<div class=\"links\"><h3>友情链接</h3>")
	for k := 0; k < 12; k++ {
		fmt.Fprintf(b, "<a href=\"#link%d\">%s</a> ", k, menus[(k+5)%len(menus)])
	}
	b.WriteString("</div>\n")
}

var menus = strings.Fields("首页 政务公开 新闻中心 通知公告 政策法规 规划计划 人事信息 财政信息 统计数据 办事服务 公众参与 领导信箱 在线访谈 专题专栏 机构设置 走进本区")

func pathBase(p string) string { return p[strings.LastIndexByte(p, '/')+1:] }

// Calendar renders the month page of an endless calendar: every month
// links the next and the previous one, for ever.
func Calendar(y, m int) []byte {
	var b strings.Builder
	head(&b, fmt.Sprintf("%d年%d月新闻日历", y, m))
	ny, nm, py, pm := y, m+1, y, m-1
	if nm > 12 {
		ny, nm = y+1, 1
	}
	if pm < 1 {
		py, pm = y-1, 12
	}
	fmt.Fprintf(&b, "<div class=\"calnav\"><a href=\"/cal/?y=%d&amp;m=%d\">上一月</a> <strong>%d年%d月</strong> <a href=\"/cal/?y=%d&amp;m=%d\">下一月</a> <a href=\"/cal/?y=%d&amp;m=%d\">下一年</a></div>\n", py, pm, y, m, ny, nm, y+1, m)
	// A month list in the sidebar steps on too, with plain date texts.
	fmt.Fprintf(&b, "<ul><li><a href=\"/cal/?y=%d&amp;m=%d\">%d年%02d月</a></li></ul>\n", ny, nm, ny, nm)
	foot(&b)
	return gbk(b.String())
}

// Loop renders a page of a path loop: a relative link that resolves to a
// deeper copy of the same page.
func Loop() []byte {
	var b strings.Builder
	head(&b, "栏目导航")
	b.WriteString("<ul><li><a href=\"more/\">更多栏目导航页面链接</a></li></ul>\n")
	foot(&b)
	return gbk(b.String())
}

func head(b *strings.Builder, t string) {
	fmt.Fprintf(b, `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>%s_测试县人民政府门户网站</title></head>
<body><div id="wrap"><div class="header"><div class="nav"><a href="/news/">首页</a> | <a href="/news/">新闻动态</a></div></div>
`, t)
}

func foot(b *strings.Builder) {
	b.WriteString(`<div class="footer">主办：测试县人民政府办公室　承办：测试县融媒体中心　备案号：湘ICP备00000000号</div>
</div></body></html>
`)
}

// paragraph is a deterministic paragraph of Chinese prose, different for
// every article, page, paragraph and revision.
func paragraph(id, p, k, rev int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "第%d页第%d段：", p, k+1)
	h := hash(id, p*1000+k, rev)
	for sent := 0; sent < 5; sent++ {
		n := 14 + int(h%12)
		for i := 0; i < n; i++ {
			h = h*6364136223846793005 + 1442695040888963407
			b.WriteString(words[(h>>33)%uint64(len(words))])
		}
		if sent%2 == 0 {
			b.WriteString("，")
		} else {
			b.WriteString("。")
		}
	}
	if rev > 0 {
		fmt.Fprintf(&b, "（第%d次修订）", rev)
	}
	return b.String()
}

var words = strings.Fields("我们 工作 发展 建设 群众 服务 推进 加强 全面 落实 会议 要求 政府 部门 企业 项目 安全 环境 经济 社会 教育 卫生 农村 城市 改革 创新 管理 制度 措施 目标 任务 责任 质量 效率 情况 问题 重点 积极 有效 持续")

func hash(parts ...int) uint64 {
	h := fnv.New64a()
	for _, p := range parts {
		fmt.Fprintf(h, "%d/", p)
	}
	return h.Sum64()
}

func gbk(s string) []byte {
	var buf bytes.Buffer
	w := simplifiedchinese.GBK.NewEncoder().Writer(&buf)
	w.Write([]byte(s))
	return buf.Bytes()
}
