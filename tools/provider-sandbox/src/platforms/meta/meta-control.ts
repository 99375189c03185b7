import type { Request, Response, Router } from 'express';
import { z } from 'zod';

import { parseOr400, sendControlError } from '../../control/control-errors';
import type { SandboxState } from '../../core/sandbox-state';
import { defaultClientId } from '../../core/state/clients';
import { UserNameSchema } from '../../core/state/user-name';
import { metaStateOf } from './meta-state';
import { appScopedUserId } from './meta-users';
import { signRequest } from './signed-request';

export const META_TYPES = ['FACEBOOK', 'INSTAGRAM', 'INSTAGRAM_LOGIN', 'THREADS'] as const;

const CALLBACK_TIMEOUT_MS = 10_000;
const MAX_ANSWER_CHARS = 64 * 1024;

const CallbackRequestSchema = z.strictObject({
  type: z.enum(META_TYPES),
  user: UserNameSchema,
  callbackUrl: z.url({ protocol: /^https?$/ }).max(2048),
  /** The app whose secret signs the request; default the platform's sandbox client. */
  clientId: z
    .string()
    .regex(/^[\x21-\x7E]{1,200}$/)
    .optional(),
});

const AgeRequestSchema = z.strictObject({
  type: z.enum(META_TYPES),
  user: UserNameSchema,
  hours: z
    .number()
    .min(0)
    .max(24 * 800),
});

/**
 * Meta's own controls under `/_sandbox`:
 * - `POST /meta/deauthorize {type, user, callbackUrl, clientId?}`: the person removes the app —
 *   their grants for `type` die — and Meta POSTs `signed_request` to the app's deauthorize
 *   callback URL, signed with the app's secret;
 * - `POST /meta/data-deletion {…same}`: the same, to the data-deletion callback; its JSON answer
 *   (Meta expects `{url, confirmation_code}`) comes back in `callback.body`;
 * - `POST /age {type, user, hours}`: the person's current grants, and the tokens issued for them
 *   so far, count `hours` older (the 24-hour refresh rule, private Threads profiles' 90-day
 *   grant); tokens issued later start at age 0.
 */
export function metaControlRoutes(router: Router, state: SandboxState): void {
  const callback =
    (kind: 'deauthorize' | 'data-deletion') =>
    async (req: Request, res: Response): Promise<void> => {
      const body = parseOr400(CallbackRequestSchema, req.body, res);
      if (body === undefined) return;
      const clientId = body.clientId ?? defaultClientId(body.type);
      const client = state.clients.find(body.type, clientId);
      if (client?.clientSecret == null) {
        sendControlError(res, 400, {
          code: 'validation-failed',
          message: 'clientId: not a confidential client of this platform',
        });
        return;
      }
      const user = state.users.getOrCreate(body.user);
      const userId = appScopedUserId(body.type, user);
      const revoked = state.grants.revokeUserGrants(body.type, body.user);
      const signedRequest = signRequest(
        { algorithm: 'HMAC-SHA256', issued_at: Math.floor(state.clock() / 1000), user_id: userId },
        client.clientSecret,
      );
      res.json({ kind, userId, revoked, callback: await post(body.callbackUrl, signedRequest) });
    };

  router.post('/meta/deauthorize', callback('deauthorize'));
  router.post('/meta/data-deletion', callback('data-deletion'));

  router.post('/age', (req, res) => {
    const body = parseOr400(AgeRequestSchema, req.body, res);
    if (body === undefined) return;
    const meta = metaStateOf(state);
    const grants = state.grants
      .list({ type: body.type, user: body.user })
      .filter((grant) => grant.status === 'active');
    for (const grant of grants) meta.addAge(grant.id, body.hours * 3600 * 1000);
    res.json({ type: body.type, user: body.user, aged: grants.length, hours: body.hours });
  });
}

interface CallbackOutcome {
  readonly status: number | null;
  readonly body: unknown;
  readonly error: string | null;
}

async function post(url: string, signedRequest: string): Promise<CallbackOutcome> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ signed_request: signedRequest }).toString(),
      redirect: 'manual',
      signal: AbortSignal.timeout(CALLBACK_TIMEOUT_MS),
    });
    const text = (await res.text()).slice(0, MAX_ANSWER_CHARS);
    let body: unknown = text;
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body, error: null };
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    return { status: null, body: null, error: timedOut ? 'timeout' : 'unreachable' };
  }
}
