import { Controller } from '@nestjs/common';
import {
  NotifierWebhookCreate,
  NotifierWebhookDelete,
  NotifierWebhookDeliveries,
  NotifierWebhookDeliveryGet,
  NotifierWebhookEnable,
  NotifierWebhookGet,
  NotifierWebhookList,
  NotifierWebhookRedeliver,
  type RpcReply,
  type RpcRequest,
} from '@switchboard/contracts';
import { RpcHandler } from '@switchboard/platform';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookDispatcherService } from './webhook-dispatcher.service';
import { view, WebhookSubscriptionsRepository } from './webhook-subscriptions.repository';

/** Subscriptions, their delivery log and manual redelivery. `teamId: null` = an admin caller. */
@Controller()
export class WebhooksController {
  constructor(
    private readonly subscriptions: WebhookSubscriptionsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly dispatcher: WebhookDispatcherService,
  ) {}

  @RpcHandler(NotifierWebhookCreate)
  create(
    req: RpcRequest<typeof NotifierWebhookCreate>,
  ): Promise<RpcReply<typeof NotifierWebhookCreate>> {
    return this.subscriptions.create(req);
  }

  @RpcHandler(NotifierWebhookList)
  list(req: RpcRequest<typeof NotifierWebhookList>): Promise<RpcReply<typeof NotifierWebhookList>> {
    return this.subscriptions.list(req.teamId, req.limit, req.cursor);
  }

  @RpcHandler(NotifierWebhookGet)
  async get(
    req: RpcRequest<typeof NotifierWebhookGet>,
  ): Promise<RpcReply<typeof NotifierWebhookGet>> {
    return view(await this.subscriptions.get(req.teamId, req.id));
  }

  @RpcHandler(NotifierWebhookDelete)
  async delete(
    req: RpcRequest<typeof NotifierWebhookDelete>,
  ): Promise<RpcReply<typeof NotifierWebhookDelete>> {
    await this.subscriptions.delete(req.teamId, req.id);
    return { deleted: true };
  }

  @RpcHandler(NotifierWebhookEnable)
  enable(
    req: RpcRequest<typeof NotifierWebhookEnable>,
  ): Promise<RpcReply<typeof NotifierWebhookEnable>> {
    return this.subscriptions.enable(req.teamId, req.id);
  }

  @RpcHandler(NotifierWebhookDeliveries)
  async deliveryLog(
    req: RpcRequest<typeof NotifierWebhookDeliveries>,
  ): Promise<RpcReply<typeof NotifierWebhookDeliveries>> {
    const sub = await this.subscriptions.get(req.teamId, req.subscriptionId);
    return this.deliveries.list(sub.id, req.limit, req.cursor);
  }

  @RpcHandler(NotifierWebhookDeliveryGet)
  async delivery(
    req: RpcRequest<typeof NotifierWebhookDeliveryGet>,
  ): Promise<RpcReply<typeof NotifierWebhookDeliveryGet>> {
    const sub = await this.subscriptions.get(req.teamId, req.subscriptionId);
    return this.deliveries.get(sub.id, req.deliveryId);
  }

  @RpcHandler(NotifierWebhookRedeliver)
  async redeliver(
    req: RpcRequest<typeof NotifierWebhookRedeliver>,
  ): Promise<RpcReply<typeof NotifierWebhookRedeliver>> {
    const sub = await this.subscriptions.get(req.teamId, req.subscriptionId);
    return this.dispatcher.redeliver(sub.id, req.deliveryId);
  }
}
