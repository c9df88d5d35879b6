package extract

import (
	"reflect"
	"strings"
	"testing"
)

func parseTest(t *testing.T, body string) *Page {
	t.Helper()
	html := `<html><head><meta charset="utf-8"><title>测试文章_测试网</title></head><body>` + body + `</body></html>`
	p, err := Parse([]byte(html), "text/html", "http://t.test/a/1.html", nil)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

const prose = `<p>本年度报告根据《中华人民共和国政府信息公开条例》的要求编制，全文由基本情况概述，主动公开政府信息情况，依申请公开情况等部分组成。</p>
<p>二〇一九年，我区在市委、市政府的正确领导下，紧紧围绕区政府中心工作以及社会公众关切的热点领域问题，认真贯彻落实条例。</p>`

func TestTableSpansRepeated(t *testing.T) {
	p := parseTest(t, `<h1>测试文章</h1><div class="content">`+prose+`
<table border="1">
<tr><td rowspan="2">申请人情况</td><td colspan="2">自然人</td><td rowspan="2">总计</td></tr>
<tr><td>商业企业</td><td>科研机构</td></tr>
<tr><td>本年新收</td><td>11</td><td></td><td>11</td></tr>
</table>`+prose+`</div>`)
	var tables [][][]string
	for _, b := range p.Blocks {
		if b.Kind == Table {
			tables = append(tables, b.Rows)
		}
	}
	want := [][][]string{{
		{"申请人情况", "自然人", "自然人", "总计"},
		{"申请人情况", "商业企业", "科研机构", "总计"},
		{"本年新收", "11", "", "11"},
	}}
	if !reflect.DeepEqual(tables, want) {
		t.Fatalf("tables = %q\nwant %q", tables, want)
	}
	if !strings.Contains(p.Text(), "申请人情况\t自然人\t自然人\t总计\n申请人情况\t商业企业\t科研机构\t总计") {
		t.Errorf("table rows not in text:\n%s", p.Text())
	}
}

func TestLayoutTablesAreNotData(t *testing.T) {
	tests := map[string]string{
		"one column": `<table><tr><td>` + prose + `</td></tr><tr><td>` + prose + `</td></tr></table>`,
		"menu":       `<table><tr><td><a href="/1">首页</a></td><td><a href="/2">新闻</a></td></tr><tr><td><a href="/3">政务</a></td><td><a href="/4">服务</a></td></tr></table>` + prose,
		"nested":     `<table><tr><td><table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table></td><td>x</td></tr><tr><td>y</td><td>z</td></tr></table>` + prose,
		"prose grid": `<table><tr><td>` + prose + `</td><td>` + prose + `</td></tr><tr><td>` + prose + `</td><td>` + prose + `</td></tr></table>`,
	}
	for name, body := range tests {
		t.Run(name, func(t *testing.T) {
			p := parseTest(t, `<div class="content">`+body+`</div>`)
			for _, b := range p.Blocks {
				// A data table inside a layout table is fine; the layout
				// table itself (cells x, y, z) must not be one.
				if b.Kind == Table && (name != "nested" || strings.Contains(b.Text, "x")) {
					t.Fatalf("layout table taken as data: %q", b.Rows)
				}
			}
		})
	}
}

// TestBlankTableRows: a row of blank cells of its own stands where it is
// alone — a 复议/诉讼 table's one row of nothing to report, a ruled budget
// table's blank line before its totals — and goes where it is a run (a
// Word table's empty rows) or a spacer; a <caption> stands over its table.
func TestBlankTableRows(t *testing.T) {
	row := func(cells ...string) string { return "<tr><td>" + strings.Join(cells, "</td><td>") + "</td></tr>" }
	blank := row("", "", "", "")
	head := row("行政复议", "结果维持", "结果纠正", "总计")
	data := row("本年", "1", "0", "1")
	for _, tc := range []struct {
		name, table string
		rows        int
	}{
		{"one blank row of nothing to report, last", `<table border="1">` + row("行政复议", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计") +
			row("件", "件", "件", "件", "件", "件") + row("", "", "", "", "", "") + `</table>`, 3},
		{"a small table's blank last row (a Word paste's spacing)", `<table border="1">` + head + data + blank + `</table>`, 2},
		{"a ruled table's blank line before its totals", `<table border="1">` + head + data + blank + row("合计", "1", "0", "1") + `</table>`, 4},
		{"a Word table's empty rows at its end", `<table border="1" class="MsoNormalTable">` + head + data + data + blank + blank + blank + `</table>`, 3},
		{"spacers between every other row", `<table>` + head + blank + data + blank + data + blank + data + `</table>`, 4},
		{"a blank row in an unruled table", `<table>` + head + data + blank + data + `</table>`, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := parseTest(t, `<h1>测试文章</h1><div class="content">`+prose+tc.table+prose+`</div>`)
			var tables [][][]string
			for _, b := range p.Blocks {
				if b.Kind == Table {
					tables = append(tables, b.Rows)
				}
			}
			if len(tables) != 1 || len(tables[0]) != tc.rows {
				t.Errorf("tables %q, want one of %d rows", tables, tc.rows)
			}
		})
	}
	p := parseTest(t, `<h1>测试文章</h1><div class="content">`+prose+`<table border="1"><caption>单位：万元</caption>`+head+data+`</table>`+prose+`</div>`)
	if !strings.Contains(p.Text(), "单位：万元\n行政复议\t结果维持") {
		t.Errorf("the caption does not stand over its table:\n%s", p.Text())
	}
}
