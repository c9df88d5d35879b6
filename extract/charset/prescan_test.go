package charset

import (
	"strings"
	"testing"
)

func TestMetaCharset(t *testing.T) {
	late := "<html><head><script>" + strings.Repeat("var a = '<div>' + 1;\n", 80) + "</script>"
	style := "<style>" + strings.Repeat(".a { color: red; }\n", 80) + "</style>"
	tests := []struct {
		name, html, want string
	}{
		{"charset attribute", `<meta charset="gb2312">`, "gbk"},
		{"pragma", `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`, "gbk"},
		{"pragma, attributes reversed", `<META CONTENT="text/html; charset=BIG5" HTTP-EQUIV="content-type">`, "big5"},
		{"pragma, unquoted", `<meta http-equiv=Content-Type content=text/html; charset=gb2312>`, "gbk"},
		{"pragma, no space", `<meta http-equiv="content-type" content="text/html;charset=GB2312"/>`, "gbk"},
		{"single quotes", `<meta charset='utf-8'>`, "utf-8"},
		{"quoted inside content", `<meta http-equiv="Content-Type" content='text/html; charset="gbk"'>`, "gbk"},
		{"content without http-equiv", `<meta content="text/html; charset=gbk">`, ""},
		{"http-equiv refresh", `<meta http-equiv="refresh" content="5; charset=gbk">`, ""},
		{"charset attribute beats content", `<meta http-equiv="Content-Type" content="text/html; charset=big5" charset="gbk">`, "gbk"},
		{"first of a repeated attribute", `<meta charset="gbk" charset="big5">`, "gbk"},
		{"unknown label skipped", `<meta charset="klingon"><meta charset="gbk">`, "gbk"},
		{"utf-16 means utf-8", `<meta charset="utf-16le">`, "utf-8"},
		{"x-user-defined means windows-1252", `<meta charset="x-user-defined">`, "windows-1252"},
		{"in a comment", `<!-- <meta charset="big5"> --><meta charset="gbk">`, "gbk"},
		{"short comment", `<!--><meta charset="gbk">`, "gbk"},
		{"'>' in an attribute", `<link title="a>b <meta charset=big5>"><meta charset="gbk">`, "gbk"},
		{"<metadata> is not <meta>", `<metadata charset="big5"><meta charset="gbk">`, "gbk"},
		{"late, after a script", late + `<meta charset="gbk">`, "gbk"},
		{"late, after a style", `<head>` + style + `<title>x</title><meta http-equiv="Content-Type" content="text/html; charset=gbk">`, "gbk"},
		{"late, after the body started", late + `<body><meta charset="gbk">`, ""},
		{"late, after a div", style + `<div><meta charset="gbk">`, ""},
		{"early, even in the body", `<body><meta charset="gbk">`, "gbk"},
		{"unterminated comment", `<!-- <meta charset="gbk">`, ""},
		{"unterminated script", `<script><meta charset="gbk">`, ""},
		{"nothing", `<html><head><title>x</title></head><body>…</body></html>`, ""},
		{"empty", ``, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := metaCharset([]byte(tt.html)); got != tt.want {
				t.Errorf("metaCharset(%.80q) = %q, want %q", tt.html, got, tt.want)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ label, want string }{
		{"GB2312", "gbk"},
		{"gb2312", "gbk"},
		{"x-gbk", "gbk"},
		{"cp936", "gbk"},
		{"gbk", "gbk"},
		{" GBK ", "gbk"},
		{`"gbk"`, "gbk"},
		{"euc-cn", "gbk"},
		{"gb18030", "gb18030"},
		{"big5", "big5"},
		{"big5-hkscs", "big5"},
		{"cp950", "big5"},
		{"utf8", "utf-8"},
		{"UTF-8", "utf-8"},
		{"unicode-1-1-utf-8", "utf-8"},
		{"utf-16", "utf-16le"},
		{"iso-8859-1", "windows-1252"},
		{"latin1", "windows-1252"},
		{"shift_jis", "shift_jis"},
		{"hz-gb-2312", ""},
		{"klingon", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Normalize(tt.label); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.label, got, tt.want)
		}
	}
}

func TestHeaderCharset(t *testing.T) {
	tests := []struct{ contentType, want string }{
		{"text/html; charset=gb2312", "gbk"},
		{"text/html;charset=UTF-8", "utf-8"},
		{`text/html; charset="big5"`, "big5"},
		{"text/html; charset=gbk;", "gbk"},
		{"text/html; charset=gbk;;", "gbk"},
		{"text/html, charset=gbk", "gbk"},
		{"text/html; foo=bar; charset=gb18030", "gb18030"},
		{"text/html", ""},
		{"text/html; charset=", ""},
		{"text/html; charset=klingon", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := headerCharset(tt.contentType); got != tt.want {
			t.Errorf("headerCharset(%q) = %q, want %q", tt.contentType, got, tt.want)
		}
	}
}
