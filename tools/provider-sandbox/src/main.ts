import { readSandboxEnv } from './env';
import { startSandbox } from './sandbox';

function fail(message: string): never {
  process.stderr.write(`${JSON.stringify({ msg: 'sandbox failed', error: message })}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const config = readSandboxEnv(process.env);
  if (!config.ok) fail(config.message);
  const sandbox = await startSandbox(config.env);
  process.stdout.write(
    `${JSON.stringify({ msg: 'sandbox listening', url: sandbox.url, smtpPort: sandbox.smtpPort })}\n`,
  );
  const shutdown = (): void => {
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => fail(error instanceof Error ? error.message : String(error)),
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
