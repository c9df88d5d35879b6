#!/bin/sh
# Regenerates the GBK-encoded files of the sample portal from their UTF-8
# sources under src/. Every file under src/ is converted with
#     iconv -f utf-8 -t gbk
# and given CRLF line endings (the portal is modelled on an IIS/ASP-era CMS),
# then written to the same relative path outside src/.
# iconv fails (and so does this script) if a source holds a character that GBK
# cannot encode; write such characters as HTML entities (&copy; for the
# copyright sign, for instance).
# The UTF-8 pages (news/...), static/, robots.txt, headers.txt and the binary
# files are not generated: they are kept as they are.
set -eu
cd "$(dirname "$0")"
find src -type f | sort | while IFS= read -r f; do
	out=${f#src/}
	mkdir -p "$(dirname "$out")"
	iconv -f utf-8 -t gbk "$f" | LC_ALL=C sed 's/$/\r/' > "$out.tmp"
	mv "$out.tmp" "$out"
	echo "gbk  $out"
done
