// Package extract turns the raw bytes of a fetched page into what folio keeps
// of it: the title, publish time, source and author, the main text with its
// tables, the links to the article's other pages, and the links a crawler
// follows. It is pure — bytes in, page out; no network, no store — so every
// rule is tested on saved pages.
//
// The steps, in the order Parse runs them:
//
//  1. Decode the bytes to UTF-8 (package charset decides the encoding).
//  2. Parse the HTML and drop what is never content (scripts, styles, forms'
//     controls, hidden elements).
//  3. Read the metadata: title without the site's suffix, publish time,
//     source and author from the byline near the title.
//  4. Find the main content: containers that Chinese CMSs are known to use
//     first, then a text-density score made for CJK (length in runes,
//     Chinese punctuation as the sign of prose, link density as the sign of
//     navigation).
//  5. Turn the content into blocks (headings, paragraphs, data tables), with
//     boilerplate lines (counters, share bars, page bars, 上一篇/下一篇)
//     removed.
//  6. Read the pagination: numbered bars, 下一页 links, rel=next, script-written
//     bars, and the URL families of the common CMSs.
//
// Stitch joins the pages of one article into one document and uses the pages
// as evidence of each other's boilerplate: what repeats on every page is not
// content.
package extract
