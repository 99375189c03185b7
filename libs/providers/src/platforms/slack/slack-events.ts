import { createHmac, timingSafeEqual } from 'node:crypto';
import type { PushRevocationSupport } from '../../adapter';
import type { Clock } from '../../clock';
import { isJsonObject, objectField, stringField, type JsonValue } from '../../json';
import { ProviderError } from '../../provider-error';

/**
 * What the gateway forwards of a Slack Events API request, as the `payload` string of
 * `oauth.platform.revoked`: `JSON.stringify({body, timestamp, signature})` with `body` the raw
 * request body exactly as received (UTF-8), `timestamp` the `X-Slack-Request-Timestamp` header
 * and `signature` the `X-Slack-Signature` header.
 */
export interface SlackEventEnvelope {
  body: string;
  timestamp: string;
  signature: string;
}

/** Slack's replay window: a request older (or newer) than five minutes is refused. */
export const SLACK_MAX_SKEW_SECONDS = 5 * 60;
const MAX_BODY = 16 * 1024;
const REVOKING_EVENTS = new Set(['tokens_revoked', 'app_uninstalled']);
const ID = /^[A-Z0-9]{2,40}$/;

/** The JSON string the gateway hands to `verify`. */
export function slackEventPayload(envelope: SlackEventEnvelope): string {
  return JSON.stringify(envelope);
}

/** `v0=<hex HMAC-SHA256 of "v0:<timestamp>:<body>" keyed with the signing secret>`. */
export function slackSignature(signingSecret: string, timestamp: string, body: string): string {
  const digest = createHmac('sha256', signingSecret)
    .update(`v0:${timestamp}:${body}`)
    .digest('hex');
  return `v0=${digest}`;
}

/**
 * Slack's `tokens_revoked` and `app_uninstalled` events, verified as Slack documents
 * ("Verifying requests from Slack"): the `v0` signature over `v0:<timestamp>:<raw body>` with the
 * app's signing secret, compared in constant time, and a timestamp within five minutes of now.
 * The answer names the installation: the workspace (`team_id`), or the organization
 * (`enterprise_id`) for an org-wide install — the id `identify` gives the grant, which is what
 * connections remember as their grant user. Every token of that installation is treated as
 * gone: an uninstall revokes them all, a revoked bot token stops the installation, and a revoked
 * user token belongs to the member who installed it through Switchboard.
 */
export function slackPushRevocation(
  signingSecret: string | null,
  clock: Clock,
): PushRevocationSupport {
  return {
    verify(payload) {
      if (signingSecret === null) {
        throw refused('no Slack signing secret is configured (SLACK_SIGNING_SECRET)');
      }
      const envelope = readEnvelope(payload);
      const timestamp = Number(envelope.timestamp);
      const skew = Math.abs(clock.now().getTime() / 1000 - timestamp);
      if (!Number.isFinite(skew) || skew > SLACK_MAX_SKEW_SECONDS) {
        throw refused('the request timestamp is more than five minutes away from now');
      }
      const expected = Buffer.from(
        slackSignature(signingSecret, envelope.timestamp, envelope.body),
      );
      const presented = Buffer.from(envelope.signature);
      if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
        throw refused('the X-Slack-Signature does not match');
      }
      return { platformUserId: installationOf(envelope.body) };
    },
  };
}

function readEnvelope(payload: string): SlackEventEnvelope {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    throw refused('the payload is not JSON');
  }
  if (typeof value !== 'object' || value === null) throw refused('the payload is not an object');
  const { body, timestamp, signature } = value as Record<string, unknown>;
  if (typeof body !== 'string' || body.length === 0 || body.length > MAX_BODY) {
    throw refused('the request body is missing or too long');
  }
  if (typeof timestamp !== 'string' || !/^\d{1,12}$/.test(timestamp)) {
    throw refused('X-Slack-Request-Timestamp is missing or malformed');
  }
  if (typeof signature !== 'string' || !/^v0=[0-9a-f]{64}$/.test(signature)) {
    throw refused('X-Slack-Signature is missing or malformed');
  }
  return { body, timestamp, signature };
}

/** The installation a verified event is about. */
function installationOf(rawBody: string): string {
  let body: JsonValue;
  try {
    body = JSON.parse(rawBody) as JsonValue;
  } catch {
    throw refused('the event body is not JSON');
  }
  const event = objectField(body, 'event');
  const eventType = stringField(event, 'type');
  if (
    stringField(body, 'type') !== 'event_callback' ||
    !eventType ||
    !REVOKING_EVENTS.has(eventType)
  ) {
    throw refused('not a tokens_revoked or app_uninstalled event');
  }
  const orgWide = isJsonObject(body) && body['is_enterprise_install'] === true;
  const id = orgWide ? stringField(body, 'enterprise_id') : stringField(body, 'team_id');
  if (id === null || !ID.test(id)) throw refused('the event names no workspace');
  return id;
}

function refused(reason: string): ProviderError {
  return new ProviderError({ kind: 'invalid_request', message: `SLACK event refused: ${reason}` });
}
