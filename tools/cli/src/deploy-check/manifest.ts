import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** One rendered Kubernetes object (only what the checks read is typed). */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  [key: string]: unknown;
}

export const REPO_ROOT = join(__dirname, '..', '..', '..', '..');
export const OVERLAYS = ['dev', 'prod'] as const;
export type Overlay = (typeof OVERLAYS)[number];

export function overlayDir(overlay: Overlay): string {
  return join(REPO_ROOT, 'deploy', 'k8s', 'overlays', overlay);
}

/** `kubectl kustomize <overlay>` (kubectl's built-in kustomize v5), parsed into objects. */
export function renderOverlay(overlay: Overlay): K8sObject[] {
  let text: string;
  try {
    text = execFileSync('kubectl', ['kustomize', overlayDir(overlay)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 32 * 1024 * 1024,
    });
  } catch (error) {
    const e = error as { code?: string; stderr?: string };
    if (e.code === 'ENOENT') {
      throw new Error(
        'kubectl not found: install it (apt-get install -y kubectl) to render overlays',
      );
    }
    throw new Error(`kubectl kustomize ${overlay} failed: ${e.stderr ?? String(error)}`);
  }
  return parseManifests(text);
}

export function parseManifests(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`bad YAML: ${doc.errors[0]?.message}`);
      return doc.toJS() as K8sObject | null;
    })
    .filter((o): o is K8sObject => o !== null)
    .map(unwrapSecretData);
}

/**
 * kustomize wraps long base64 values of a Secret's `data` over several lines; the API server's
 * decoder skips the line breaks, so the checks do too.
 */
function unwrapSecretData(o: K8sObject): K8sObject {
  if (o.kind !== 'Secret' || typeof o.data !== 'object' || o.data === null) return o;
  const data = Object.fromEntries(
    Object.entries(o.data as Record<string, string>).map(([k, v]) => [k, v.replace(/[\r\n]/g, '')]),
  );
  return { ...o, data };
}

export function describe(o: K8sObject): string {
  return `${o.kind}/${o.metadata?.name ?? '?'}`;
}
