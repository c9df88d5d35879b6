package extract

import (
	"slices"
	"strings"
	"testing"
)

// TestAttachmentsLeaveTemplateImages: the images of the bars and boxes a
// CMS puts inside the article container (PHPCMS v9's Article-Tool with its
// share, print and favourite icons, a related list with thumbnails, 动易's
// share bar) are not attachments; the images and files of the text are.
func TestAttachmentsLeaveTemplateImages(t *testing.T) {
	for _, c := range []struct {
		file, url string
		want      []string
	}{
		{"phpcms-tool.html", "http://t.test/show-12-345-1.html", []string{
			"http://t.test/uploadfile/2024/0315/20240315022036123.jpg",
			"http://t.test/uploadfile/2024/0315/20240315022036456.pdf",
		}},
		{"dongyi-share.html", "http://t.test/Article/ShowArticle.asp?ArticleID=88", []string{
			"http://t.test/UploadFiles/2024/3/202403151020123.jpg",
		}},
	} {
		t.Run(c.file, func(t *testing.T) {
			p := parseFile(t, "testdata/attachments/"+c.file, c.url)
			var got []string
			for _, a := range p.Attachments {
				got = append(got, a.URL)
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("attachments = %q\nwant %q", got, c.want)
			}
			if text := p.Text(); strings.Contains(text, "分享到") || strings.Contains(text, "打印") {
				t.Errorf("the tool bar is in the text:\n%s", text)
			}
		})
	}
}
