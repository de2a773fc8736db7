#!/usr/bin/env bash
# Container health check: exit 0 when http://127.0.0.1:<port><path> answers 200.
#   healthcheck.sh [port (9464, empath.ops.port)] [path (/health)]
# Bash's /dev/tcp, not a JVM or curl: the JRE image has no HTTP client, and a check that starts
# a JVM every few seconds costs each container a core-second per check.
port=${1:-9464}
path=${2:-/health}
exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3
IFS= read -r -t 5 status <&3 || exit 1
[[ $status =~ ^HTTP/1\.[01]\ 200 ]]
