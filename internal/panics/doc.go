// Package panics turns a recovered panic into an error that says where it
// happened, so that a bug met on one page (one file, one record) fails that
// page with a one-line message, not the whole run with a stack trace.
package panics
