// Preloaded in the images (`node -r ./dist/workspace-paths.js …`): maps the workspace aliases
// (`@switchboard/platform`, …) to the compiled libraries beside this file, as tsconfig's `paths`
// do for the TypeScript sources in dev mode.
'use strict';
const Module = require('node:module');
const path = require('node:path');

const ALIAS = /^@switchboard\/([a-z][a-z-]*)$/;
const resolveFilename = Module._resolveFilename;

Module._resolveFilename = function resolveWorkspaceAlias(request, ...rest) {
  const match = ALIAS.exec(request);
  const target = match ? path.join(__dirname, 'libs', match[1], 'src', 'index.js') : request;
  return resolveFilename.call(this, target, ...rest);
};
