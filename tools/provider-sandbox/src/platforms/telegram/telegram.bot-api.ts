import express, { type Express, type Request, type Response, type Router } from 'express';
import { createHash, randomBytes } from 'node:crypto';

import type { SandboxState } from '../../core/sandbox-state';

interface Bot {
  id: number;
  username: string;
  token: string;
}

interface Channel {
  id: number;
  username: string | null;
  title: string;
  type: 'channel' | 'supergroup' | 'private';
  /** bot id → its member record */
  members: Map<number, { status: string; canPostMessages: boolean }>;
}

interface TelegramState {
  bots: Map<string, Bot>;
  channels: Map<number, Channel>;
  calls: Record<string, number>;
}

const states = new WeakMap<SandboxState, TelegramState>();

function stateOf(sandbox: SandboxState): TelegramState {
  let state = states.get(sandbox);
  if (!state) {
    state = { bots: new Map(), channels: new Map(), calls: {} };
    states.set(sandbox, state);
  }
  return state;
}

/** A stable id from a name: bots positive, channels `-100…` like Telegram's. */
function idFor(kind: 'bot' | 'channel', name: string): number {
  const n = parseInt(createHash('sha256').update(`${kind}:${name}`).digest('hex').slice(0, 9), 16);
  return kind === 'bot' ? 1_000_000 + (n % 1_000_000_000) : -(1_000_000_000_000 + (n % 1e9));
}

function ok(res: Response, result: unknown): void {
  res.json({ ok: true, result });
}

function fail(res: Response, code: number, description: string): void {
  res.status(code).json({ ok: false, error_code: code, description });
}

function findChannel(state: TelegramState, chatId: unknown): Channel | undefined {
  if (typeof chatId === 'string' && chatId.startsWith('@')) {
    const name = chatId.slice(1).toLowerCase();
    return [...state.channels.values()].find((c) => c.username?.toLowerCase() === name);
  }
  const id = typeof chatId === 'number' ? chatId : Number(chatId);
  return Number.isFinite(id) ? state.channels.get(id) : undefined;
}

function params(req: Request): Record<string, unknown> {
  const body = (req.body ?? {}) as Record<string, unknown>;
  return { ...(req.query as Record<string, unknown>), ...body };
}

/**
 * The Telegram Bot API for bots made through the control routes: `/telegram/bot<token>/getMe`,
 * `getChat`, `getChatMember` (GET or POST; query, form or JSON parameters), answering
 * `{ok, result}` or `{ok: false, error_code, description}` with Telegram's statuses: 401
 * `Unauthorized` for an unknown token, 400 `Bad Request: chat not found`, 400 `Bad Request:
 * user not found` for a bot that is not in the channel.
 */
function botApiRouter(sandbox: SandboxState): Router {
  const router = express.Router();
  router.use(express.json({ limit: '32kb' }), express.urlencoded({ extended: false }));
  router.all('/bot:token/:method', (req, res) => {
    const state = stateOf(sandbox);
    const method = req.params['method'] ?? '';
    state.calls[method] = (state.calls[method] ?? 0) + 1;
    const bot = state.bots.get(req.params['token'] ?? '');
    if (!bot) {
      fail(res, 401, 'Unauthorized');
      return;
    }
    const p = params(req);
    switch (method) {
      case 'getMe':
        ok(res, {
          id: bot.id,
          is_bot: true,
          first_name: bot.username,
          username: bot.username,
          can_join_groups: true,
        });
        return;
      case 'getChat': {
        const channel = findChannel(state, p['chat_id']);
        if (!channel) {
          fail(res, 400, 'Bad Request: chat not found');
          return;
        }
        ok(res, {
          id: channel.id,
          type: channel.type,
          title: channel.title,
          ...(channel.username ? { username: channel.username } : {}),
        });
        return;
      }
      case 'getChatMember': {
        const channel = findChannel(state, p['chat_id']);
        if (!channel) {
          fail(res, 400, 'Bad Request: chat not found');
          return;
        }
        const member = channel.members.get(Number(p['user_id']));
        if (!member) {
          ok(res, { status: 'left', user: { id: Number(p['user_id']), is_bot: true } });
          return;
        }
        ok(res, {
          status: member.status,
          user: { id: Number(p['user_id']), is_bot: true, username: bot.username },
          ...(member.status === 'administrator'
            ? { can_post_messages: member.canPostMessages, can_be_edited: false }
            : {}),
        });
        return;
      }
      default:
        fail(res, 404, 'Not Found');
    }
  });
  return router;
}

/**
 * `/_sandbox/telegram/*`: `POST bots {username}` → `{id, username, token}` (a bot, as @BotFather
 * would make it); `POST channels {username, title?, type?}` → the channel; `POST admin
 * {channel, bot, admin, canPostMessages?}` makes the bot an administrator of the channel or
 * takes that away; `GET calls` → Bot API calls per method.
 */
function controlRouter(sandbox: SandboxState): Router {
  const router = express.Router();
  router.use(express.json({ limit: '32kb' }));
  router.post('/bots', (req, res) => {
    const username = (req.body as { username?: unknown }).username;
    if (typeof username !== 'string' || !/^[A-Za-z][A-Za-z0-9_]{3,31}$/.test(username)) {
      res.status(400).json({ code: 'validation-failed', message: 'username: a bot username' });
      return;
    }
    const state = stateOf(sandbox);
    const id = idFor('bot', username);
    const token = `${id}:${randomBytes(26).toString('base64url')}`;
    state.bots.set(token, { id, username, token });
    res.status(201).json({ id, username, token });
  });
  router.post('/channels', (req, res) => {
    const body = req.body as { username?: unknown; title?: unknown; type?: unknown };
    if (typeof body.username !== 'string' || !/^[A-Za-z][A-Za-z0-9_]{3,31}$/.test(body.username)) {
      res.status(400).json({ code: 'validation-failed', message: 'username: a channel username' });
      return;
    }
    const state = stateOf(sandbox);
    const id = idFor('channel', body.username);
    const type = body.type === 'private' || body.type === 'supergroup' ? body.type : 'channel';
    const channel: Channel = state.channels.get(id) ?? {
      id,
      username: body.username,
      title: typeof body.title === 'string' ? body.title : body.username,
      type,
      members: new Map(),
    };
    state.channels.set(id, channel);
    res.status(201).json({ id, username: channel.username, title: channel.title, type });
  });
  router.post('/admin', (req, res) => {
    const body = req.body as {
      channel?: unknown;
      bot?: unknown;
      admin?: unknown;
      canPostMessages?: unknown;
    };
    const state = stateOf(sandbox);
    const channel = findChannel(state, body.channel);
    const bot = [...state.bots.values()].find((b) => b.username === body.bot || b.id === body.bot);
    if (!channel || !bot || typeof body.admin !== 'boolean') {
      res.status(400).json({
        code: 'validation-failed',
        message: 'channel (known @username or id), bot (known username or id), admin (boolean)',
      });
      return;
    }
    channel.members.set(bot.id, {
      status: body.admin ? 'administrator' : 'member',
      canPostMessages: body.canPostMessages !== false,
    });
    res.json({ channel: channel.id, bot: bot.id, admin: body.admin });
  });
  router.get('/calls', (_req, res) => {
    res.json(stateOf(sandbox).calls);
  });
  return router;
}

/** Mounts the Bot API at `/telegram` and its controls at `/_sandbox/telegram`. */
export function mountTelegram(app: Express, sandbox: SandboxState): void {
  app.use('/telegram', botApiRouter(sandbox));
  app.use('/_sandbox/telegram', controlRouter(sandbox));
}
