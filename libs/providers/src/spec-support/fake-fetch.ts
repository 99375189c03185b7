import type { Clock } from '../clock';
import type { FetchLike } from '../http';

/** One request the fake fetch received. */
export interface SeenRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
}

export interface FakeReply {
  status: number;
  body?: string | object;
  headers?: Record<string, string>;
}

/** A fetch that records requests and answers from a script (last reply repeats). */
export function fakeFetch(...replies: FakeReply[]): FetchLike & { seen: SeenRequest[] } {
  const seen: SeenRequest[] = [];
  const fn = (url: string, init: RequestInit): Promise<Response> => {
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    seen.push({
      url,
      method: init.method ?? 'GET',
      headers,
      body: typeof init.body === 'string' ? init.body : '',
    });
    const reply = replies[Math.min(seen.length - 1, replies.length - 1)] ?? { status: 200 };
    const text =
      typeof reply.body === 'string'
        ? reply.body
        : reply.body === undefined
          ? ''
          : JSON.stringify(reply.body);
    const contentType: Record<string, string> =
      typeof reply.body === 'object' ? { 'content-type': 'application/json' } : {};
    return Promise.resolve(
      new Response(text.length > 0 ? text : null, {
        status: reply.status,
        headers: { ...contentType, ...reply.headers },
      }),
    );
  };
  return Object.assign(fn, { seen });
}

export function fixedClock(iso: string): Clock {
  return { now: () => new Date(iso) };
}
