#!/bin/bash
# The image's HEALTHCHECK: GET /healthz on the status listener (the port of Gateway__Listeners__Status__Url, plain
# HTTP, over loopback), with bash's /dev/tcp so the image needs no HTTP client. Exit 0 when it answers 200.
set -euo pipefail
url=${Gateway__Listeners__Status__Url:-http://0.0.0.0:8082}
port=${url##*:}
port=${port%%/*}
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET /healthz HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
IFS= read -r -t 3 status <&3
[[ $status == *" 200 "* ]]
