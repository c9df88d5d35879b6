// Package testfiles makes small but real office files and PDFs for tests:
// attachments with a known text, built from code so every byte can be
// explained (no binary blobs in testdata).
package testfiles
