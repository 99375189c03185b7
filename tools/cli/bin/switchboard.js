#!/usr/bin/env node
// `switchboard` from a checkout: runs the TypeScript CLI through swc-node (as dev mode does). In the
// images: node -r ./dist/workspace-paths.js dist/tools/cli/src/main.js <command>.
'use strict';
const path = require('node:path');

const root = path.join(__dirname, '..', '..', '..');
require(path.join(root, 'tools', 'register.js'));
const { runCli } = require(path.join(root, 'tools', 'cli', 'src', 'main.ts'));
runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
