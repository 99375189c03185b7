export * from './define';
export * from './vault.rpc';
export * from './oauth.rpc';
export * from './gateway.rpc';
export * from './notifier.rpc';
export * from './ops.rpc';
export * from './vault-grants.rpc';
export * from './oauth-selection.rpc';
