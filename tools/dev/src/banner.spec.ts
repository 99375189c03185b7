import { connectCurl, renderBanner, shellQuote, type BannerInfo } from './banner';

const info: BannerInfo = {
  gatewayUrl: 'http://localhost:3000',
  sandboxUrl: 'http://127.0.0.1:4100',
  adminApiKey: 'sbk_dev_KEY',
  adminApiKeySource: 'generated',
  demoTeam: { id: 'team_123' },
  postgres: 'postgres://postgres@127.0.0.1:5432/switchboard (local server 127.0.0.1:5432)',
  nats: 'nats://127.0.0.1:4222 (local server 127.0.0.1:4222)',
  smtp: 'caught by the sandbox mailbox',
};

describe('renderBanner', () => {
  it('lists the URLs, the demo team and the admin key', () => {
    const text = renderBanner(info);
    expect(text).toContain('Gateway        http://localhost:3000\n');
    expect(text).toContain('Sandbox        http://127.0.0.1:4100\n');
    expect(text).toContain('Mailbox        http://127.0.0.1:4100/_sandbox/mail\n');
    expect(text).toContain('Demo team      team_123\n');
    expect(text).toContain('Admin API key  sbk_dev_KEY  (generated)\n');
  });

  it('has rules above and below and no side borders, so lines copy cleanly', () => {
    const lines = renderBanner(info).trim().split('\n');
    expect(lines[0]).toMatch(/^═+$/);
    expect(lines[lines.length - 1]).toBe(lines[0]);
    expect(lines.slice(1, -1).every((line) => !/[║│]/.test(line))).toBe(true);
  });

  it('contains a curl that connects a sandbox X account', () => {
    const text = renderBanner(info);
    expect(text).toContain(
      [
        '  curl -s -X POST http://localhost:3000/api/v1/social-account/connect \\',
        "    -H 'x-api-key: sbk_dev_KEY' -H 'content-type: application/json' \\",
        `    -d '{"teamId":"team_123","type":"TWITTER","redirectUrl":"http://localhost:3000/"}'`,
      ].join('\n'),
    );
  });

  it('says why there is no demo team and keeps a placeholder in the curl', () => {
    const text = renderBanner({ ...info, demoTeam: { error: 'POST /api/v1/team answered 404' } });
    expect(text).toContain('Demo team      not created: POST /api/v1/team answered 404');
    expect(text).toContain('"teamId":"<teamId>"');
  });
});

describe('shell quoting', () => {
  it('survives single quotes in values', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(connectCurl('http://x', "k'ey", 't')[1]).toContain(`'x-api-key: k'\\''ey'`);
  });
});
