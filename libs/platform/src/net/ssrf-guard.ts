import { CodedError } from '@switchboard/contracts';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { judgeAddress, type AddressPolicy } from './address-policy';

export const URL_NOT_ALLOWED = 'url-not-allowed';

/** A URL the server must not fetch; the message names the rule, never a response body. */
export class UrlNotAllowedError extends CodedError {
  constructor(message: string) {
    super(URL_NOT_ALLOWED, message);
    this.name = 'UrlNotAllowedError';
  }
}

export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export interface UrlPolicy extends AddressPolicy {
  /** Schemes accepted; default https only (plus http when loopback is allowed). */
  protocols?: readonly string[];
  /** DNS resolution; tests inject their own. Default: the system resolver, every address. */
  resolve?: Resolver;
}

export const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => {
      if (error) reject(error);
      else resolve(addresses);
    });
  });

/** Parses a URL and checks what can be judged without the network: scheme, credentials, host. */
export function parseOutboundUrl(raw: string, policy: UrlPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UrlNotAllowedError('not an absolute URL');
  }
  const protocols = policy.protocols ?? (policy.allowLoopback ? ['https:', 'http:'] : ['https:']);
  if (!protocols.includes(url.protocol)) {
    throw new UrlNotAllowedError(
      `scheme ${url.protocol} is not allowed (use ${protocols.join(' or ')})`,
    );
  }
  if (url.username || url.password) throw new UrlNotAllowedError('URL must not carry credentials');
  if (!url.hostname) throw new UrlNotAllowedError('URL has no host');
  return url;
}

/**
 * Resolves the host and refuses the URL unless every address it resolves to is allowed (a name
 * with one private address among public ones is refused: the client might connect to it).
 */
export async function checkOutboundUrl(raw: string, policy: UrlPolicy): Promise<URL> {
  const url = parseOutboundUrl(raw, policy);
  await resolveAllowed(hostOf(url), policy);
  return url;
}

/** The allowed addresses of a host (an IP literal is judged as it is). */
export async function resolveAllowed(host: string, policy: UrlPolicy): Promise<LookupAddress[]> {
  const literal = isIP(host);
  const addresses: LookupAddress[] = literal
    ? [{ address: host, family: literal }]
    : await (policy.resolve ?? systemResolver)(host).catch(() => {
        throw new UrlNotAllowedError(`host ${host} does not resolve`);
      });
  if (addresses.length === 0) throw new UrlNotAllowedError(`host ${host} does not resolve`);
  for (const a of addresses) {
    const verdict = judgeAddress(a.address, policy);
    if (!verdict.allowed) {
      throw new UrlNotAllowedError(`host ${host} resolves to a ${verdict.range} address`);
    }
  }
  return addresses;
}

/** `[::1]` → `::1`: URL keeps the brackets of an IPv6 literal. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}
