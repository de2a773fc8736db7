#!/usr/bin/env bash
# Starts one service of the image: run.sh <module> <main class>. JAVA_OPTS holds the JVM's options.
set -euo pipefail
if [ $# -ne 2 ] || [ ! -f "/app/$1/classpath.args" ]; then
  echo "usage: run.sh <module> <main class>; modules: $(ls /app | grep -v -e jars -e '\.sh$' | tr '\n' ' ')" >&2
  exit 2
fi
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec java $JAVA_OPTS "@/app/$1/classpath.args" "$2"
