/**
 * An optional namespace isolates subjects and stream names (one per test run, or per deployment
 * sharing a NATS account). Read from the environment because decorators need it at import time.
 */
export function natsNamespace(env: Record<string, string | undefined> = process.env): string {
  return env.NATS_NAMESPACE ?? '';
}

export function namespaced(subject: string, ns = natsNamespace()): string {
  return ns ? `${ns}.${subject}` : subject;
}

export function eventsSubjectPrefix(ns = natsNamespace()): string {
  return namespaced('events', ns);
}

export function eventsStreamName(ns = natsNamespace()): string {
  return ns ? `${ns.toUpperCase()}_EVENTS` : 'SWITCHBOARD_EVENTS';
}
