import { createHmac, randomBytes } from 'node:crypto';

import type { Router } from 'express';
import { z } from 'zod';

import { parseOr400 } from '../../control/control-errors';
import type { SandboxState } from '../../core/sandbox-state';
import { defaultClientId } from '../../core/state/clients';
import { UserNameSchema } from '../../core/state/user-name';
import { installPlace, slackAppId, slackBotUserId, slackUserId } from './slack-ids';

const DELIVERY_TIMEOUT_MS = 10_000;
const MAX_ANSWER_CHARS = 64 * 1024;

const EventRequestSchema = z.strictObject({
  user: UserNameSchema,
  /** The app's Event Subscriptions Request URL. */
  requestUrl: z.url({ protocol: /^https?$/ }).max(2048),
  event: z.enum(['tokens_revoked', 'app_uninstalled']),
  /** The app: its signing secret is `<client id>-signing-secret`. Default the sandbox's app. */
  clientId: z
    .string()
    .regex(/^[\x21-\x7E]{1,200}$/)
    .optional(),
  /** Also revoke the user's Slack grants (what the event reports). Default true. */
  revoke: z.boolean().default(true),
  /** Sign with another secret: what a forged request looks like. */
  signingSecret: z.string().min(1).max(200).optional(),
  /** Shift the signed timestamp (a replayed or delayed request). */
  timestampOffsetSeconds: z.number().int().min(-86_400).max(86_400).default(0),
});

/** The app's signing secret in the sandbox (Slack shows a random one in the app's settings). */
export function slackSigningSecret(clientId: string): string {
  return `${clientId}-signing-secret`;
}

/**
 * `POST /_sandbox/slack/events {user, requestUrl, event, clientId?, revoke?, signingSecret?,
 * timestampOffsetSeconds?}`: the user uninstalls the app or their tokens are revoked — their
 * Slack grants die — and Slack delivers the event to the app's Request URL the way the Events
 * API does: a JSON `event_callback` signed with `X-Slack-Signature: v0=<HMAC-SHA256 of
 * "v0:<timestamp>:<body>">` and `X-Slack-Request-Timestamp`. The answer holds what the Request
 * URL replied.
 */
export function slackControlRoutes(router: Router, state: SandboxState): void {
  router.post('/slack/events', async (req, res) => {
    const body = parseOr400(EventRequestSchema, req.body, res);
    if (body === undefined) return;
    const clientId = body.clientId ?? defaultClientId('SLACK');
    const user = state.users.getOrCreate(body.user);
    const place = installPlace(user);
    const revoked = body.revoke ? state.grants.revokeUserGrants('SLACK', body.user) : 0;
    const nowSeconds = Math.floor(state.clock() / 1000);
    const event =
      body.event === 'tokens_revoked'
        ? {
            type: 'tokens_revoked',
            tokens: { oauth: [slackUserId(user)], bot: [slackBotUserId(place, clientId)] },
          }
        : { type: 'app_uninstalled' };
    const payload = JSON.stringify({
      token: 'sandbox-verification-token',
      team_id: place.team?.id ?? null,
      ...(place.enterprise === null
        ? {}
        : { enterprise_id: place.enterprise.id, is_enterprise_install: true }),
      api_app_id: slackAppId(clientId),
      event,
      type: 'event_callback',
      event_id: `Ev${randomBytes(6).toString('hex').toUpperCase()}`,
      event_time: nowSeconds,
    });
    const timestamp = String(nowSeconds + body.timestampOffsetSeconds);
    const secret = body.signingSecret ?? slackSigningSecret(clientId);
    const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${payload}`).digest('hex')}`;
    res.json({
      event: body.event,
      revoked,
      delivery: await deliver(body.requestUrl, payload, timestamp, signature),
    });
  });
}

interface Delivery {
  readonly status: number | null;
  readonly body: unknown;
  readonly error: string | null;
}

async function deliver(
  url: string,
  payload: string,
  timestamp: string,
  signature: string,
): Promise<Delivery> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
        'x-slack-request-timestamp': timestamp,
        'x-slack-signature': signature,
      },
      body: payload,
      redirect: 'manual',
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    const text = (await res.text()).slice(0, MAX_ANSWER_CHARS);
    let answer: unknown = text;
    try {
      answer = JSON.parse(text) as unknown;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: answer, error: null };
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    return { status: null, body: null, error: timedOut ? 'timeout' : 'unreachable' };
  }
}
