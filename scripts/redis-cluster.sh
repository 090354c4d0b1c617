#!/usr/bin/env bash
# A Redis Cluster on loopback for sselab's distributed store (storage/README.md,
# "RedisClusterStore"): 3 masters and 3 replicas, TLS only, every certificate issued by a
# CA made with `sselab pki`.
#
#   scripts/redis-cluster.sh start DIR [--port BASE] [--ca CA_DIR] [--masters N]
#   scripts/redis-cluster.sh stop DIR
#   scripts/redis-cluster.sh kill DIR NODE       SIGKILL one node (0..5), for failover tests
#   scripts/redis-cluster.sh restart DIR NODE    start a node killed so again (it rejoins,
#                                                as a replica if it was failed over)
#
# start: creates DIR (mode 0700), a CA in DIR/tls/ca unless --ca names one, and the
# certificates:
#   DIR/tls/node.crt|key     server certificate of every node (127.0.0.1), serverAuth
#   DIR/tls/peer.crt|key     client certificate the nodes present to each other (replication
#                            and the cluster bus)
#   DIR/tls/client.crt|key   client certificate for sselab and redis-cli ("sselab-store")
# --masters N (default 3) starts N masters and N replicas (N = 1 gives the one-master
# cluster the throughput benchmark compares with).
# Nodes listen on 127.0.0.1 ports BASE..BASE+2N-1 (default 7001), their cluster bus on
# BASE-1000..: below Linux's ephemeral range (32768 and up), where a bus at the usual
# +10000 could find its port taken by some connection's source port and the node not start;
# TLS 1.3 only, with client certificates required; the plaintext port is off (port 0).
# AOF is on (appendfsync everysec). It waits until every slot is served and every master has
# a replica, then writes DIR/seeds ("127.0.0.1:BASE,...", what --store redis-cluster://
# takes) and prints the options sselab needs. Each node's pid is in DIR/nodeN/pid, its log
# in DIR/nodeN/redis.log, and what redis-server printed before its log opened in
# DIR/nodeN/redis.out; an error about a node quotes the end of both.
# stop: SIGTERM to the pids this script started (recorded in DIR), then SIGKILL after
# 10 s; nothing else is touched. DIR is left in place (its data and logs).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
sselab=${SSELAB_BIN:-$root/build/bin/sselab}
nodes=6  # start: 2 × --masters; stop, kill, restart: the node directories DIR holds

die() { echo "redis-cluster.sh: $*" >&2; exit 1; }

# The last lines of node n's log and of what redis-server printed (a refused configuration
# goes there, not to the log), for an error about the node: a test's directory, and the
# logs with it, may be gone by the time anyone reads the error.
log_tail() {
  tail -n 5 "$1/node$2/redis.log" 2>/dev/null | sed 's/^/  | /'
  tail -n 5 "$1/node$2/redis.out" 2>/dev/null | sed 's/^/  ! /'
}

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2
  exit 2
}

tls_cli() {
  local dir=$1
  shift
  redis-cli --tls --cacert "$dir/tls/ca/ca.crt" --cert "$dir/tls/client.crt" \
    --key "$dir/tls/client.key" "$@"
}

# Runs "$@" every 0.1 s until it succeeds, at most TIMES times; fails if it never does.
poll() {
  local times=$1 tries=0
  shift
  until "$@"; do
    tries=$((tries + 1))
    [ $tries -le "$times" ] || return 1
    sleep 0.1
  done
}

pki() {
  # `sselab pki`, quiet unless it fails.
  local dir=$1
  shift
  "$sselab" pki "$@" >"$dir/tls/pki.log" 2>&1 || die "sselab pki $1 failed: $(cat "$dir/tls/pki.log")"
}

node_pid() {
  local f=$1/node$2/pid
  [ -f "$f" ] && cat "$f"
}

alive() {
  # The pid is ours only if that process still runs redis-server in that node's directory
  # (redis-server rewrites its command line, but keeps its working directory there).
  local pid=$1 nodedir=$2
  [ -n "$pid" ] && [ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" = "$nodedir" ]
}

write_conf() {
  local dir=$1 n=$2 port=$3 d=$1/node$2
  mkdir -p "$d"
  cat >"$d/redis.conf" <<EOF
# Written by scripts/redis-cluster.sh: node $n of the sselab test cluster.
bind 127.0.0.1
port 0
tls-port $port
cluster-port $((port - 1000))
tls-protocols "TLSv1.3"
tls-cert-file $dir/tls/node.crt
tls-key-file $dir/tls/node.key
tls-client-cert-file $dir/tls/peer.crt
tls-client-key-file $dir/tls/peer.key
tls-ca-cert-file $dir/tls/ca/ca.crt
tls-auth-clients yes
tls-replication yes
tls-cluster yes
cluster-enabled yes
cluster-config-file $d/nodes.conf
cluster-node-timeout 2000
cluster-replica-validity-factor 0
dir $d
appendonly yes
appendfsync everysec
save ""
logfile $d/redis.log
daemonize no
EOF
}

start() {
  local dir=$1
  shift
  local base=7001 ca="" masters=3
  while [ $# -gt 0 ]; do
    case $1 in
      --port) base=$2; shift 2 ;;
      --ca) ca=$2; shift 2 ;;
      --masters) masters=$2; shift 2 ;;
      *) die "start: unknown option '$1'" ;;
    esac
  done
  case $masters in
    [1-9]) nodes=$((2 * masters)) ;;
    *) die "start: --masters takes 1 to 9" ;;
  esac
  case $base in
    '' | *[!0-9]*) die "start: --port takes a port number, got '$base'" ;;
  esac
  if [ "$base" -le 1000 ] || [ $((base + nodes - 1)) -gt 65535 ]; then
    die "start: --port must be 1001 to $((65536 - nodes)) (the cluster bus is 1000 below)"
  fi
  command -v redis-server >/dev/null || die "redis-server is not installed (scripts/install-deps.sh)"
  [ -x "$sselab" ] || die "$sselab not found: build first (scripts/build.sh) or set SSELAB_BIN"
  for n in $(seq 0 $((nodes - 1))); do
    if alive "$(node_pid "$dir" "$n" || true)" "$(cd "$dir" 2>/dev/null && pwd)/node$n"; then
      die "$dir: node $n is already running (stop it first)"
    fi
  done
  for n in $(seq 0 $((nodes - 1))); do
    for port in $((base + n)) $((base + n - 1000)); do
      if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        die "port $port is in use: choose other ports with --port"
      fi
    done
  done
  mkdir -p "$dir"
  chmod 0700 "$dir"
  dir=$(cd "$dir" && pwd)
  rm -rf "$dir"/node*
  if [ ! -f "$dir/tls/node.crt" ]; then
    rm -rf "$dir/tls"
    mkdir -p "$dir/tls"
    if [ -n "$ca" ]; then
      mkdir -p "$dir/tls/ca"
      cp "$ca/ca.crt" "$dir/tls/ca/ca.crt"
    else
      ca=$dir/tls/ca
      pki "$dir" init --dir "$ca" --name "sselab redis test CA"
    fi
    pki "$dir" issue --ca "$ca" --server 127.0.0.1 --out "$dir/tls/node"
    pki "$dir" issue --ca "$ca" --client redis-peer --out "$dir/tls/peer"
    pki "$dir" issue --ca "$ca" --client sselab-store --out "$dir/tls/client"
  fi
  local addrs=()
  for n in $(seq 0 $((nodes - 1))); do
    local port=$((base + n))
    write_conf "$dir" "$n" "$port"
    redis-server "$dir/node$n/redis.conf" >"$dir/node$n/redis.out" 2>&1 &
    echo $! >"$dir/node$n/pid"
    addrs+=("127.0.0.1:$port")
  done
  for n in $(seq 0 $((nodes - 1))); do
    if ! poll 100 tls_cli "$dir" -p $((base + n)) ping >/dev/null 2>&1; then
      stop "$dir"
      die "node $n did not answer on port $((base + n)); $dir/node$n/redis.log ends:
$(log_tail "$dir" "$n")"
    fi
  done
  if [ "$masters" -ge 3 ]; then
    if ! tls_cli "$dir" --cluster create "${addrs[@]}" --cluster-replicas 1 --cluster-yes \
        >"$dir/create.log" 2>&1; then
      stop "$dir"
      die "cluster create failed; see $dir/create.log"
    fi
  elif ! create_small "$dir" "$base" "$masters" >"$dir/create.log" 2>&1; then
    stop "$dir"
    die "cluster create failed; see $dir/create.log"
  fi
  if ! poll 300 healthy "$dir" "$base"; then
    stop "$dir"
    die "the cluster did not become healthy in 30 s; see $dir/node*/redis.log"
  fi
  local seeds
  seeds=$(IFS=,; echo "${addrs[*]}")
  echo "$seeds" >"$dir/seeds"
  cat <<EOF
Redis Cluster up: $((nodes / 2)) masters, $((nodes / 2)) replicas, TLS 1.3 with client certificates.
  --store redis-cluster://$seeds
  --store-tls-ca $dir/tls/ca/ca.crt --store-tls-cert $dir/tls/client.crt --store-tls-key $dir/tls/client.key
Stop it with: scripts/redis-cluster.sh stop $dir
EOF
}

create_small() {
  # redis-cli --cluster create wants 3 masters at least; 1 or 2 are joined by hand: slots
  # split evenly, every node met, each replica following its master.
  local dir=$1 base=$2 masters=$3
  local per=$((16384 / masters))
  for m in $(seq 0 $((masters - 1))); do
    local first=$((m * per)) last=$(((m + 1) * per - 1))
    [ "$m" -eq $((masters - 1)) ] && last=16383
    tls_cli "$dir" -p $((base + m)) cluster addslotsrange "$first" "$last" | grep -q OK
  done
  for n in $(seq 1 $((2 * masters - 1))); do
    tls_cli "$dir" -p "$base" cluster meet 127.0.0.1 $((base + n)) | grep -q OK
  done
  known() { [ "$(tls_cli "$dir" -p "$base" cluster nodes | wc -l)" -eq $((2 * masters)) ]; }
  poll 100 known || return 1
  for m in $(seq 0 $((masters - 1))); do
    local id
    id=$(tls_cli "$dir" -p $((base + m)) cluster myid)
    follow() { tls_cli "$dir" -p $((base + masters + m)) cluster replicate "$id" | grep -q OK; }
    poll 100 follow || return 1
  done
}

healthy() {
  # Every slot served, state ok, 3 masters each with a replica that finished its sync.
  local dir=$1 base=$2
  tls_cli "$dir" -p "$base" cluster info 2>/dev/null | grep -q "cluster_state:ok" || return 1
  tls_cli "$dir" -p "$base" cluster info 2>/dev/null | grep -q "cluster_slots_ok:16384" || return 1
  local synced=0
  for n in $(seq 0 $((nodes - 1))); do
    if tls_cli "$dir" -p $((base + n)) info replication 2>/dev/null |
        grep -q "master_link_status:up"; then
      synced=$((synced + 1))
    fi
  done
  [ "$synced" -ge $((nodes / 2)) ]
}

stop() {
  local dir
  dir=$(cd "$1" 2>/dev/null && pwd) || die "no directory $1"
  local pids=()
  for n in $(seq 0 $((nodes - 1))); do
    local pid
    pid=$(node_pid "$dir" "$n" || true)
    if alive "$pid" "$dir/node$n"; then
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid")
    fi
    rm -f "$dir/node$n/pid"
  done
  for pid in "${pids[@]}"; do
    local tries=0
    while kill -0 "$pid" 2>/dev/null; do
      tries=$((tries + 1))
      if [ $tries -gt 100 ]; then
        kill -KILL "$pid" 2>/dev/null || true
        break
      fi
      sleep 0.1
    done
  done
}

kill_node() {
  local dir n=$2
  dir=$(cd "$1" 2>/dev/null && pwd) || die "no directory $1"
  local pid
  pid=$(node_pid "$dir" "$n" || true)
  alive "$pid" "$dir/node$n" || die "node $n of $dir is not running"
  kill -KILL "$pid"
  rm -f "$dir/node$n/pid"
}

restart_node() {
  local dir n=$2
  dir=$(cd "$1" 2>/dev/null && pwd) || die "no directory $1"
  [ -f "$dir/node$n/redis.conf" ] || die "no node $n in $dir"
  alive "$(node_pid "$dir" "$n" || true)" "$dir/node$n" && die "node $n of $dir is running"
  redis-server "$dir/node$n/redis.conf" >"$dir/node$n/redis.out" 2>&1 &
  echo $! >"$dir/node$n/pid"
  local port
  port=$(sed -n 's/^tls-port //p' "$dir/node$n/redis.conf")
  poll 100 tls_cli "$dir" -p "$port" ping >/dev/null 2>&1 ||
    die "node $n did not answer on port $port; $dir/node$n/redis.log ends:
$(log_tail "$dir" "$n")"
}

[ $# -ge 2 ] || usage
cmd=$1
dir=$2
shift 2
if [ "$cmd" != start ]; then
  nodes=$(find "$dir" -maxdepth 1 -name 'node[0-9]*' -type d 2>/dev/null | wc -l)
fi
case $cmd in
  start) start "$dir" "$@" ;;
  stop) [ $# -eq 0 ] || usage; stop "$dir" ;;
  kill) [ $# -eq 1 ] || usage; kill_node "$dir" "$1" ;;
  restart) [ $# -eq 1 ] || usage; restart_node "$dir" "$1" ;;
  *) usage ;;
esac
