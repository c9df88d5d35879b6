package attachment

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"folio/internal/testfiles"
)

func TestText(t *testing.T) {
	docx := testfiles.DOCX([]string{"株洲市芦淞区2019年政府信息公开年度报告", "互联网+政务服务 办结率为100%"},
		[][]string{{"信息内容", "本年新制作数量"}, {"规章", "0"}})
	xlsx := testfiles.XLSX("统计表", [][]string{{"项目", "数量", "金额"}, {"政府集中采购", "542", "14246.73"}})
	tests := []struct {
		name   string
		data   []byte
		file   string
		format Format
		want   string
		err    error
	}{
		{"docx", docx, "2019年报.docx", DOCX,
			"株洲市芦淞区2019年政府信息公开年度报告\n互联网+政务服务 办结率为100%\n信息内容\t本年新制作数量\n规章\t0", nil},
		{"xlsx", xlsx, "统计.xlsx", XLSX, "统计表\n项目\t数量\t金额\n政府集中采购\t542\t14246.73", nil},
		{"old doc", append([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), make([]byte, 512)...), "a.doc", DOC, "", ErrNoText},
		{"wps et", append([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), make([]byte, 512)...), "a.et", XLS, "", ErrNoText},
		{"jpeg", []byte("\xff\xd8\xff\xe0 jpeg"), "a.jpg", Image, "", ErrNoText},
		{"plain zip", zipWith("a.txt", "hello"), "a.zip", Zip, "", ErrNoText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, f, err := Text(context.Background(), tt.data, "", tt.file)
			if f != tt.format || !errors.Is(err, tt.err) || (tt.err == nil && err != nil) || text != tt.want {
				t.Fatalf("Text = %q, %q, %v; want %q, %q, %v", text, f, err, tt.want, tt.format, tt.err)
			}
		})
	}
}

func TestPDFText(t *testing.T) {
	pdf := testfiles.PDF("Lusong District 2019 Annual Report", "Completion rate 100% (+12)")
	text, f, err := Text(context.Background(), pdf, "application/pdf", "report.pdf")
	if !HavePdftotext() {
		if f != PDF || !errors.Is(err, ErrNoPdftotext) {
			t.Fatalf("without pdftotext: %q, %v", f, err)
		}
		t.Skip("pdftotext not installed: the PDF is stored without text")
	}
	if err != nil || f != PDF {
		t.Fatal(f, err)
	}
	if !strings.Contains(text, "Lusong District 2019 Annual Report") || !strings.Contains(text, "Completion rate 100% (+12)") {
		t.Fatalf("pdf text = %q", text)
	}
}

// A DOCX whose document.xml inflates beyond MaxText is refused, not read.
func TestZipBombBounded(t *testing.T) {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte("<w:document><w:body>"))
	chunk := bytes.Repeat([]byte("<w:p/>"), 1<<16)
	for range MaxText/len(chunk) + 2 {
		w.Write(chunk)
	}
	zw.Close()
	if b.Len() > 1<<20 {
		t.Fatalf("bomb is %d bytes; should be small", b.Len())
	}
	_, _, err := Text(context.Background(), b.Bytes(), "", "bomb.docx")
	if err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Fatalf("err = %v", err)
	}
}

func zipWith(name, content string) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create(name)
	w.Write([]byte(content))
	zw.Close()
	return b.Bytes()
}
