#!/usr/bin/env bash
# Hub endpoint benchmark (issue 14, "Speed"): loopback, same run, medians of ROUNDS.
#   1. a cached 1 GiB file fetched with `curl -o` from HFDesk's /hub vs nginx (sendfile on) serving the same blob;
#   2. 8 clients at once on the same cached file: total throughput, HFDesk vs nginx;
#   3. a cold 1 GiB file pulled through from the Hub emulator by 4 concurrent clients: bytes the emulator sent
#      (must be ~1x the file) and the first client's time vs a direct `hfdesk download`, alternated round by round
#      (direct, cold, direct, cold, …), each from a fresh emulator into a fresh cache.
# Usage: bench/hub-endpoint/run.sh [ROUNDS]   (needs curl, nginx, bc, python3; builds Release once)
#   BENCH_BIN=DIR reuses DIR/hfdesk and DIR/emulator from an earlier build instead of building.
set -euo pipefail
ROUNDS=${1:-5}
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

# The cache the warm runs serve.
HFDESK_DATA_DIR="$WORK/data-direct" "$HFDESK" download "$REPO" --cache-dir "$WORK/cache" --endpoint "$EMU" --json > /dev/null
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
# Each from a fresh file with the page cache written out first (untimed): the previous 1 GiB still being written
# back would slow whichever client comes next.
one() { local s got; rm -f "$WORK/out"; sync; s=$(now); got=$(curl -s -o "$WORK/out" -w '%{http_code} %{size_download}' "$@"); [ "$got" = "200 $BYTES" ] || echo "bad answer ($got) from ${*: -1}" >&2; echo "$(now) - $s" | bc; }
# 8 GiB of copies would measure the disk, not the servers: the 8 clients discard what they receive.
eight() { local s; s=$(now); for i in $(seq 1 8); do ( got=$(curl -s -o /dev/null -w '%{http_code} %{size_download}' "$@"); [ "$got" = "200 $BYTES" ] || echo "bad answer ($got) from ${*: -1}" >&2 ) & done; wait; echo "$(now) - $s" | bc; }

# CPU of the servers (user and system ticks), which load distorts less than wall time: where the 8-client time goes.
ticks() { local u=0 s=0 p a b; for p in "$@"; do read -r a b < <(awk '{print $14, $15}' "/proc/$p/stat"); u=$((u + a)); s=$((s + b)); done; echo "$u $s"; }
ngx_pids() { echo "$NGINX_PID" $(pgrep -P "$NGINX_PID"); }
HUB_U=0; HUB_S=0; NGX_U=0; NGX_S=0
hub1=(); ngx1=(); hub8=(); ngx8=()
# HUB_BENCH_COLD_ONLY=1 skips the cached-file runs (the cold case alone, e.g. while working on fills).
WARM_ROUNDS=$ROUNDS; [ -n "${HUB_BENCH_COLD_ONLY:-}" ] && WARM_ROUNDS=0
for r in $(seq 1 "$WARM_ROUNDS"); do
  # A B, then B A: neither server always goes first.
  if [ $((r % 2)) = 1 ]; then
    ngx1+=("$(one "$NGINX_URL")"); hub1+=("$(one -H "Authorization: Bearer $TOKEN" "$HUB_URL")")
  else
    hub1+=("$(one -H "Authorization: Bearer $TOKEN" "$HUB_URL")"); ngx1+=("$(one "$NGINX_URL")")
  fi
  read -r u0 s0 < <(ticks $(ngx_pids)); ngx8+=("$(eight "$NGINX_URL")"); read -r u1 s1 < <(ticks $(ngx_pids))
  NGX_U=$((NGX_U + u1 - u0)); NGX_S=$((NGX_S + s1 - s0))
  read -r u0 s0 < <(ticks "$HUB_PID"); hub8+=("$(eight -H "Authorization: Bearer $TOKEN" "$HUB_URL")"); read -r u1 s1 < <(ticks "$HUB_PID")
  HUB_U=$((HUB_U + u1 - u0)); HUB_S=$((HUB_S + s1 - s0))
  echo "round $r: one ${hub1[-1]}/${ngx1[-1]} s, eight ${hub8[-1]}/${ngx8[-1]} s (hub/nginx)" >&2
done
[ "$WARM_ROUNDS" = 0 ] || [ "$(sha256sum < "$WORK/out" | cut -d' ' -f1)" = "$(basename "$BLOB")" ] || { echo "bytes differ" >&2; exit 1; }
rm -f "$WORK"/out*

# Cold pull-through against a direct download, alternated: each from a fresh emulator (its per-file byte count,
# printed at its exit, is then this run's alone) into a fresh cache. CPU seconds of each process say where time goes.
cpu_s() { local a b; read -r a b < <(awk '{print $14, $15}' "/proc/$1/stat"); echo "scale=2; ($a + $b) / $(getconf CLK_TCK)" | bc; }
emulator() { # $1 log; sets EMU, EMU_PID
  local port cdn; port=$(free_port); cdn=$(free_port)
  "$BIN/emulator/HFDesk.HubEmulator" --port "$port" --cdn-port "$cdn" --large-file $SIZE > "$1" &
  EMU_PID=$!; PIDS+=($EMU_PID); EMU="http://127.0.0.1:$port"; wait_http "$EMU/api/models"
}
# SIGTERM: a background job of a script ignores SIGINT.
stop() { kill -TERM "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
# The clients discard what they get (a LAN client writes to its own disk, not this machine's), each checked for
# status and size; one more, untimed round below hashes what a client got while the file was filling.
cold_round() { # $1 round name, $2 1 = client 1 hashes its bytes; sets FIRST_S, CPU_COLD, PULLED_BYTES
  emulator "$WORK/emulator-cold-$1.log"
  COLD_PORT=$(serve "$WORK/data-cold-$1" "$WORK/cache-cold" "")
  COLD_PID=$(cat "$WORK/data-cold-$1.pid"); PIDS+=("$COLD_PID")
  COLD_URL="http://127.0.0.1:$COLD_PORT/hub/$REPO/resolve/main/large.bin"
  : > "$WORK/cold-times"
  local h0 e0 start i; h0=$(cpu_s "$COLD_PID"); e0=$(cpu_s "$EMU_PID"); start=$(now)
  COLD=()
  for i in 1 2 3 4; do (
    if [ "$i" = 1 ] && [ "$2" = 1 ]; then
      curl -sf -H "Authorization: Bearer $TOKEN" "$COLD_URL" | openssl dgst -sha256 -r | cut -d' ' -f1 > "$WORK/cold1.sha"
    else
      got=$(curl -s -o /dev/null -w '%{http_code} %{size_download}' -H "Authorization: Bearer $TOKEN" "$COLD_URL")
      [ "$got" = "200 $BYTES" ] || echo "bad cold answer ($got)" >&2
    fi
    echo "$(now) - $start" | bc >> "$WORK/cold-times" ) & COLD+=($!); done
  # Only the clients: a bare `wait` would wait for the servers too.
  wait "${COLD[@]}"
  FIRST_S=$(sort -g "$WORK/cold-times" | head -1)
  CPU_COLD="$(echo "$(cpu_s "$COLD_PID") - $h0" | bc) + $(echo "$(cpu_s "$EMU_PID") - $e0" | bc)"
  [ "$(wc -l < "$WORK/cold-times")" = 4 ] || { echo "a cold client failed" >&2; exit 1; }
  stop "$COLD_PID"; stop "$EMU_PID"
  PULLED_BYTES=$(awk '$1=="bytes-sent" && $2=="large.bin" {print $3}' "$WORK/emulator-cold-$1.log")
  rm -rf "$WORK/cache-cold" "$WORK/data-cold-$1"
}
direct=(); first=(); pulled=(); cpu_direct=(); cpu_cold=()
for r in $(seq 1 "$ROUNDS"); do
  emulator "$WORK/emulator-direct-$r.log"
  e0=$(cpu_s "$EMU_PID"); start=$(now)
  /usr/bin/time -f '%U %S' -o "$WORK/direct-cpu" env HFDESK_DATA_DIR="$WORK/data-direct-$r" "$HFDESK" download "$REPO" \
    --cache-dir "$WORK/cache-direct" --endpoint "$EMU" --json > /dev/null
  direct+=("$(echo "$(now) - $start" | bc)")
  cpu_direct+=("$(awk '{print $1 + $2}' "$WORK/direct-cpu") + $(echo "$(cpu_s "$EMU_PID") - $e0" | bc)")
  stop "$EMU_PID"; rm -rf "$WORK/cache-direct" "$WORK/data-direct-$r"

  cold_round "$r" 0
  first+=("$FIRST_S"); cpu_cold+=("$CPU_COLD"); pulled+=("$PULLED_BYTES")
  echo "round $r: direct ${direct[-1]} s (CPU hfdesk + emulator ${cpu_direct[-1]}), cold first client ${first[-1]} s (CPU server + emulator ${cpu_cold[-1]}), emulator sent ${pulled[-1]} bytes" >&2
done
cold_round check 1
[ "$(cat "$WORK/cold1.sha")" = "$(basename "$BLOB")" ] || { echo "a cold client got other bytes" >&2; exit 1; }
echo "check round: the bytes a client got while the file was filling hash to the blob's name" >&2

m() { printf '%s\n' "$@" | median; }
if [ "$WARM_ROUNDS" != 0 ]; then
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
fi
echo "| cold pull-through, 4 clients | value | bar |"
echo "|---|---|---|"
PULLED=$(m "${pulled[@]}"); MAXPULLED=$(printf '%s\n' "${pulled[@]}" | sort -g | tail -1); FIRST=$(m "${first[@]}"); DIRECT=$(m "${direct[@]}")
printf '| emulator bytes / file size (median, worst of %d) | %.3f, %.3f | <= 1.05 |\n' "$ROUNDS" "$(echo "$PULLED / $BYTES" | bc -l)" "$(echo "$MAXPULLED / $BYTES" | bc -l)"
printf '| first client (s) / direct hfdesk download (s), medians | %.2f / %.2f = %.2f | <= 1.20 |\n' "$FIRST" "$DIRECT" "$(echo "$FIRST / $DIRECT" | bc -l)"
