import { CodedError, ErrorCodes, type CustomProviderConfig } from '@switchboard/contracts';
import { checkOutboundUrl, UrlNotAllowedError, type UrlPolicy } from '@switchboard/platform';
import ipaddr from 'ipaddr.js';
import { lookup } from 'node:dns/promises';

const FIELDS = ['authorizationUrl', 'tokenUrl', 'revocationUrl', 'userInfoUrl'] as const;

/**
 * Checks a registration's URLs before anything is stored: https (plain http only for a loopback
 * server in dev mode), no credentials or fragment, and — for the endpoints Switchboard calls —
 * every address the host resolves to public (private, link-local, CGNAT… always refused,
 * loopback only in dev mode). The browser-only authorization URL and the issuer (compared, never
 * fetched) get the same rules so a provider cannot point users at an internal host either.
 * Refusals are `url-not-allowed` naming the field; nothing is sent to the URLs here.
 */
export async function checkProviderUrls(
  config: CustomProviderConfig,
  devMode: boolean,
  resolve: UrlPolicy['resolve'] = undefined,
): Promise<void> {
  const policy: UrlPolicy = { allowLoopback: devMode, resolve };
  for (const field of [...FIELDS, 'issuer'] as const) {
    const raw = config[field];
    if (raw === null) continue;
    let url: URL;
    try {
      url = await checkOutboundUrl(raw, policy);
    } catch (error) {
      if (error instanceof UrlNotAllowedError) {
        throw new UrlNotAllowedError(`${field}: ${error.message}`);
      }
      throw error;
    }
    if (url.hash) throw new UrlNotAllowedError(`${field}: a URL with a fragment is not allowed`);
    if (url.protocol === 'http:' && !(await isLoopback(url.hostname, resolve))) {
      throw new UrlNotAllowedError(
        `${field}: use https (plain http only for loopback in dev mode)`,
      );
    }
    if (field === 'issuer' && url.search) {
      throw new CodedError(ErrorCodes.validation, 'issuer: an issuer has no query (RFC 8414)');
    }
  }
  for (const scope of config.scopes) {
    if (/\s/.test(scope))
      throw new CodedError(ErrorCodes.validation, `scopes: "${scope}" has a space`);
  }
}

async function isLoopback(hostname: string, resolve: UrlPolicy['resolve']): Promise<boolean> {
  const host = hostname.replace(/^\[(.*)\]$/, '$1');
  const addresses = ipaddr.isValid(host)
    ? [host]
    : (await (resolve ?? ((h: string) => lookup(h, { all: true })))(host)).map((a) => a.address);
  return addresses.length > 0 && addresses.every((a) => ipaddr.process(a).range() === 'loopback');
}
