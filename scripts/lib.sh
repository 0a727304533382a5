# Shared by scripts/demo and scripts/bench: a local IAM server for the length of a script.
# shellcheck shell=bash

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Credentials and settings that keep the tool away from real AWS and instance metadata.
local_aws_env() {
    unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL AWS_ENDPOINT_URL_IAM
    export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_REGION=us-east-1
    export AWS_EC2_METADATA_DISABLED=true AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_local_iam LOGFILE: starts the server, sets $endpoint and $server_pid, stops it on exit.
start_local_iam() {
    local log="$1" port
    "$repo/scripts/local-iam" install
    port="$(free_port)"
    "$repo/scripts/local-iam" run "$port" >"$log" 2>&1 &
    server_pid=$!
    trap 'kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null || true' EXIT
    endpoint="http://127.0.0.1:$port"
    for _ in $(seq 1 300); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            return 0
        fi
        sleep 0.1
    done
    echo "local IAM server did not start; its log:" >&2
    cat "$log" >&2
    return 1
}
