/** Exit codes: 1 a service refused or failed, 2 bad usage, 69 a service unreachable, 78 config. */
export const ExitCodes = { failed: 1, usage: 2, unavailable: 69, config: 78 } as const;

/** An error the CLI reports as `code: message` (or `{"error": {code, message}}` with --json). */
export class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode: number = ExitCodes.failed,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
