import { validateDeploy } from './validate';

/**
 * `npm run validate:deploy`: every k8s overlay rendered with `kubectl kustomize` and validated
 * offline (API schemas, CRD schemas, Switchboard's invariants), and docker-compose.yml checked by
 * docker-compose and for hardening. In CI a missing docker-compose is a failure, not a skip.
 */
function main(): number {
  const report = validateDeploy();
  let failed = false;
  for (const o of report.overlays) {
    const status = o.problems.length === 0 ? 'ok' : `${o.problems.length} problem(s)`;
    process.stdout.write(`k8s overlay ${o.overlay}: ${o.objects} objects, ${status}\n`);
    for (const p of o.problems) process.stdout.write(`  - ${p}\n`);
    failed ||= o.problems.length > 0;
  }
  const { compose } = report;
  if (!compose.validated) {
    const required = process.env.CI === 'true';
    process.stdout.write(
      `docker-compose.yml: docker-compose not installed${required ? ' (required in CI)' : ', config check skipped'}\n`,
    );
    failed ||= required;
  }
  process.stdout.write(
    `docker-compose.yml: ${compose.problems.length === 0 ? 'ok' : `${compose.problems.length} problem(s)`}\n`,
  );
  for (const p of compose.problems) process.stdout.write(`  - ${p}\n`);
  failed ||= compose.problems.length > 0;
  return failed ? 1 : 0;
}

process.exitCode = main();
