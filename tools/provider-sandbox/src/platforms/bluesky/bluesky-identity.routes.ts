import type { Router } from 'express';

import type { SandboxState } from '../../core/sandbox-state';
import { didFor, handleFor, userOfHandle } from './bluesky-store';

/**
 * Identity as atproto resolves it, for sandbox handles `<user>.bsky.sandbox`:
 * - `GET /.well-known/atproto-did?handle=<handle>`: the handle host's well-known answer (the
 *   sandbox cannot own the handles' hosts, so the handle is a parameter), `text/plain` DID;
 * - `GET /<did>`: the PLC directory's DID document (the PDS is this mount);
 * - `GET /.well-known/oauth-protected-resource`: the PDS names its authorization server (this mount).
 */
export function blueskyIdentityRoutes(router: Router, state: SandboxState, basePath: string): void {
  const known = new Map<string, string>();

  router.get('/.well-known/atproto-did', (req, res) => {
    const handle = typeof req.query.handle === 'string' ? req.query.handle : '';
    const user = userOfHandle(handle);
    if (user === null) {
      res.status(404).type('text/plain').send('handle not found');
      return;
    }
    const did = didFor(user);
    known.set(did, user);
    res.status(200).type('text/plain').send(did);
  });

  router.get(/^\/(did:plc:[a-z2-7]{24})$/, (req, res) => {
    const did = (req.params as Record<string, string>)[0] ?? '';
    const user = known.get(did);
    if (user === undefined) {
      res.status(404).json({ message: `DID not registered: ${did}` });
      return;
    }
    res.json({
      '@context': ['https://www.w3.org/ns/did/v1'],
      id: did,
      alsoKnownAs: [`at://${handleFor(user)}`],
      verificationMethod: [],
      service: [
        {
          id: '#atproto_pds',
          type: 'AtprotoPersonalDataServer',
          serviceEndpoint: `${state.origin}${basePath}`,
        },
      ],
    });
  });

  router.get('/.well-known/oauth-protected-resource', (_req, res) => {
    res.json({
      resource: `${state.origin}${basePath}`,
      authorization_servers: [`${state.origin}${basePath}`],
      scopes_supported: [],
      bearer_methods_supported: ['header'],
    });
  });
}
