import { ProviderError } from '../../provider-error';
import { redditClassifyError, redditConfig, redditIdentity } from './reddit';
import { redditUserAgent } from './reddit-user-agent';

describe('Reddit identity', () => {
  it('maps /api/v1/me and unescapes the icon URL', () => {
    expect(
      redditIdentity({
        id: '1w72',
        name: 'spez',
        icon_img: 'https://styles.redditmedia.com/a.png?width=256&amp;s=abc',
        snoovatar_img: '',
      }),
    ).toEqual({
      externalId: '1w72',
      displayName: 'u/spez',
      avatarUrl: 'https://styles.redditmedia.com/a.png?width=256&s=abc',
    });
  });

  it('refuses an answer without id', () => {
    expect(() => redditIdentity({ name: 'spez' })).toThrow(ProviderError);
  });
});

describe('Reddit User-Agent', () => {
  it('is descriptive by default: platform, app id, version, developer', () => {
    expect(redditUserAgent({}, 'abc123')).toMatch(
      /^server:switchboard\.abc123:v\d+\.\d+\.\d+ \(by \/u\/switchboard\)$/,
    );
    expect(redditUserAgent({ REDDIT_USERNAME: 'acme_dev' }, 'abc123')).toContain(
      '(by /u/acme_dev)',
    );
  });

  it('REDDIT_USER_AGENT replaces it', () => {
    expect(redditUserAgent({ REDDIT_USER_AGENT: 'web:com.acme:1.2 (by /u/acme)' }, 'x')).toBe(
      'web:com.acme:1.2 (by /u/acme)',
    );
  });
});

describe('Reddit error classification', () => {
  it('401 at the token endpoint is our Basic credentials, not the user', () => {
    const input = { status: 401, providerCode: null, description: 'Unauthorized', body: null };
    expect(redditClassifyError({ ...input, operation: 'refresh' })).toBe('transient');
    expect(redditClassifyError({ ...input, operation: 'identify' })).toBeNull();
  });

  it('403 from the API is a missing scope', () => {
    const input = { status: 403, providerCode: null, description: 'Forbidden', body: null };
    expect(redditClassifyError({ ...input, operation: 'identify' })).toBe('permission_lost');
  });
});

describe('Reddit configuration', () => {
  it('HTTP Basic, duration=permanent, no rotation', () => {
    const config = redditConfig({ clientId: 'id', clientSecret: 'secret' });
    expect(config).toMatchObject({
      clientAuth: 'basic',
      pkce: 'none',
      refreshRotates: false,
      extraAuthorizeParams: { duration: 'permanent' },
    });
  });
});
