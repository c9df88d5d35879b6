// Package errtext words errors for the log and the terminal. The contract
// promises one line per error, and one article can fail in several places
// at once (a page and an attachment), each to be reported on its own line
// with its URL.
package errtext
