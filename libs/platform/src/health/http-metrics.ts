import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Counter, Histogram } from 'prom-client';
import { metricsRegistry } from './metrics';

const requests = new Counter({
  name: 'http_requests_total',
  help: 'HTTP requests served, by method, route pattern and status code',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [metricsRegistry],
});

const duration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'Time to answer an HTTP request (to the end of the response), by method and route pattern',
  labelNames: ['method', 'route'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

/**
 * The route label is the matched pattern (`/api/v1/social-account/:id`), never the raw path, so
 * ids and tokens in URLs neither reach Prometheus nor multiply its series; unmatched requests
 * are counted as `unmatched`.
 */
export function routeLabel(req: Pick<Request, 'baseUrl' | 'route'>): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${req.baseUrl}${path}` : 'unmatched';
}

@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    const stop = duration.startTimer();
    res.once('close', () => {
      const labels = { method: req.method, route: routeLabel(req) };
      stop(labels);
      requests.inc({ ...labels, status: String(res.statusCode) });
    });
    next();
  }
}
