import { Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { CodedError, ErrorCodes, OAuthPlatformRevoked } from '@switchboard/contracts';
import { RpcClient } from '@switchboard/platform';
import { slackEventPayload } from '@switchboard/providers';
import type { Request } from 'express';
import { z } from 'zod';
import { Public } from '../api-keys/api-key.guard';

/** Where Slack posts Events API requests; `main.ts` keeps this route's body raw (it is signed). */
export const SLACK_EVENTS_PATH = '/api/v1/platform/slack/events';
/** What Slack sends is a few hundred bytes; the RPC payload is capped at 20,000 characters. */
const MAX_BODY_BYTES = 16 * 1024;

const EventBody = z.looseObject({
  type: z.string().max(100),
  challenge: z.string().min(1).max(500).optional(),
  event: z.looseObject({ type: z.string().max(100).optional() }).optional(),
});
const REVOKING_EVENTS = new Set(['tokens_revoked', 'app_uninstalled']);

/**
 * Slack's Events API Request URL (`<PUBLIC_URL>/api/v1/platform/slack/events`):
 * - `url_verification`: answers the challenge, as Slack requires when the URL is saved;
 * - `tokens_revoked`, `app_uninstalled`: forwarded with the raw body and the two signature headers
 *   to oauth, whose Slack adapter verifies the `X-Slack-Signature` and expires the installation's
 *   connections (a bad signature or an old timestamp is a 400 and changes nothing);
 * - any other event: acknowledged and ignored (Slack retries anything but a 2xx).
 */
@Controller('api/v1/platform/slack')
export class SlackEventsController {
  constructor(private readonly rpc: RpcClient) {}

  @Public()
  @Post('events')
  @HttpCode(200)
  async events(
    @Req() req: Request,
    @Headers('x-slack-request-timestamp') timestamp: string | undefined,
    @Headers('x-slack-signature') signature: string | undefined,
  ): Promise<{ challenge: string } | { received: true; connections?: number }> {
    const raw: unknown = req.body;
    if (!Buffer.isBuffer(raw) || raw.length === 0 || raw.length > MAX_BODY_BYTES) {
      throw new CodedError(
        ErrorCodes.validation,
        `body: expected a JSON event of at most ${MAX_BODY_BYTES} bytes`,
      );
    }
    const text = raw.toString('utf8');
    const parsed = EventBody.safeParse(parseJson(text));
    if (!parsed.success) throw new CodedError(ErrorCodes.validation, 'body: not a Slack event');
    const event = parsed.data;
    if (event.type === 'url_verification') {
      if (!event.challenge) throw new CodedError(ErrorCodes.validation, 'challenge: required');
      return { challenge: event.challenge };
    }
    const eventType = event.event?.type;
    if (event.type !== 'event_callback' || !eventType || !REVOKING_EVENTS.has(eventType)) {
      return { received: true };
    }
    if (!timestamp || !signature || timestamp.length > 20 || signature.length > 200) {
      throw new CodedError(
        'invalid-signature',
        'X-Slack-Request-Timestamp and X-Slack-Signature are required',
      );
    }
    const result = await this.rpc.call(OAuthPlatformRevoked, {
      typeSegment: 'slack',
      kind: 'deauthorize',
      payload: slackEventPayload({ body: text, timestamp, signature }),
    });
    return { received: true, connections: result.connections };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
