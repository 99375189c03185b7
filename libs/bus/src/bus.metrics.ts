import { metricsRegistry } from '@switchboard/platform';
import { Counter, Histogram } from 'prom-client';

export const consumedMessages = new Counter({
  name: 'bus_consumed_messages_total',
  help: 'Event messages handled by a consumer, by outcome',
  labelNames: ['consumer', 'type', 'outcome'] as const,
  registers: [metricsRegistry],
});

export const deadLettered = new Counter({
  name: 'bus_dead_letters_total',
  help: 'Messages moved to the dead-letter table, by reason',
  labelNames: ['consumer', 'reason'] as const,
  registers: [metricsRegistry],
});

export const publishedEvents = new Counter({
  name: 'bus_outbox_published_total',
  help: 'Events relayed from the outbox to JetStream',
  labelNames: ['type'] as const,
  registers: [metricsRegistry],
});

export const relayErrors = new Counter({
  name: 'bus_outbox_relay_errors_total',
  help: 'Failed relay attempts (NATS or PostgreSQL unavailable)',
  registers: [metricsRegistry],
});

export const handleDuration = new Histogram({
  name: 'bus_handle_duration_seconds',
  help: 'Time to handle one event, including its transaction',
  labelNames: ['consumer', 'type'] as const,
  buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
  registers: [metricsRegistry],
});
