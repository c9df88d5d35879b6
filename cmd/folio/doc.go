// Command folio archives local news and government portals: it crawls them
// politely, stitches multi-page articles into documents, stores deduplicated
// snapshots, and exports WARC, WACZ and JSONL bundles.
//
// Run `folio help` for the commands. Its commands, flags, JSON and exit
// codes keep the project's contract (CONTRACT.md, kept beside this
// repository, not in it); README.md shows them in use.
package main
