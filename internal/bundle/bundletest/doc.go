// Package bundletest helps tests read the bundles folio writes.
package bundletest
