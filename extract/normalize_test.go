package extract

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/unicode/norm"
)

func TestCleanLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  a  b\t c ", "a b c"},
		{"\u3000\u3000本年度报告根据", "本年度报告根据"}, // ideographic-space indentation
		{"&nbsp;文本", "&nbsp;文本"},           // entities are the parser's job, not ours
		{"\u00a0\u00a0文本\u00a0内容", "文本 内容"},
		{"互联网+政务服务，办结率为100%", "互联网+政务服务，办结率为100%"},
		{"a < b && c > d", "a < b && c > d"},
		{"ＡＢＣ１２３", "ＡＢＣ１２３"}, // full-width kept verbatim
		{"soft\u00adhyphen zero\u200bwidth", "softhyphen zerowidth"},
		{"本年新\n制作数量", "本年新制作数量"}, // a line break between CJK characters disappears
		{"本年新 制作数量", "本年新 制作数量"}, // a real space stays
		{"word\nword", "word word"},
		{"中文\nEnglish", "中文 English"},
		{"NUL\x00byte", "NULbyte"},
		{"broken \ufffd byte", "broken \ufffd byte"},
	}
	for _, tt := range tests {
		if got := cleanLine(tt.in); got != tt.want {
			t.Errorf("cleanLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestContentHash(t *testing.T) {
	same := [][2]string{
		{"ＡＢＣ１２３", "ABC123"},      // full-width vs half-width
		{"一  段\n\n文字", "一 段\n文字"}, // white space folded
		{"（一）组织领导", "(一)组织领导"},
		{"县政府 召开常务会议", "县政府召开常务会议"}, // a space between CJK characters, or a line break the text dropped
		{"数据显示， 本地企业", "数据显示，本地企业"}, // or between one and a punctuation mark
	}
	for _, p := range same {
		if ContentHash(p[0]) != ContentHash(p[1]) {
			t.Errorf("%q and %q hash differently", p[0], p[1])
		}
	}
	differ := [][2]string{
		{"办结率为100%", "办结率为100"},
		{"互联网+政务服务", "互联网 政务服务"},
		{"不断提升", "持续提升"},
		{"Hello world", "Helloworld"},
		{"第 2 条", "第2条"},
		{"Hello, world", "Hello,world"},
	}
	for _, p := range differ {
		if ContentHash(p[0]) == ContentHash(p[1]) {
			t.Errorf("%q and %q hash the same", p[0], p[1])
		}
	}
	if ContentHash("x", "sha1:A") == ContentHash("x", "sha1:B") {
		t.Error("extra (attachment digests) not hashed")
	}
}

// TestHashFormFast: the fast path agrees with NFKC and white-space folding
// wherever it answers.
func TestHashFormFast(t *testing.T) {
	slow := func(s string) string { return strings.Join(strings.Fields(norm.NFKC.String(s)), " ") }
	inputs := []string{
		"", "  ", "本年度报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）、",
		"ＡＢＣ１２３，：（）！？", "互联网+政务服务，办结率为100%", "a\u3000b\u00a0c\n\td",
		"“引号”‘单’—·、。〈〉《》「」『』【】", "e\u0301", "…", "ﾊﾝｶｸ", "①", "Ⅻ", "㈱", "ﬁ", "²",
		"\x00x", "x\u200by", "Ｔ１线", "～", "｟",
	}
	for _, in := range inputs {
		if got, ok := hashFormFast(in); ok && got != slow(in) {
			t.Errorf("hashFormFast(%q) = %q, NFKC gives %q", in, got, slow(in))
		}
		if hashForm(in) != slow(in) {
			t.Errorf("hashForm(%q) = %q, want %q", in, hashForm(in), slow(in))
		}
	}
	// Every character the fast path accepts maps as NFKC maps it.
	for r := rune(0); r < 0x10000; r++ {
		in := "a" + string(r) + "b"
		if got, ok := hashFormFast(in); ok && got != slow(in) {
			t.Fatalf("hashFormFast(%q) = %q, NFKC gives %q", in, got, slow(in))
		}
	}
}

// TestIsClean: a line isClean lets through is one foldLine leaves as it is.
func TestIsClean(t *testing.T) {
	for r := rune(0); r < 0x10000; r++ {
		for _, s := range []string{string(r), "a" + string(r) + "b", "中" + string(r) + " 文"} {
			if isClean(s) && foldLine(s) != s {
				t.Fatalf("isClean(%q) but foldLine gives %q", s, foldLine(s))
			}
		}
	}
	for _, s := range []string{"", " a", "a ", "a  b", "a\nb", "a\u00a0b", "a\u200bb", "本年度 报告"} {
		if got, want := cleanLine(s), foldLine(s); got != want {
			t.Errorf("cleanLine(%q) = %q, foldLine %q", s, got, want)
		}
	}
}

// TestCutLine: a line's cuts are where inline elements meet between two
// letters, at their offsets in the cleaned text; beside white space or
// punctuation there is none.
func TestCutLine(t *testing.T) {
	for _, tc := range []struct {
		parts []string // the line's text, an element boundary between each two
		text  string
		cuts  []int
	}{
		{[]string{"来源: ", "中国宁波网", "", "浙江", "举报", ""}, "来源: 中国宁波网浙江举报", []int{len("来源: 中国宁波网"), len("来源: 中国宁波网浙江")}},
		{[]string{"编辑：郑雅文", "播放：", "3421", ""}, "编辑：郑雅文播放：3421", []int{len("编辑：郑雅文")}},
		{[]string{"作者：", "张三", "、", "李四", ""}, "作者：张三、李四", nil},
		{[]string{"\u3000\u3000来源：", "新华社", "  ", "2024-03-05"}, "来源：新华社 2024-03-05", nil},
		{[]string{"  记者 ", "周敏", "2026-12-26  "}, "记者 周敏2026-12-26", []int{len("记者 周敏")}},
	} {
		var raw string
		var marks []int
		for i, p := range tc.parts {
			if i > 0 {
				marks = append(marks, len(raw))
			}
			raw += p
		}
		text, cuts := cutLine(raw, marks)
		if text != tc.text || !slices.Equal(cuts, tc.cuts) {
			t.Errorf("%q: %q %v, want %q %v", tc.parts, text, cuts, tc.text, tc.cuts)
		}
	}
}

// TestSpacedLabels: labels apart by white space are read as labelled
// fields when two of them have values; a header row of labels alone, one
// label, or a sentence are not.
func TestSpacedLabels(t *testing.T) {
	for _, tc := range []struct{ line, want string }{
		{"发布时间 2024-06-13 10:24 来源 临海市融媒体中心 作者 王一帆 浏览次数 --",
			"发布时间： 2024-06-13 10:24  来源： 临海市融媒体中心  作者： 王一帆  浏览次数： --"},
		{"来源 县融媒体中心 编辑 李华", "来源： 县融媒体中心  编辑： 李华"},
		{"标题 作者 发布时间", ""},
		{"来源 县融媒体中心", ""},
		{"作者 王一帆 来源 本报，转载请注明", ""},
		{"来源县融媒体中心作者王一帆", ""},
		{"标签： 记者 编辑 新闻伦理 来源 核实", ""},
		{"标签 作者 专栏 来源 评论", ""},
		{"2024-06-13 08:30 记者 王芳 摄影 李明 编辑 赵六", ""},
		{"作者 李白 朝代 唐 浏览 356", ""},
		{"2024-06-13 10:24 来源 县融媒体中心 作者 王一帆", "2024-06-13 10:24  来源： 县融媒体中心  作者： 王一帆"},
	} {
		if got := spacedLabels(tc.line); got != tc.want {
			t.Errorf("spacedLabels(%q) = %q, want %q", tc.line, got, tc.want)
		}
	}
}

// FuzzWithoutCJKSpaces: the scan by spaces drops what a rune-by-rune
// reading of the rule drops.
func FuzzWithoutCJKSpaces(f *testing.F) {
	for _, s := range []string{"县政府 召开", "数据显示, 本地", "Hello, world", "第 2 条", "a 中 b", "中 , 文"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		s := hashForm(raw) // its input: single spaces, trimmed
		if !utf8.ValidString(s) {
			return // texts are decoded: valid UTF-8
		}
		var want strings.Builder
		var prev rune
		for i, r := range s {
			if r == ' ' && joinsCJK(prev) {
				if next, _ := utf8.DecodeRuneInString(s[i+1:]); joinsCJK(next) && (isCJK(prev) || isCJK(next)) {
					continue
				}
			}
			want.WriteRune(r)
			prev = r
		}
		if got := withoutCJKSpaces(s); got != want.String() {
			t.Fatalf("withoutCJKSpaces(%q) = %q, want %q", s, got, want.String())
		}
	})
}

// TestFieldList: a letter's fields as a definition list (writer, time)
// read as one line of fields; a glossary, or fields of no letter, stay a
// list.
func TestFieldList(t *testing.T) {
	for dl, want := range map[string]bool{
		`<dl><dt>来信人：</dt><dd>刘**</dd><dt>来信时间：</dt><dd>2025-05-27 21:33</dd><dt>信件类型：</dt><dd>建议</dd></dl>`: true,
		`<dl><dt>回复单位：</dt><dd>仙桃市教育局</dd><dt>回复时间：</dt><dd>2025-06-03 10:12</dd></dl>`:                      true,
		`<dl><dt>托管时间</dt><dd>7月7日至8月8日</dd><dt>收费标准</dt><dd>报价格主管部门核定</dd></dl>`:                            false,
		`<dl><dt>项目名称：</dt><dd>城北污水管网改造</dd><dt>开工时间：</dt><dd>2024-06-01</dd></dl>`:                          false,
	} {
		doc, err := html.Parse(strings.NewReader("<html><body>" + dl + "</body></html>"))
		if err != nil {
			t.Fatal(err)
		}
		var n *html.Node
		for d := range doc.Descendants() {
			if d.DataAtom == atom.Dl {
				n = d
			}
		}
		if got := fieldList(n); got != want {
			t.Errorf("fieldList(%s) = %v, want %v", dl, got, want)
		}
	}
}
