import { z } from 'zod';

const MailSchema = z.object({
  items: z.array(
    z.object({
      to: z.string(),
      subject: z.string(),
      text: z.string(),
      html: z.string(),
      links: z.array(z.string()),
      at: z.string(),
    }),
  ),
});
export type Mail = z.infer<typeof MailSchema>['items'][number];

const StatsSchema = z.object({
  tokenCalls: z.record(z.string(), z.record(z.string(), z.number())),
  refreshTokenReuse: z.number(),
  revokeCalls: z.record(z.string(), z.number()).default({}),
});
export type SandboxStats = z.infer<typeof StatsSchema>;

/** The provider sandbox's control API, as tests use it. */
export class SandboxClient {
  constructor(readonly url: string) {}

  async ttl(type: string, accessTtlSeconds: number, refreshTtlSeconds?: number): Promise<void> {
    await this.post('/_sandbox/ttl', {
      type,
      accessTtlSeconds,
      ...(refreshTtlSeconds ? { refreshTtlSeconds } : {}),
    });
  }

  async fail(
    type: string,
    kind: '429' | '500' | 'invalid_grant' | 'timeout' | 'drop-response',
    count: number,
    retryAfterSeconds?: number,
  ): Promise<void> {
    await this.post('/_sandbox/fail', {
      type,
      kind,
      count,
      ...(retryAfterSeconds ? { retryAfterSeconds } : {}),
    });
  }

  async revoke(type: string, user: string): Promise<void> {
    await this.post('/_sandbox/revoke', { type, user });
  }

  async reset(): Promise<void> {
    await this.post('/_sandbox/reset', {});
  }

  async stats(): Promise<SandboxStats> {
    return StatsSchema.parse(await (await fetch(`${this.url}/_sandbox/stats`)).json());
  }

  async mail(to?: string): Promise<Mail[]> {
    const qs = to ? `?to=${encodeURIComponent(to)}` : '';
    return MailSchema.parse(await (await fetch(`${this.url}/_sandbox/mail${qs}`)).json()).items;
  }

  private async post(path: string, body: unknown): Promise<void> {
    const res = await fetch(`${this.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`sandbox ${path} answered ${res.status}: ${await res.text()}`);
  }
}
