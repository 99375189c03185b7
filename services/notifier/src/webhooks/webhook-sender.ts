import { Inject, Injectable } from '@nestjs/common';
import { safeRequest } from '@switchboard/platform';
import { NOTIFIER_ENV, type NotifierEnv } from '../config';
import type { AttemptResult } from './webhook-deliveries.repository';
import { signatureHeader } from './webhook-signature';

/**
 * POSTs one webhook body, signed, through the SSRF-safe client: the target (and every redirect)
 * is resolved and checked at connection time; loopback only in dev mode.
 */
@Injectable()
export class WebhookSender {
  constructor(@Inject(NOTIFIER_ENV) private readonly env: NotifierEnv) {}

  async send(
    url: string,
    secret: string,
    body: string,
    meta: { eventId: string; eventType: string; deliveryId: string },
  ): Promise<AttemptResult> {
    const at = new Date();
    const started = Date.now();
    try {
      const res = await safeRequest(url, {
        allowLoopback: this.env.DEV_MODE,
        method: 'POST',
        body,
        timeoutMs: this.env.WEBHOOK_TIMEOUT_MS,
        maxResponseBytes: 2048,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Switchboard-Webhooks/1',
          'x-switchboard-event-id': meta.eventId,
          'x-switchboard-event-type': meta.eventType,
          'x-switchboard-delivery-id': meta.deliveryId,
        },
        // signed per attempt, so the timestamp is fresh even on a retry a day later
        headersFor: () => ({ 'x-switchboard-signature': signatureHeader(secret, body) }),
      });
      const ok = res.status >= 200 && res.status < 300;
      return {
        ok,
        statusCode: res.status,
        error: ok ? null : `HTTP ${res.status}`,
        durationMs: Date.now() - started,
        at,
      };
    } catch (error) {
      return {
        ok: false,
        statusCode: null,
        error: (error instanceof Error ? error.message : String(error)).slice(0, 300),
        durationMs: Date.now() - started,
        at,
      };
    }
  }
}
