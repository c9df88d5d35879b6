// Package attachment reads the text of the files an article links to — the
// PDF, DOCX or XLSX that often is the report itself — so that `folio show`
// and later searches see it.
//
// DOCX and XLSX are zip files of XML and are read in pure Go. PDF text comes
// from poppler's pdftotext when it is installed (folio never fails without
// it: the file is stored raw and its text is simply absent). The old binary
// Office formats (DOC, XLS, PPT) and WPS files are stored raw with no text.
//
// Every reader is bounded: a zip bomb stops at MaxText bytes of XML, and
// pdftotext runs with a deadline.
package attachment
