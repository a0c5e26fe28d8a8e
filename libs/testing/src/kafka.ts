/** The real broker the integration tier started (global-setup.js) or was given in KAFKA_BROKERS. */
export function testKafkaBrokers(): string {
  const brokers = process.env.TEST_KAFKA_BROKERS ?? process.env.KAFKA_BROKERS;
  if (!brokers)
    throw new Error('no Kafka broker: run integration tests through jest --selectProjects integration (global setup starts one)');
  return brokers;
}
