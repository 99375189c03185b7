import { Controller } from '@nestjs/common';
import { SchedulerTimelineList, type RpcReply, type RpcRequest } from '@switchboard/contracts';
import { RpcHandler } from '@switchboard/platform';
import { TimelineRepository } from './timeline.repository';

/** The timeline the gateway serves at `GET /api/v1/social-account/:id/timeline`. */
@Controller()
export class TimelineController {
  constructor(private readonly timeline: TimelineRepository) {}

  @RpcHandler(SchedulerTimelineList)
  list(
    req: RpcRequest<typeof SchedulerTimelineList>,
  ): Promise<RpcReply<typeof SchedulerTimelineList>> {
    return this.timeline.list(req.connectionId, req.teamId, req.limit, req.cursor);
  }
}
