export const BUS_OPTIONS = Symbol('BUS_OPTIONS');

export interface BusOptions {
  /** The owning service's schema (outbox, inbox and dead letters live there). */
  schema: string;
  /** CloudEvents `source` of what this service publishes, e.g. `switchboard/oauth`. */
  source: string;
  /** The service name; also names its durable consumer and its operator RPC subjects. */
  service: string;
  /** Relay poll interval when no NOTIFY arrives (ms). */
  relayPollMs?: number;
}
