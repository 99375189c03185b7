import { join } from 'node:path';

export interface DevPaths {
  root: string;
  /** `<repo>/.dev`: everything dev mode generates and keeps between runs. */
  devDir: string;
  keyringFile: string;
  secretsFile: string;
  stateFile: string;
  postgresDir: string;
  natsDir: string;
}

export function devPaths(root: string): DevPaths {
  const devDir = join(root, '.dev');
  return {
    root,
    devDir,
    keyringFile: join(devDir, 'keyring.json'),
    secretsFile: join(devDir, 'secrets.json'),
    stateFile: join(devDir, 'state.json'),
    postgresDir: join(devDir, 'postgres'),
    natsDir: join(devDir, 'nats'),
  };
}
