// Runs TypeScript sources directly (dev mode, tests that spawn services) with tsconfig paths.
process.env.SWC_NODE_PROJECT =
  process.env.SWC_NODE_PROJECT || require('node:path').join(__dirname, '..', 'tsconfig.base.json');
require('@swc-node/register');
