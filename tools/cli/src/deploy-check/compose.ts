import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from './manifest';

interface ComposeService {
  image?: string;
  build?: unknown;
  cap_drop?: string[];
  security_opt?: string[];
  read_only?: boolean;
  user?: string;
  healthcheck?: { test?: unknown };
  depends_on?: Record<string, { condition?: string }> | string[];
  ports?: unknown[];
}

export const COMPOSE_FILE = join(REPO_ROOT, 'docker-compose.yml');
/** Third-party images without a shell or probe binary: waited on with service_started. */
const NO_HEALTHCHECK = ['jaeger'];
const OURS = ['token-vault', 'oauth', 'refresh-scheduler', 'notifier', 'gateway', 'sandbox'];

/**
 * `docker-compose config -q` (Debian's docker-compose 1.29, no engine needed). Returns null when
 * the binary is missing, so the caller decides whether that is allowed (it is not in CI).
 */
export function composeConfigErrors(): string[] | null {
  try {
    execFileSync('docker-compose', ['-f', COMPOSE_FILE, 'config', '-q'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    });
    return [];
  } catch (error) {
    const e = error as { code?: string; stderr?: string };
    if (e.code === 'ENOENT') return null;
    return [`docker-compose config: ${(e.stderr ?? String(error)).trim()}`];
  }
}

/** Hardening and start order: what the file must say, whatever docker-compose accepts. */
export function composeInvariants(text = readFileSync(COMPOSE_FILE, 'utf8')): string[] {
  const file = parse(text, { merge: true }) as { services?: Record<string, ComposeService> };
  const services = file.services ?? {};
  const problems: string[] = [];
  for (const name of ['postgres', 'nats', 'mailpit', 'jaeger', ...OURS]) {
    if (!services[name]) problems.push(`compose: no ${name} service`);
  }
  for (const [name, s] of Object.entries(services)) {
    if (!s.cap_drop?.includes('ALL')) problems.push(`compose ${name}: cap_drop ALL missing`);
    if (!s.security_opt?.some((o) => /^no-new-privileges(:true)?$/.test(o))) {
      problems.push(`compose ${name}: no-new-privileges missing`);
    }
    if (!s.healthcheck?.test && !NO_HEALTHCHECK.includes(name)) {
      problems.push(`compose ${name}: no healthcheck`);
    }
    if (OURS.includes(name) && s.read_only !== true) {
      problems.push(`compose ${name}: root filesystem not read-only`);
    }
    const deps = Array.isArray(s.depends_on) ? {} : (s.depends_on ?? {});
    if (Array.isArray(s.depends_on))
      problems.push(`compose ${name}: depends_on without conditions`);
    for (const [dep, { condition }] of Object.entries(deps)) {
      const wanted = NO_HEALTHCHECK.includes(dep) ? 'service_started' : 'service_healthy';
      if (condition !== wanted)
        problems.push(`compose ${name}: depends on ${dep} without ${wanted}`);
    }
  }
  for (const name of ['token-vault', 'oauth', 'refresh-scheduler', 'notifier']) {
    if (services[name]?.ports?.length) problems.push(`compose ${name}: publishes a port`);
  }
  return problems;
}
