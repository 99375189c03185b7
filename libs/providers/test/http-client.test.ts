import { createHttpClient, ProviderError, type RequestEvent } from '../src';
import { startRecordingServer, type RecordingServer } from './support/recording-server';

let server: RecordingServer;

beforeEach(async () => {
  server = await startRecordingServer();
});

afterEach(async () => {
  await server.close();
});

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw error;
  }
  throw new Error('expected a ProviderError');
}

const request = (url: string) => ({
  provider: 'TWITTER',
  operation: 'identify' as const,
  method: 'GET' as const,
  url,
});

describe('provider HTTP helper', () => {
  it('maps a timeout to a transient error', async () => {
    server.reply('GET /slow', { status: 200, body: {}, delayMs: 1000 });
    const http = createHttpClient({ timeoutMs: 100 });
    const error = await failure(http.request(request(`${server.url}/slow`)));
    expect(error.kind).toBe('transient');
    expect(error.message).toMatch(/timed out after 100 ms/);
  });

  it('maps a refused connection to a transient error', async () => {
    const closed = `${server.url}/x`;
    await server.close();
    server = await startRecordingServer();
    const error = await failure(createHttpClient().request(request(closed)));
    expect(error.kind).toBe('transient');
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  it('does not read more than the size cap', async () => {
    server.reply('GET /big', {
      status: 200,
      body: JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) }),
    });
    const response = await createHttpClient().request(request(`${server.url}/big`));
    expect(response.body).toEqual({ kind: 'unparsable' });
  });

  it('reads JSON and form-encoded answers', async () => {
    server.reply('GET /json', { status: 200, body: { a: 1 } });
    server.reply('GET /form', {
      status: 200,
      body: 'access_token=at&expires_in=60',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const http = createHttpClient();
    expect((await http.request(request(`${server.url}/json`))).body).toEqual({
      kind: 'json',
      value: { a: 1 },
    });
    expect((await http.request(request(`${server.url}/form`))).body).toEqual({
      kind: 'json',
      value: { access_token: 'at', expires_in: '60' },
    });
  });

  it('reports each request to the hook without query, headers or body', async () => {
    server.reply('GET /2/users/me', { status: 200, body: {} });
    const events: RequestEvent[] = [];
    const http = createHttpClient({ onRequest: (event) => events.push(event) });
    await http.request({
      ...request(`${server.url}/2/users/me?user.fields=profile_image_url`),
      headers: { authorization: 'Bearer secret' },
    });
    expect(events).toEqual([
      {
        provider: 'TWITTER',
        operation: 'identify',
        method: 'GET',
        url: `${server.url}/2/users/me`,
        status: 200,
        durationMs: expect.any(Number) as number,
        error: null,
      },
    ]);
  });

  it('survives a hook that throws', async () => {
    server.reply('GET /ok', { status: 204 });
    const http = createHttpClient({
      onRequest: () => {
        throw new Error('metrics down');
      },
    });
    expect((await http.request(request(`${server.url}/ok`))).status).toBe(204);
  });
});
