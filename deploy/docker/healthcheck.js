// Container HEALTHCHECK without curl: exits 0 when the service's /health/live answers 200.
// The port is the one the service listens on (GATEWAY_PORT, HTTP_PORT or SANDBOX_PORT).
'use strict';
const port = process.env.GATEWAY_PORT || process.env.HTTP_PORT || process.env.SANDBOX_PORT;
const path = process.env.HEALTHCHECK_PATH || '/health/live';
fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(2500) }).then(
  (res) => process.exit(res.ok ? 0 : 1),
  () => process.exit(1),
);
