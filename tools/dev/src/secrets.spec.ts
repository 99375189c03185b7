import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DevError } from './dev-error';
import { KeyringSchema, loadOrCreateDevSecrets } from './secrets';

describe('dev secrets', () => {
  let dir: string;
  let files: { keyringFile: string; secretsFile: string };
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sb-dev-secrets-'));
    files = { keyringFile: join(dir, 'keyring.json'), secretsFile: join(dir, 'secrets.json') };
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const mode = async (file: string): Promise<number> => (await stat(file)).mode & 0o777;

  it('generates a keyring and secrets once, mode 0600, and keeps them', async () => {
    const first = await loadOrCreateDevSecrets({ ...files, adminApiKeyOverride: undefined });
    const keyring = JSON.parse(await readFile(files.keyringFile, 'utf8')) as unknown;
    expect(KeyringSchema.parse(keyring)).toEqual({
      activeKeyId: 'dev-1',
      keys: { 'dev-1': expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/) as unknown },
    });
    expect(await mode(files.keyringFile)).toBe(0o600);
    expect(await mode(files.secretsFile)).toBe(0o600);
    expect(first.adminApiKey).toMatch(/^sbk_dev_[A-Za-z0-9_-]{43}$/);
    expect(first.adminApiKeySource).toBe('generated');
    expect(first.portalSigningSecret.length).toBeGreaterThanOrEqual(43);

    const keyringBefore = await readFile(files.keyringFile, 'utf8');
    const second = await loadOrCreateDevSecrets({ ...files, adminApiKeyOverride: undefined });
    expect(second).toEqual(first);
    expect(await readFile(files.keyringFile, 'utf8')).toBe(keyringBefore);
  });

  it('uses SWITCHBOARD_DEV_API_KEY as the admin key without storing it', async () => {
    const secrets = await loadOrCreateDevSecrets({ ...files, adminApiKeyOverride: 'mine-123' });
    expect(secrets.adminApiKey).toBe('mine-123');
    expect(secrets.adminApiKeySource).toBe('SWITCHBOARD_DEV_API_KEY');
    expect(await readFile(files.secretsFile, 'utf8')).not.toContain('mine-123');
  });

  it('tightens a keyring readable by others', async () => {
    await loadOrCreateDevSecrets({ ...files, adminApiKeyOverride: undefined });
    await chmod(files.keyringFile, 0o644);
    await loadOrCreateDevSecrets({ ...files, adminApiKeyOverride: undefined });
    expect(await mode(files.keyringFile)).toBe(0o600);
  });

  it('refuses to replace an invalid keyring', async () => {
    await writeFile(files.keyringFile, '{"activeKeyId":"k2","keys":{"k1":"c2hvcnQ="}}');
    await expect(
      loadOrCreateDevSecrets({ ...files, adminApiKeyOverride: undefined }),
    ).rejects.toThrow(DevError);
    expect(await readFile(files.keyringFile, 'utf8')).toContain('c2hvcnQ=');
  });
});
