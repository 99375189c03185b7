import type { Command } from 'commander';
import { migrate } from '@switchboard/platform';
import { join } from 'node:path';
import type { CommandContext } from '../context';
import { required } from '../env';
import { emit, table } from '../output';
import { SERVICE_NAMES, SERVICES, serviceName, type ServiceName } from '../services';

/**
 * Where a service's committed migrations are, relative to this file: the same layout in the
 * sources (`services/<name>/src/migrations/*.ts`) and in the images (`dist/…/*.js`).
 */
function migrationsGlob(service: ServiceName): string {
  return join(
    __dirname,
    '..',
    '..',
    '..',
    '..',
    'services',
    service,
    'src',
    'migrations',
    '*.{ts,js}',
  );
}

/**
 * `migrate`: runs services' migrations (each in its own schema, under the same advisory lock the
 * services take at boot), e.g. as the Kubernetes migration Job before a rollout.
 */
export function migrateCommand(
  program: Command,
  run: (fn: (ctx: CommandContext) => Promise<void>) => Promise<void>,
): void {
  program
    .command('migrate')
    .description("run services' database migrations (DATABASE_URL)")
    .option('--service <name>', `only this service (default: all of ${SERVICE_NAMES.join(', ')})`)
    .action((opts: { service?: string }) =>
      run(async (ctx) => {
        const url = required(ctx.env, 'DATABASE_URL', 'migrations run against PostgreSQL');
        const services = opts.service ? [serviceName(opts.service)] : SERVICE_NAMES;
        const done: { service: ServiceName; schema: string }[] = [];
        for (const service of services) {
          await migrate({
            url,
            schema: SERVICES[service],
            entities: [],
            migrations: [migrationsGlob(service)],
          });
          done.push({ service, schema: SERVICES[service] });
        }
        emit(ctx.io, ctx.json, { migrated: done }, () => table(done, ['service', 'schema']));
      }),
    );
}
