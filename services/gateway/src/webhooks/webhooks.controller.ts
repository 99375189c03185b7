import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import {
  CodedError,
  ErrorCodes,
  NotifierWebhookCreate,
  NotifierWebhookDelete,
  NotifierWebhookDeliveries,
  NotifierWebhookDeliveryGet,
  NotifierWebhookEnable,
  NotifierWebhookGet,
  NotifierWebhookList,
  NotifierWebhookRedeliver,
  WEBHOOK_EVENT_TYPES,
  WebhookEventTypeSchema,
  type RpcReply,
  type WebhookSubscription,
} from '@switchboard/contracts';
import { RpcClient } from '@switchboard/platform';
import { z } from 'zod';
import { Caller } from '../api-keys/principal.decorator';
import { requireScope, requireTeam, type Principal } from '../api-keys/principal';
import { PageQuery } from '../http/cursor';
import { uuidParam as uuid } from '../http/uuid.pipe';
import { ZodPipe } from '../http/zod.pipe';

const CreateBody = z.strictObject({
  teamId: z.uuid(),
  url: z.string().min(1).max(2000),
  events: z.array(WebhookEventTypeSchema).min(1).max(WEBHOOK_EVENT_TYPES.length),
});
const ListQuery = z.strictObject({ teamId: z.uuid(), ...PageQuery });
const LogQuery = z.strictObject({ ...PageQuery });
const IdempotencyKey = z.string().min(1).max(200).optional();

/**
 * Webhook subscriptions (`POST /api/v1/webhook` → `{id, secret}`), their delivery log with every
 * attempt, and manual redelivery. All need the `webhooks:write` scope; a team key sees only its
 * team's subscriptions (404 for any other).
 */
@Controller('api/v1/webhook')
export class WebhooksController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  async create(
    @Caller() caller: Principal,
    @Body(new ZodPipe(CreateBody)) body: z.infer<typeof CreateBody>,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<WebhookSubscription & { secret: string }> {
    requireTeam(caller, body.teamId);
    requireScope(caller, 'webhooks:write');
    const key = IdempotencyKey.safeParse(idempotencyKey);
    if (!key.success) {
      throw new CodedError(ErrorCodes.validation, 'Idempotency-Key: 1 to 200 characters');
    }
    const created = await this.rpc.call(NotifierWebhookCreate, {
      teamId: body.teamId,
      url: body.url,
      events: body.events,
      idempotencyKey: key.data ?? null,
    });
    return { ...created.subscription, secret: created.secret };
  }

  @Get()
  list(
    @Caller() caller: Principal,
    @Query(new ZodPipe(ListQuery)) q: z.infer<typeof ListQuery>,
  ): Promise<RpcReply<typeof NotifierWebhookList>> {
    requireTeam(caller, q.teamId);
    requireScope(caller, 'webhooks:write');
    return this.rpc.call(NotifierWebhookList, {
      teamId: q.teamId,
      limit: q.limit,
      cursor: q.cursor ?? null,
    });
  }

  @Get(':id')
  get(
    @Caller() caller: Principal,
    @Param('id', uuid) id: string,
  ): Promise<RpcReply<typeof NotifierWebhookGet>> {
    return this.rpc.call(NotifierWebhookGet, { teamId: scopeOf(caller), id });
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@Caller() caller: Principal, @Param('id', uuid) id: string): Promise<void> {
    await this.rpc.call(NotifierWebhookDelete, { teamId: scopeOf(caller), id });
  }

  /** A disabled subscription back on, its failure clock reset. */
  @Post(':id/enable')
  @HttpCode(200)
  enable(
    @Caller() caller: Principal,
    @Param('id', uuid) id: string,
  ): Promise<RpcReply<typeof NotifierWebhookEnable>> {
    return this.rpc.call(NotifierWebhookEnable, { teamId: scopeOf(caller), id });
  }

  @Get(':id/delivery')
  deliveries(
    @Caller() caller: Principal,
    @Param('id', uuid) id: string,
    @Query(new ZodPipe(LogQuery)) q: z.infer<typeof LogQuery>,
  ): Promise<RpcReply<typeof NotifierWebhookDeliveries>> {
    return this.rpc.call(NotifierWebhookDeliveries, {
      teamId: scopeOf(caller),
      subscriptionId: id,
      limit: q.limit,
      cursor: q.cursor ?? null,
    });
  }

  @Get(':id/delivery/:deliveryId')
  delivery(
    @Caller() caller: Principal,
    @Param('id', uuid) id: string,
    @Param('deliveryId', uuid) deliveryId: string,
  ): Promise<RpcReply<typeof NotifierWebhookDeliveryGet>> {
    return this.rpc.call(NotifierWebhookDeliveryGet, {
      teamId: scopeOf(caller),
      subscriptionId: id,
      deliveryId,
    });
  }

  /** Sends the delivery again now (re-signed) and answers with its log, the new attempt included. */
  @Post(':id/delivery/:deliveryId/redeliver')
  @HttpCode(200)
  redeliver(
    @Caller() caller: Principal,
    @Param('id', uuid) id: string,
    @Param('deliveryId', uuid) deliveryId: string,
  ): Promise<RpcReply<typeof NotifierWebhookRedeliver>> {
    return this.rpc.call(
      NotifierWebhookRedeliver,
      { teamId: scopeOf(caller), subscriptionId: id, deliveryId },
      { timeoutMs: 30_000 },
    );
  }
}

/** The team a caller may see (null: an admin key sees every team). */
function scopeOf(caller: Principal): string | null {
  requireScope(caller, 'webhooks:write');
  return caller.isAdmin ? null : caller.teamId;
}
