#!/usr/bin/env bash
# Hub endpoint benchmark (issue 14, "Speed"): loopback, same run, medians of ROUNDS.
#   1. a cached 1 GiB file fetched with `curl -o` from HFDesk's /hub vs nginx (sendfile on) serving the same blob;
#   2. 8 clients at once on the same cached file: total throughput, HFDesk vs nginx;
#   3. a cold 1 GiB file pulled through from the Hub emulator by 4 concurrent clients: bytes the emulator sent
#      (must be ~1x the file) and the first client's time vs a direct `hfdesk download`.
# Usage: bench/hub-endpoint/run.sh [ROUNDS]   (needs curl, nginx, bc, python3; builds Release once)
#   BENCH_BIN=DIR reuses DIR/hfdesk and DIR/emulator from an earlier build instead of building.
set -euo pipefail
ROUNDS=${1:-3}
SIZE=1GiB
BYTES=$((1 << 30))
REPO_ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d /tmp/hfdesk-hub-bench-XXXXXX)
# nginx workers drop to an unprivileged user: they must be able to walk to the blob.
chmod 755 "$WORK"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
wait_http() { for _ in $(seq 1 300); do curl -s -o /dev/null "$1" && return 0; sleep 0.2; done; echo "not up: $1" >&2; exit 1; }

BIN=${BENCH_BIN:-$WORK}
if [ -z "${BENCH_BIN:-}" ]; then
  echo "building Release…" >&2
  dotnet build -c Release "$REPO_ROOT/src/HFDesk.Cli" -o "$BIN/hfdesk" -v q -nologo >/dev/null
  dotnet build -c Release "$REPO_ROOT/tests/HFDesk.HubEmulator" -o "$BIN/emulator" -v q -nologo >/dev/null
fi
HFDESK="$BIN/hfdesk/hfdesk"

EMU_PORT=$(free_port); CDN_PORT=$(free_port)
"$BIN/emulator/HFDesk.HubEmulator" --port "$EMU_PORT" --cdn-port "$CDN_PORT" --large-file $SIZE > "$WORK/emulator.log" &
EMU_PID=$!; PIDS+=($EMU_PID)
EMU="http://127.0.0.1:$EMU_PORT"
wait_http "$EMU/api/models"
REPO="emulator/large-$BYTES"

# Direct download: the reference for the cold pull-through, and the cache the warm runs serve.
start=$(now)
HFDESK_DATA_DIR="$WORK/data-direct" "$HFDESK" download "$REPO" --cache-dir "$WORK/cache" --endpoint "$EMU" --json > /dev/null
direct=$(echo "$(now) - $start" | bc)
echo "direct hfdesk download: $direct s" >&2
BLOB=$(find "$WORK/cache/hub" -path '*blobs/*' -type f -size +100M | head -1)

TOKEN=hf_bench_lan_token_0123456789abcdef
serve() { # $1 data dir, $2 cache dir, $3 extra flags; prints the port
  local port; port=$(free_port)
  HFDESK_DATA_DIR="$1" "$HFDESK" serve --no-open --port "$port" --cache-dir "$2" --endpoint "$EMU" --hub-endpoint $3 > "$1.log" 2>&1 &
  # Called in $(…): the caller adds this pid to PIDS (an assignment here would be lost with the subshell).
  echo $! > "$1.pid"
  wait_http "http://127.0.0.1:$port/api/health"
  curl -s -o /dev/null -X POST -H 'Content-Type: application/json' -d "{\"hubEndpoint\":{\"tokens\":[\"$TOKEN\"]}}" "http://127.0.0.1:$port/api/settings"
  echo "$port"
}
HUB_PORT=$(serve "$WORK/data-warm" "$WORK/cache" --hub-offline)
HUB_PID=$(cat "$WORK/data-warm.pid"); PIDS+=("$HUB_PID")
HUB_URL="http://127.0.0.1:$HUB_PORT/hub/$REPO/resolve/main/large.bin"

NGINX_PORT=$(free_port)
mkdir -p "$WORK/nginx/logs"
cat > "$WORK/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log;
events { worker_connections 256; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  server { listen 127.0.0.1:$NGINX_PORT; root $(dirname "$BLOB"); }
}
CONF
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' &
NGINX_PID=$!; PIDS+=("$NGINX_PID")
NGINX_URL="http://127.0.0.1:$NGINX_PORT/$(basename "$BLOB")"
wait_http "$NGINX_URL"

# Every answer is checked for status and size: a fast error page must not pass for a fast server.
one() { local s got; s=$(now); got=$(curl -s -o "$WORK/out" -w '%{http_code} %{size_download}' "$@"); [ "$got" = "200 $BYTES" ] || echo "bad answer ($got) from ${*: -1}" >&2; echo "$(now) - $s" | bc; }
# 8 GiB of copies would measure the disk, not the servers: the 8 clients discard what they receive.
eight() { local s; s=$(now); for i in $(seq 1 8); do ( got=$(curl -s -o /dev/null -w '%{http_code} %{size_download}' "$@"); [ "$got" = "200 $BYTES" ] || echo "bad answer ($got) from ${*: -1}" >&2 ) & done; wait; echo "$(now) - $s" | bc; }

# CPU of the servers (user and system ticks), which load distorts less than wall time: where the 8-client time goes.
ticks() { local u=0 s=0 p a b; for p in "$@"; do read -r a b < <(awk '{print $14, $15}' "/proc/$p/stat"); u=$((u + a)); s=$((s + b)); done; echo "$u $s"; }
ngx_pids() { echo "$NGINX_PID" $(pgrep -P "$NGINX_PID"); }
HUB_U=0; HUB_S=0; NGX_U=0; NGX_S=0
hub1=(); ngx1=(); hub8=(); ngx8=()
for r in $(seq 1 "$ROUNDS"); do
  ngx1+=("$(one "$NGINX_URL")"); hub1+=("$(one -H "Authorization: Bearer $TOKEN" "$HUB_URL")")
  read -r u0 s0 < <(ticks $(ngx_pids)); ngx8+=("$(eight "$NGINX_URL")"); read -r u1 s1 < <(ticks $(ngx_pids))
  NGX_U=$((NGX_U + u1 - u0)); NGX_S=$((NGX_S + s1 - s0))
  read -r u0 s0 < <(ticks "$HUB_PID"); hub8+=("$(eight -H "Authorization: Bearer $TOKEN" "$HUB_URL")"); read -r u1 s1 < <(ticks "$HUB_PID")
  HUB_U=$((HUB_U + u1 - u0)); HUB_S=$((HUB_S + s1 - s0))
  echo "round $r: one ${hub1[-1]}/${ngx1[-1]} s, eight ${hub8[-1]}/${ngx8[-1]} s (hub/nginx)" >&2
done
[ "$(sha256sum < "$WORK/out" | cut -d' ' -f1)" = "$(basename "$BLOB")" ] || { echo "bytes differ" >&2; exit 1; }
rm -f "$WORK"/out*

# Cold pull-through: a fresh cache and a fresh emulator (its per-file byte count, printed at its exit, is then the
# pull-through's alone: the direct download's own retries or stolen part tails do not count), 4 clients at once.
EMU_PORT=$(free_port); CDN_PORT=$(free_port)
"$BIN/emulator/HFDesk.HubEmulator" --port "$EMU_PORT" --cdn-port "$CDN_PORT" --large-file $SIZE > "$WORK/emulator-cold.log" &
EMU_PID=$!; PIDS+=($EMU_PID)
EMU="http://127.0.0.1:$EMU_PORT"
wait_http "$EMU/api/models"
COLD_PORT=$(serve "$WORK/data-cold" "$WORK/cache-cold" "")
PIDS+=("$(cat "$WORK/data-cold.pid")")
COLD_URL="http://127.0.0.1:$COLD_PORT/hub/$REPO/resolve/main/large.bin"
: > "$WORK/cold-times"
start=$(now)
COLD=()
for i in 1 2 3 4; do ( out=/dev/null; [ "$i" = 1 ] && out="$WORK/cold1"; curl -sf -o "$out" -H "Authorization: Bearer $TOKEN" "$COLD_URL"; echo "$(now) - $start" | bc >> "$WORK/cold-times" ) & COLD+=($!); done
# Only the clients: a bare `wait` would wait for the servers too.
wait "${COLD[@]}"
first=$(sort -g "$WORK/cold-times" | head -1)
[ "$(sha256sum < "$WORK/cold1" | cut -d' ' -f1)" = "$(basename "$BLOB")" ] || { echo "cold client got other bytes" >&2; exit 1; }
[ "$(wc -l < "$WORK/cold-times")" = 4 ] || { echo "a cold client failed" >&2; exit 1; }
# SIGTERM: a background job of a script ignores SIGINT.
kill -TERM "$EMU_PID"; wait "$EMU_PID" 2>/dev/null || true
pulled=$(awk '$1=="bytes-sent" && $2=="large.bin" {print $3}' "$WORK/emulator-cold.log")

m() { printf '%s\n' "$@" | median; }
H1=$(m "${hub1[@]}"); N1=$(m "${ngx1[@]}"); H8=$(m "${hub8[@]}"); N8=$(m "${ngx8[@]}")
echo "| measure | HFDesk /hub | nginx (sendfile) | ratio | bar |"
echo "|---|---|---|---|---|"
printf '| cached 1 GiB, curl -o (s) | %.2f | %.2f | %.2f | <= 1.10 |\n' "$H1" "$N1" "$(echo "$H1 / $N1" | bc -l)"
printf '| 8 clients, total GiB/s | %.2f | %.2f | %.2f | >= 0.90 |\n' "$(echo "8 / $H8" | bc -l)" "$(echo "8 / $N8" | bc -l)" "$(echo "$N8 / $H8" | bc -l)"
TCK=$(getconf CLK_TCK); GIB=$((8 * ROUNDS))
printf '| 8 clients, server CPU s per GiB (user + system) | %.3f + %.3f | %.3f + %.3f | %.2f | |\n' \
  "$(echo "$HUB_U / $TCK / $GIB" | bc -l)" "$(echo "$HUB_S / $TCK / $GIB" | bc -l)" \
  "$(echo "$NGX_U / $TCK / $GIB" | bc -l)" "$(echo "$NGX_S / $TCK / $GIB" | bc -l)" \
  "$(echo "($HUB_U + $HUB_S) / ($NGX_U + $NGX_S + 1)" | bc -l)"
echo
echo "| cold pull-through, 4 clients | value | bar |"
echo "|---|---|---|"
printf '| emulator bytes / file size | %.3f | <= 1.05 |\n' "$(echo "$pulled / $BYTES" | bc -l)"
printf '| first client (s) / direct hfdesk download (s) | %.2f / %.2f = %.2f | <= 1.20 |\n' "$first" "$direct" "$(echo "$first / $direct" | bc -l)"
