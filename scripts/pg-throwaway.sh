#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests (STACK.md):
#   pg-throwaway.sh start      → prints "postgres://postgres@127.0.0.1:PORT/postgres DIR"
#   pg-throwaway.sh stop DIR   → stops it and removes DIR
# Run it in a subshell (never `source` it); callers stop it from a trap.
set -euo pipefail
BIN=$(pg_config --bindir 2>/dev/null || ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$BIN/initdb" ] || { echo "PostgreSQL server binaries not found" >&2; exit 1; }
case "${1:-}" in
  start)
    DIR=$(mktemp -d /tmp/gk-pg.XXXXXX)
    PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$DIR"; AS=(runuser -u postgres --); else AS=(); fi
    "${AS[@]}" "$BIN/initdb" -D "$DIR/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
    "${AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
    echo "postgres://postgres@127.0.0.1:$PORT/postgres $DIR"
    ;;
  stop)
    DIR=${2:?directory}
    if [ "$(id -u)" = 0 ]; then AS=(runuser -u postgres --); else AS=(); fi
    "${AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$DIR"
    ;;
  *) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
