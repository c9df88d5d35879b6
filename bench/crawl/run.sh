#!/usr/bin/env bash
# Crawl benchmark: folio with politeness off against a bare colly crawl of
# the same loopback portal, served by nginx with gzip, rounds alternating.
#
#   bash bench/crawl/run.sh            # 20 hosts x 100 articles x 3 pages (~6,000 pages of ~27 KiB)
#   ROUNDS=5 bash bench/crawl/run.sh
#   BIG=1 bash bench/crawl/run.sh      # also one folio run over ~100,000 pages (peak RSS)
#
# Needs root for apt-get (nginx-light, time) the first time. Everything runs
# on 127.0.0.1; nginx is stopped when the script ends. Work files go to
# $BENCH_DIR (default /tmp/folio-bench).
set -euo pipefail
cd "$(dirname "$0")/../.."

ROUNDS=${ROUNDS:-3}
HOSTS=${HOSTS:-20}
ARTICLES=${ARTICLES:-100}
PAGES=${PAGES:-3}
BASE_PORT=${BASE_PORT:-18001}
INFLIGHT=${INFLIGHT:-32}          # requests in flight, both crawlers
PARALLEL=$((INFLIGHT / 8))        # folio: hosts at once, 8 per host
DIR=${BENCH_DIR:-/tmp/folio-bench}

need() { command -v "$1" >/dev/null 2>&1 || [ -x "$2" ]; }
if ! need nginx /usr/sbin/nginx || ! [ -x /usr/bin/time ]; then
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light time >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

mkdir -p "$DIR"
go build -o "$DIR/folio" ./cmd/folio
go build -o "$DIR/bare" ./bench/crawl/bare
go build -o "$DIR/dbsize" ./bench/crawl/dbsize

# portal NAME ARTICLES: generate once per shape.
portal() {
	local name=$1 articles=$2 root="$DIR/$1"
	if [ ! -f "$root/.done-$HOSTS-$articles-$PAGES" ]; then
		rm -rf "$root"
		go run ./bench/crawl/gen -out "$root" -hosts "$HOSTS" -articles "$articles" -pages "$PAGES" -base-port "$BASE_PORT" >&2
		touch "$root/.done-$HOSTS-$articles-$PAGES"
	fi
	echo "$root"
}

# serve ROOT: nginx with one server block per host, gzip (precompressed
# files via gzip_static, on the fly otherwise), ETag and Last-Modified.
serve() {
	local root=$1 conf="$DIR/nginx.conf"
	stop_nginx
	{
		echo "worker_processes 1; pid $DIR/nginx.pid; error_log $DIR/nginx-error.log;"
		echo "events { worker_connections 4096; }"
		echo "http {"
		echo "  log_format bench '\$server_port \$request_uri \$status \$body_bytes_sent';"
		echo "  access_log $DIR/access.log bench;"
		echo "  types { text/html html; text/plain txt; application/xml xml; }"
		echo "  default_type text/html;"
		echo "  gzip on; gzip_static on; gzip_comp_level 6; gzip_types text/plain application/xml; gzip_vary on;"
		echo "  keepalive_requests 1000000; keepalive_timeout 120s;"
		for i in $(seq 1 "$HOSTS"); do
			printf '  server { listen 127.0.0.1:%d; root %s/h%02d; index index.html; }\n' $((BASE_PORT + i - 1)) "$root" "$i"
		done
		echo "}"
	} >"$conf"
	: >"$DIR/access.log"
	"$NGINX" -c "$conf" -p "$DIR" -e "$DIR/nginx-error.log"
	sleep 0.3
}
stop_nginx() {
	if [ -f "$DIR/nginx.pid" ] && kill -0 "$(cat "$DIR/nginx.pid")" 2>/dev/null; then
		kill -QUIT "$(cat "$DIR/nginx.pid")"
		sleep 0.5
	fi
}
trap stop_nginx EXIT

seeds() {
	for i in $(seq 1 "$HOSTS"); do printf 'http://127.0.0.1:%d/news/ ' $((BASE_PORT + i - 1)); done
}

# measure NAME CMD...: runs CMD under /usr/bin/time and prints one result
# line: name seconds cpu_seconds peak_rss_kib requests distinct_urls store_file_bytes store_used_bytes
measure() {
	local name=$1
	shift
	local before
	before=$(wc -l <"$DIR/access.log")
	/usr/bin/time -f '%e %U %S %M' -o "$DIR/time.out" "$@" >"$DIR/$name.out" 2>"$DIR/$name.err" || {
		echo "$name failed:" >&2
		cat "$DIR/$name.err" >&2
		exit 1
	}
	local store="0 0"
	[ -f "$DIR/run.db" ] && store=$("$DIR/dbsize" "$DIR/run.db")
	read -r wall user sys rss <"$DIR/time.out"
	tail -n +$((before + 1)) "$DIR/access.log" | awk -v name="$name" -v wall="$wall" -v user="$user" -v sys="$sys" -v rss="$rss" -v store="$store" '
		{ n++; seen[$1 " " $2]++ }
		END { d = 0; for (k in seen) d++; printf "%s %s %.2f %s %d %d %s\n", name, wall, user + sys, rss, n, d, store }'
}

report() {
	awk '
		{ pages = $5; rate = pages / $2; cpu = $3 / pages * 1000; rss = $4 / 1024
		  per = ($7 > 0) ? sprintf("%.1f (%.1f in use)", $7 / pages / 1024, $8 / pages / 1024) : "-"
		  printf "%-6s %7d pages %6.2fs %7.0f pages/s %6.2f CPU-s/1000 pages %6.0f MB peak RSS %18s KiB stored/page %5.3f fetches/URL\n", $1, pages, $2, rate, cpu, rss, per, $5 / $6
		  n[$1]++; r[$1] += rate; c[$1] += cpu; m[$1] = (rss > m[$1]) ? rss : m[$1] }
		END {
		  if (n["bare"] && n["folio"]) {
		    printf "\nmean over %d rounds: bare %.0f pages/s %.2f CPU-s/1000; folio %.0f pages/s %.2f CPU-s/1000, peak RSS %.0f MB\n", n["folio"], r["bare"]/n["bare"], c["bare"]/n["bare"], r["folio"]/n["folio"], c["folio"]/n["folio"], m["folio"]
		    printf "folio/bare: %.2fx pages/s (target >= 0.55), %.2fx CPU per page (target <= 2.0, aim 1.5)\n", (r["folio"]/n["folio"])/(r["bare"]/n["bare"]), (c["folio"]/n["folio"])/(c["bare"]/n["bare"])
		  }
		}'
}

root=$(portal portal "$ARTICLES")
serve "$root"
SEEDS=$(seeds)
echo "portal: $root ($HOSTS hosts x $ARTICLES articles x $PAGES pages), $INFLIGHT requests in flight" >&2
# Warm the page cache and the connections' code paths; not counted.
"$DIR/bare" -parallel "$INFLIGHT" $SEEDS >/dev/null

results="$DIR/results.txt"
: >"$results"
for r in $(seq 1 "$ROUNDS"); do
	rm -f "$DIR/run.db" "$DIR/run.db.lock"
	measure bare "$DIR/bare" -parallel "$INFLIGHT" $SEEDS >>"$results"
	rm -f "$DIR/run.db" "$DIR/run.db.lock"
	# shellcheck disable=SC2086
	measure folio "$DIR/folio" crawl --db "$DIR/run.db" --delay 0 --per-host 8 --parallel "$PARALLEL" \
		--ignore-robots --json -q $SEEDS >>"$results"
	echo "round $r done" >&2
done
report <"$results"

# The next nights on the last round's store: nothing due (seeds re-read
# only), then every article re-checked with conditional requests (304s).
for extra in "" "--revisit-min 0"; do
	before=$(wc -l <"$DIR/access.log")
	# shellcheck disable=SC2086
	"$DIR/folio" crawl --db "$DIR/run.db" --delay 0 --per-host 8 --parallel "$PARALLEL" --ignore-robots -q $extra $SEEDS
	echo "  (${extra:-default revisit policy}: $(($(wc -l <"$DIR/access.log") - before)) requests)"
done

if [ "${BIG:-0}" = 1 ]; then
	big=$(portal big $((100000 / HOSTS / PAGES + 1)))
	serve "$big"
	rm -f "$DIR/run.db" "$DIR/run.db.lock"
	# shellcheck disable=SC2086
	measure folio "$DIR/folio" crawl --db "$DIR/run.db" --delay 0 --per-host 8 --parallel "$PARALLEL" \
		--ignore-robots --json -q $SEEDS >"$DIR/big.txt"
	echo
	echo "100,000-page crawl:"
	report <"$DIR/big.txt"
fi
