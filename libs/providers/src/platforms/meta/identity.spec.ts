import { ProviderError } from '../../provider-error';
import { facebookIdentity } from './facebook-login';
import { instagramLoginIdentity } from './instagram-login';
import { threadsIdentity } from './threads';

describe('Meta identities', () => {
  it('Facebook: /me with the picture edge', () => {
    expect(
      facebookIdentity({
        id: '10',
        name: 'Ann',
        picture: { data: { url: 'https://x/p.jpg', height: 50 } },
      }),
    ).toEqual({ externalId: '10', displayName: 'Ann', avatarUrl: 'https://x/p.jpg' });
    expect(() => facebookIdentity({ name: 'no id' })).toThrow(ProviderError);
  });

  it('Instagram Login: user_id is the professional account, the @username the fallback name', () => {
    expect(
      instagramLoginIdentity({ user_id: '1784', username: 'ann_biz', account_type: 'BUSINESS' }),
    ).toEqual({ externalId: '1784', displayName: '@ann_biz', avatarUrl: null });
    expect(
      instagramLoginIdentity({
        id: '55',
        user_id: 1784,
        name: 'Ann',
        account_type: 'MEDIA_CREATOR',
      }),
    ).toMatchObject({ externalId: '1784', displayName: 'Ann' });
  });

  it('Instagram Login: a personal account is refused with the reason', () => {
    let error: unknown;
    try {
      instagramLoginIdentity({ user_id: '9', username: 'ann', account_type: 'PERSONAL' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'permission_lost', providerCode: 'personal-account' });
    expect((error as Error).message).toContain('No Instagram Business account linked');
  });

  it('Threads: id, name or @username, profile picture', () => {
    expect(
      threadsIdentity({
        id: '77',
        username: 'ann',
        threads_profile_picture_url: 'https://t/p.jpg',
      }),
    ).toEqual({ externalId: '77', displayName: '@ann', avatarUrl: 'https://t/p.jpg' });
    expect(() => threadsIdentity({ username: 'x' })).toThrow(ProviderError);
  });
});
