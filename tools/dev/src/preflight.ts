import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isPortFree } from '@switchboard/testing';
import { DevError } from './dev-error';
import { PORT_VARIABLES, type DevPorts, type PortKey } from './env';
import type { ChildSpec } from './services';

/** Every entry point exists (the services may not be written yet). */
export function checkEntries(root: string, specs: ChildSpec[]): void {
  const missing = specs.filter((spec) => !existsSync(join(root, spec.entry)));
  if (missing.length > 0) {
    throw new DevError(
      `These entry points do not exist (yet): ${missing.map((s) => s.entry).join(', ')}`,
    );
  }
}

/**
 * Every port dev mode will listen on is free — otherwise a leftover process could answer the
 * readiness checks in place of the new one.
 */
export async function checkPorts(ports: DevPorts): Promise<void> {
  const busy: string[] = [];
  for (const [key, port] of Object.entries(ports)) {
    if (!(await isPortFree(port))) busy.push(`${port} (${PORT_VARIABLES[key as PortKey].name})`);
  }
  if (busy.length > 0) {
    throw new DevError(
      `Port ${busy.join(', ')} already in use. Is another \`npm start\` running? ` +
        'Stop it, or choose other ports with those variables.',
    );
  }
}
