export { startSandbox, type RunningSandbox, type SandboxOptions } from './sandbox';
export { defaultClientId, defaultClientSecret } from './core/state/clients';
export type { SandboxPlatformType, PlatformDefinition } from './core/platform';
export type { FaultKind } from './core/state/faults';
export type { StatsSnapshot } from './core/state/stats';
export type { GrantView } from './core/state/grants';
export type { MailItem } from './mailbox/mailbox';
