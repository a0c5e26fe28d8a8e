#!/usr/bin/env bash
# Runs a real Apache Kafka 3.9 broker (KRaft, combined broker+controller) on loopback, from jars that Maven
# fetches from Maven Central into tools/kafka/lib (cached in ~/.m2, so later starts take seconds).
# Usage: kafka.sh start|stop|status   Env: KAFKA_PORT (default 19092), KAFKA_DIR (default .tmp/kafka)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
port="${KAFKA_PORT:-19092}"
cport=$((port + 1))
dir="${KAFKA_DIR:-$root/.tmp/kafka}"
lib="$here/lib"

fetch() {
  if [ ! -f "$lib/kafka_2.13-3.9.1.jar" ]; then
    echo "kafka: fetching broker jars from Maven Central" >&2
    mvn -q -B -f "$here/pom.xml" dependency:copy-dependencies -DoutputDirectory="$lib" >&2
  fi
}

running() { [ -f "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; }

wait_ready() {
  for _ in $(seq 1 120); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && grep -q "Kafka Server started" "$dir/server.log" 2>/dev/null; then
      return 0
    fi
    running || { echo "kafka: broker exited, see $dir/server.log" >&2; tail -30 "$dir/server.log" >&2; return 1; }
    sleep 0.5
  done
  echo "kafka: broker not ready after 60s" >&2
  return 1
}

start() {
  if running; then echo "127.0.0.1:$port"; return 0; fi
  # A broker this script started from another checkout (or by hand) already serves the port: use it.
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "kafka: reusing the broker already listening on 127.0.0.1:$port" >&2
    echo "127.0.0.1:$port"
    return 0
  fi
  fetch
  mkdir -p "$dir"
  cat >"$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$cport
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/data
num.partitions=3
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
PROPS
  cat >"$dir/log4j.properties" <<PROPS
log4j.rootLogger=WARN, file
log4j.logger.kafka.server.KafkaServer=INFO
log4j.logger.kafka.server.KafkaRaftServer=INFO
log4j.logger.kafka.server.BrokerServer=INFO
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File=$dir/server.log
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
PROPS
  local cp="$lib/*"
  local java_opts=(-Xms256m -Xmx768m -Dlog4j.configuration="file:$dir/log4j.properties")
  if [ ! -f "$dir/data/meta.properties" ]; then
    java "${java_opts[@]}" -cp "$cp" kafka.tools.StorageTool format -t "orderhub-test-cluster-0001" \
      -c "$dir/server.properties" >"$dir/format.log" 2>&1
  fi
  : >"$dir/server.log"
  nohup java "${java_opts[@]}" -cp "$cp" kafka.Kafka "$dir/server.properties" >>"$dir/stdout.log" 2>&1 &
  echo $! >"$dir/pid"
  wait_ready
  echo "127.0.0.1:$port"
}

stop() {
  if running; then
    kill "$(cat "$dir/pid")"
    for _ in $(seq 1 60); do running || break; sleep 0.5; done
    running && kill -9 "$(cat "$dir/pid")"
  fi
  rm -f "$dir/pid"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  status) running && echo "running 127.0.0.1:$port" || echo "stopped" ;;
  *) echo "usage: $0 start|stop|restart|status" >&2; exit 2 ;;
esac
