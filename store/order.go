package store

import (
	"bytes"

	bolt "go.etcd.io/bbolt"
)

// The doc_order bucket orders documents by when they last changed, for
// Documents (list, the JSONL export, a WACZ's pages). Documents reads it in
// short spells while writers go on, so a document can change between two
// of its transactions; a changed document moves to the key of its new
// change time. A walk that trusted the keys alone would miss a document
// that moved to where it had been already, and meet twice one that moved
// to where it was still to go.
//
// So a move leaves the old entry behind, marked with when it moved, and a
// walk visits each document at the entry that was its live one when the
// walk began. "When" is the bucket's sequence, bumped by every move:
//
//	key   changed time(8) doc id
//	value ""                               live, stored before entries had sequences
//	      created seq(8)                   live
//	      created seq(8) moved seq(8)      left behind by a move
//
// An entry was a document's live one at sequence s when it was created at
// or before s and had not moved by s. Every document has exactly one live
// entry, and entries are never deleted, so a walk that begins at s and
// visits the entries live at s visits each document that existed then
// exactly once, in the order they had then. Left-behind entries cost one
// small key per version of a document.

// orderEntry is a decoded doc_order value.
type orderEntry struct {
	created, moved uint64 // moved is 0 for a live entry
}

func decodeOrder(v []byte) orderEntry {
	var e orderEntry
	if len(v) >= 8 {
		e.created = getU64(v[:8])
	}
	if len(v) >= 16 {
		e.moved = getU64(v[8:16])
	}
	return e
}

// liveAt says whether the entry was its document's live one at seq.
func (e orderEntry) liveAt(seq uint64) bool {
	return e.created <= seq && (e.moved == 0 || e.moved > seq)
}

// moveOrder makes key the document's live entry in doc_order, leaving its
// old live entry (nil for a new document) behind.
func moveOrder(order *bolt.Bucket, old, key []byte) error {
	if old != nil && bytes.Equal(old, key) {
		return nil // changed again at the same instant: it stays where it is
	}
	seq, err := order.NextSequence()
	if err != nil {
		return err
	}
	if old != nil {
		if v := order.Get(old); v != nil && decodeOrder(v).moved == 0 {
			e := decodeOrder(v)
			left := append(u64(e.created), u64(seq)...)
			if err := order.Put(old, left); err != nil {
				return err
			}
		}
	}
	return order.Put(key, u64(seq))
}

// leaveOrder leaves a document's live entry behind without a new one: the
// document is gone (merged into another, see merge.go).
func leaveOrder(order *bolt.Bucket, key []byte) error {
	if len(key) == 0 {
		return nil // a record written before it had an order key
	}
	v := order.Get(key)
	if v == nil || decodeOrder(v).moved != 0 {
		return nil
	}
	seq, err := order.NextSequence()
	if err != nil {
		return err
	}
	return order.Put(key, append(u64(decodeOrder(v).created), u64(seq)...))
}
