// Package extract turns the raw bytes of a fetched page into what folio keeps
// of it: the title, publish time, source and author, the main text with its
// tables, the links to the article's other pages, and the links a crawler
// follows. It is pure — bytes in, page out; no network, no store — so every
// rule is tested on saved pages.
//
// The steps, in the order Parse runs them (page.go):
//
//  1. Decode the bytes to UTF-8 (package charset decides the encoding) and
//     parse the HTML. Read what the page says of itself in markup in one
//     walk (head.go): <title>, <meta>, canonical, <base>, <time datetime>,
//     JSON-LD.
//  2. Read the links and the pagination, then drop what is never content
//     (scripts, styles, form controls, hidden elements).
//  3. Find the main content (content.go). Containers that Chinese CMSs are
//     known to use (TRS_Editor, Custom_UnionStyle, zoom, article-content…)
//     first, when they hold prose. Else Readability's scoring made CJK-aware:
//     text is weighed in units where a CJK character counts three Latin
//     letters, Chinese punctuation is the comma signal, unpunctuated text
//     (names, table cells) scores only when long, and boxes whose class or
//     id (names.go, pinyin names included: xgwz, pinglun, tuijian…), element
//     or role say comment, sidebar or footer do not score. A forum page
//     (forum.go: Discuz!'s and phpwind's message cells) is its posts, each
//     with its poster; the page reads as its first poster's posts. On other
//     pages of dated posts (blog archives) the first post is the article;
//     chunks of one article split by ads are gathered.
//  4. Read the metadata (meta.go: the text lines it reads; title.go;
//     byline.go: where bylines stand and how labels read; published.go and
//     date.go; source.go; author.go) from the byline: the lines around the
//     title's heading and before the content's start, and the content's
//     last lines; then <meta> and JSON-LD; then the URL. Dates are
//     ranked (a labelled byline date first; a header's clock and a footer's
//     "2019-2021" are never dates), keep their time, and take the page's
//     offset, else the site's time zone.
//  5. Turn the content into blocks (blocks.go): headings, paragraphs, list
//     items, captions, data tables (table.go; layout tables are walked
//     through), leaving out bars, related boxes, link lists, counters, tool
//     links, the title and the byline.
//  6. List the attachments and decide whether the page is an article or a
//     list page (kind.go).
//
// Stitch joins the pages of one article into one document and uses the pages
// as evidence of each other's boilerplate: what repeats on every page is not
// content. A forum thread stitches to its author's posts, page 1's first
// poster's, on every page.
//
// # Measuring
//
// TestCorpus scores extraction on the corpora in ../shared/corpus (see its
// README) and prints the worst pages: go test ./extract -run TestCorpus -v.
// BenchmarkCorpus measures MB/s over each corpus.
//
// # Caveats
//
// Image captions are kept, as folio's contract asks, although the annotators
// of the English scrapinghub benchmark left them out of their text (it costs
// about 0.01 of F1 there). A date given to the month only (2003年5月, a
// magazine's 1996年6月号) is dated to the first of the month, and only when
// nothing else dates the page. Day-first and month-first dates (06/02/2022)
// are read only when the numbers or a <meta> date decide which.
package extract
