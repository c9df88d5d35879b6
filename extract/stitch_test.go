package extract

import (
	"slices"
	"strings"
	"testing"
)

func para(s string) Block { return Block{Kind: Paragraph, Text: s} }

func table(rows ...[]string) Block {
	return Block{Kind: Table, Text: tableText(rows), Rows: rows}
}

func page(title string, blocks ...Block) *Page {
	return &Page{Title: title, Blocks: blocks}
}

// picture gives p a picture in its content.
func picture(p *Page, src string) *Page {
	p.Attachments = append(p.Attachments, Link{URL: "http://x.cn/photo/" + src})
	return p
}

// withChrome gives p the lines it shows outside its content.
func withChrome(p *Page, lines ...string) *Page {
	p.chrome = map[string]bool{}
	for _, l := range lines {
		p.chrome[l] = true
	}
	return p
}

// TestStitch: what the pages say of each other's boilerplate.
func TestStitch(t *testing.T) {
	const title = "某某区2023年政府信息公开工作年度报告"
	meta := table([]string{"索引号", "430200/2024-00015"}, []string{"发布机构", "区政府办"})
	tests := []struct {
		name    string
		pages   []*Page
		want    []string
		tables  int
		skipped []int
	}{
		{
			name: "every page's repeats go, each page's text stays in order",
			pages: []*Page{
				page(title, para("第一页正文。"), para("(责编：王丹)"), para("推荐阅读")),
				page(title, para("第二页正文。"), para("(责编：王丹)"), para("推荐阅读")),
				page(title, para("第三页正文。"), para("(责编：王丹)"), para("推荐阅读")),
			},
			want: []string{"第一页正文。", "第二页正文。", "第三页正文。"},
		},
		{
			name: "the title again at the top of later pages, with a page marker",
			pages: []*Page{
				page(title, para("第一页正文。")),
				page(title, para(title+"（2）"), para("第二页正文。")),
				page(title, para(title), para("第三页正文。")),
			},
			want: []string{"第一页正文。", "第二页正文。", "第三页正文。"},
		},
		{
			name: "a repeat at the edges of some pages stays once",
			pages: []*Page{
				page(title, para("第一页正文。"), para("第一页续。")),
				page(title, para("（续前页）本文共三页"), para("第二页正文。")),
				page(title, para("（续前页）本文共三页"), para("第三页正文。")),
			},
			want: []string{"第一页正文。", "第一页续。", "（续前页）本文共三页", "第二页正文。", "第三页正文。"},
		},
		{
			name: "a paragraph split across pages stays split",
			pages: []*Page{
				page(title, para("全年粮食播种面积2.31万亩。全年蔬菜播种面积")),
				page(title, para("3.42万亩，增长2.6%。")),
			},
			want: []string{"全年粮食播种面积2.31万亩。全年蔬菜播种面积", "3.42万亩，增长2.6%。"},
		},
		{
			name: "a metadata table on every page goes, a data table stays in place",
			pages: []*Page{
				page(title, meta, para("一、总体情况")),
				page(title, meta, para("二、主动公开情况"), table([]string{"规章", "2"}), para("三、依申请公开情况")),
			},
			want:   []string{"一、总体情况", "二、主动公开情况", "规章\t2", "三、依申请公开情况"},
			tables: 1,
		},
		{
			name: "a page repeating an earlier one is skipped; a failed page passed over",
			pages: []*Page{
				page(title, para("第一页正文。")),
				nil,
				page(title, para("第一页正文。")),
				page(title, para("第四页正文。")),
			},
			want:    []string{"第一页正文。", "第四页正文。"},
			skipped: []int{2},
		},
		{
			name: "a short last page whose content swallowed the template",
			pages: []*Page{
				withChrome(page(title, para("一、总体情况"), para("第一页正文。")), "索引号", "430200/2024-00015", "发布机构", "区政府办", "【打印本页】 【关闭窗口】"),
				withChrome(page(title, para("二、主动公开情况"), para("第二页正文。")), "索引号", "430200/2024-00015", "发布机构", "区政府办", "【打印本页】 【关闭窗口】"),
				withChrome(page(title, meta, para("五、其他事项"), para("本年度未收取信息处理费。"), para("【打印本页】 【关闭窗口】"))),
			},
			want: []string{"一、总体情况", "第一页正文。", "二、主动公开情况", "第二页正文。", "五、其他事项", "本年度未收取信息处理费。"},
		},
		{
			name: "a summary box on every page repeating the first paragraph: that paragraph stays",
			pages: []*Page{
				withChrome(page(title, para("导语：全年主动公开信息18462条。"), para("第一页正文。")), "导语：全年主动公开信息18462条。"),
				withChrome(page(title, para("第二页正文。")), "导语：全年主动公开信息18462条。"),
			},
			want: []string{"导语：全年主动公开信息18462条。", "第一页正文。", "第二页正文。"},
		},
		{
			name: "a photo set's introduction opening every page stays once",
			pages: []*Page{
				picture(page(title, para("五一假期首日，西塘古镇迎来客流高峰，游客漫步石板街巷，感受江南水乡的独特韵味。"), para("图为游客在古镇廊棚下乘船游览。"), para("(责编：王丹)")), "1.jpg"),
				picture(page(title, para("五一假期首日，西塘古镇迎来客流高峰，游客漫步石板街巷，感受江南水乡的独特韵味。"), para("图为夜幕下的西塘古镇灯火璀璨。"), para("(责编：王丹)")), "2.jpg"),
				picture(page(title, para("五一假期首日，西塘古镇迎来客流高峰，游客漫步石板街巷，感受江南水乡的独特韵味。"), para("图为小朋友在体验传统手工艺。"), para("(责编：王丹)")), "3.jpg"),
			},
			want: []string{"五一假期首日，西塘古镇迎来客流高峰，游客漫步石板街巷，感受江南水乡的独特韵味。", "图为游客在古镇廊棚下乘船游览。", "图为夜幕下的西塘古镇灯火璀璨。", "图为小朋友在体验传统手工艺。"},
		},
		{
			name: "a site's prompt opening every page of a report is the template's",
			pages: []*Page{
				page(title, para("温馨提示：本文内容较长，共分为三页，请点击页面下方的页码继续阅读，感谢您的关注。"), para("第一部分：上半年全县经济运行稳中有进。"), para("(责编：王丹)")),
				page(title, para("温馨提示：本文内容较长，共分为三页，请点击页面下方的页码继续阅读，感谢您的关注。"), para("第二部分：农业生产形势良好。"), para("(责编：王丹)")),
				page(title, para("温馨提示：本文内容较长，共分为三页，请点击页面下方的页码继续阅读，感谢您的关注。"), para("第三部分：下半年工作安排。"), para("(责编：王丹)")),
			},
			want: []string{"第一部分：上半年全县经济运行稳中有进。", "第二部分：农业生产形势良好。", "第三部分：下半年工作安排。"},
		},
		{
			name: "prose closing every page is the template's",
			pages: []*Page{
				page(title, para("第一页正文。"), para("本网站所刊登的信息均来源于各单位，如有侵权请与本网站联系删除。")),
				page(title, para("第二页正文。"), para("本网站所刊登的信息均来源于各单位，如有侵权请与本网站联系删除。")),
			},
			want: []string{"第一页正文。", "第二页正文。"},
		},
		{
			name: "one page: nothing is evidence of anything",
			pages: []*Page{
				page(title, para("推荐阅读"), para("正文。")),
			},
			want: []string{"推荐阅读", "正文。"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Stitch(tt.pages)
			if got := strings.Split(d.Text, "\n"); !slices.Equal(got, tt.want) {
				t.Errorf("text:\n got %q\nwant %q", got, tt.want)
			}
			if len(d.Tables) != tt.tables || !slices.Equal(d.Skipped, tt.skipped) || d.Title != title {
				t.Errorf("%d tables, skipped %v, title %q; want %d, %v", len(d.Tables), d.Skipped, d.Title, tt.tables, tt.skipped)
			}
		})
	}
}

// TestStitchDropsBarText: a page bar the content extractor kept as text
// (WordPress's "Pages: 1 2 Next", different on every page) is dropped by
// the bar pagination read.
func TestStitchDropsBarText(t *testing.T) {
	raw := func(n string) []byte {
		return []byte(`<html><head><title>甲</title></head><body><h1>甲</h1><div class="entry-content"><p>` +
			strings.Repeat("第"+n+"页的正文，写得很长。", 12) + `</p><div class="page-links">Pages: ` +
			map[string]string{"1": `<span>1</span> <a href="/a/2/">2</a> <a href="/a/2/">Next</a>`, "2": `<a href="/a/">Previous</a> <a href="/a/">1</a> <span>2</span>`}[n] + `</div></div></body></html>`)
	}
	p1, err1 := Parse(raw("1"), "text/html; charset=utf-8", "http://x.cn/a/", nil)
	p2, err2 := Parse(raw("2"), "text/html; charset=utf-8", "http://x.cn/a/2/", nil)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	d := Stitch([]*Page{p1, p2})
	if strings.Contains(d.Text, "Pages") || len(d.Blocks) != 2 {
		t.Errorf("stitched text %q", d.Text)
	}
}
