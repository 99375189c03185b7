import { Controller, Get, Header, Res } from '@nestjs/common';
import type { Response } from 'express';
import { metricsRegistry } from './metrics';
import { ReadinessRegistry, type ReadinessReport } from './readiness.registry';

@Controller()
export class HealthController {
  constructor(private readonly readiness: ReadinessRegistry) {}

  @Get('health/live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('health/ready')
  async ready(@Res({ passthrough: true }) res: Response): Promise<ReadinessReport> {
    const report = await this.readiness.report();
    res.status(report.ready ? 200 : 503);
    return report;
  }

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  metrics(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
