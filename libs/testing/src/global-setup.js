// Integration tier setup: a real Kafka broker (KRaft, from Maven Central jars) unless KAFKA_BROKERS names one.
// The broker address reaches the test workers as TEST_KAFKA_BROKERS.
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

module.exports = async function globalSetup() {
  if (process.env.TEST_KAFKA_BROKERS) return;
  if (process.env.KAFKA_BROKERS) {
    process.env.TEST_KAFKA_BROKERS = process.env.KAFKA_BROKERS;
    console.log(`\n[integration] using Kafka broker(s) from KAFKA_BROKERS: ${process.env.KAFKA_BROKERS}`);
    return;
  }
  const script = join(__dirname, '../../../tools/kafka/kafka.sh');
  const started = Date.now();
  const address = execFileSync('bash', [script, 'start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
    .trim()
    .split('\n')
    .pop();
  process.env.TEST_KAFKA_BROKERS = address;
  console.log(`\n[integration] real Apache Kafka broker (KRaft) at ${address}, ready in ${Date.now() - started} ms`);
};
