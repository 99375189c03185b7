import { resolveTxt } from 'node:dns/promises';
import type { HttpClient } from '../../http';
import { isJsonObject, stringField, type JsonValue } from '../../json';
import { ProviderError } from '../../provider-error';

/** Who the user named: the DID, the handle the DID document claims, and their PDS. */
export interface AtprotoIdentity {
  did: string;
  /** Null when the user gave a DID and its document claims no handle. */
  handle: string | null;
  pdsUrl: string;
}

export interface IdentityResolverDeps {
  http: HttpClient;
  /**
   * Where a handle's `/.well-known/atproto-did` and the PLC directory live. Real mode: the
   * handle's own host and `https://plc.directory`; sandbox mode: the sandbox's copies.
   */
  wellKnownDidUrl(handle: string): string;
  plcUrl(did: string): string;
  /** DNS TXT lookup of `_atproto.<handle>`; null in sandbox mode (HTTP method only). */
  resolveTxt: ((name: string) => Promise<string[][]>) | null;
}

const HANDLE =
  /^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;
const DID_PLC = /^did:plc:[a-z2-7]{24}$/;
const DID_WEB = /^did:web:[a-zA-Z0-9.-]+$/;
const DID_ANY = /^did:(plc|web):[a-zA-Z0-9._:%-]{1,2000}$/;

export const systemTxtResolver = (name: string): Promise<string[][]> => resolveTxt(name);

/** A handle (`alice.bsky.social`, `@alice.bsky.social`) or a DID; null when it is neither. */
export function parseAtprotoIdentifier(
  raw: string,
): { kind: 'handle'; handle: string } | { kind: 'did'; did: string } | null {
  const value = raw.trim().replace(/^@/, '');
  if (value.startsWith('did:'))
    return DID_PLC.test(value) || DID_WEB.test(value) ? { kind: 'did', did: value } : null;
  const handle = value.toLowerCase();
  return handle.length <= 253 && HANDLE.test(handle) ? { kind: 'handle', handle } : null;
}

/**
 * Handle → DID (DNS `_atproto` TXT first, then HTTPS `/.well-known/atproto-did`) → DID document
 * (PLC directory or did:web) → PDS; the document must claim the handle back (bidirectional
 * verification). Rejects with `invalid_request` ProviderErrors whose code says what failed.
 */
export async function resolveAtprotoIdentity(
  input: string,
  deps: IdentityResolverDeps,
): Promise<AtprotoIdentity> {
  const parsed = parseAtprotoIdentifier(input);
  if (!parsed) {
    throw refused('bluesky-invalid-handle', 'serverUrl must be a Bluesky handle or a DID');
  }
  const did = parsed.kind === 'did' ? parsed.did : await handleToDid(parsed.handle, deps);
  const document = await fetchDidDocument(did, deps);
  const claimed = claimedHandle(document);
  if (parsed.kind === 'handle' && claimed !== parsed.handle) {
    throw refused(
      'bluesky-handle-mismatch',
      `the DID document of ${parsed.handle} does not claim that handle`,
    );
  }
  return { did, handle: claimed, pdsUrl: pdsEndpoint(document) };
}

async function handleToDid(handle: string, deps: IdentityResolverDeps): Promise<string> {
  if (deps.resolveTxt) {
    const fromDns = await didFromDns(handle, deps.resolveTxt);
    if (fromDns) return fromDns;
  }
  const response = await deps.http.request({
    provider: 'BLUESKY',
    operation: 'exchange',
    method: 'GET',
    url: deps.wellKnownDidUrl(handle),
    headers: { accept: 'text/plain' },
    readText: true,
  });
  const text = response.body.kind === 'json' ? response.body.value : null;
  const did = typeof text === 'string' ? text.trim() : '';
  if (response.status !== 200 || !DID_ANY.test(did)) {
    throw refused('bluesky-handle-not-found', `the handle ${handle} does not resolve to a DID`);
  }
  return did;
}

/** `did=<DID>` records at `_atproto.<handle>`; several different ones make resolution fail. */
async function didFromDns(
  handle: string,
  resolve: (name: string) => Promise<string[][]>,
): Promise<string | null> {
  let records: string[][];
  try {
    records = await resolve(`_atproto.${handle}`);
  } catch {
    return null;
  }
  const dids = new Set(
    records
      .map((chunks) => chunks.join(''))
      .filter((text) => text.startsWith('did='))
      .map((text) => text.slice(4).trim()),
  );
  if (dids.size > 1) {
    throw refused('bluesky-handle-not-found', `the handle ${handle} has conflicting DNS records`);
  }
  const [did] = [...dids];
  return did && DID_ANY.test(did) ? did : null;
}

async function fetchDidDocument(did: string, deps: IdentityResolverDeps): Promise<JsonValue> {
  const url = did.startsWith('did:web:')
    ? `https://${decodeURIComponent(did.slice('did:web:'.length))}/.well-known/did.json`
    : deps.plcUrl(did);
  const response = await deps.http.request({
    provider: 'BLUESKY',
    operation: 'exchange',
    method: 'GET',
    url,
  });
  if (response.status !== 200 || response.body.kind !== 'json') {
    throw refused('bluesky-handle-not-found', `no DID document for ${did}`);
  }
  const document = response.body.value;
  if (stringField(document, 'id') !== did) {
    throw refused('bluesky-handle-not-found', `the DID document is not the one of ${did}`);
  }
  return document;
}

function claimedHandle(document: JsonValue): string | null {
  if (!isJsonObject(document) || !Array.isArray(document.alsoKnownAs)) return null;
  const aka = document.alsoKnownAs.find(
    (entry): entry is string => typeof entry === 'string' && entry.startsWith('at://'),
  );
  return aka ? aka.slice('at://'.length).toLowerCase() : null;
}

/** The `#atproto_pds` service of type `AtprotoPersonalDataServer` (an http(s) origin). */
function pdsEndpoint(document: JsonValue): string {
  const services = isJsonObject(document) ? document.service : null;
  const entry = Array.isArray(services)
    ? services.find(
        (s) =>
          isJsonObject(s) &&
          typeof s.id === 'string' &&
          s.id.endsWith('#atproto_pds') &&
          s.type === 'AtprotoPersonalDataServer',
      )
    : undefined;
  const endpoint = stringField(entry, 'serviceEndpoint');
  if (!endpoint || !/^https?:\/\//.test(endpoint)) {
    throw refused('bluesky-handle-not-found', 'the DID document names no PDS');
  }
  return endpoint.replace(/\/+$/, '');
}

export function refused(code: string, message: string): ProviderError {
  return new ProviderError({
    kind: 'invalid_request',
    message: `BLUESKY: ${message}`,
    providerCode: code,
  });
}
