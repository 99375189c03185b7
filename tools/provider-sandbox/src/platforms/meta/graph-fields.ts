import type { HttpReply } from '../../core/http-reply';
import { invalidParameterReply } from './graph-replies';

const FIELD_NAME = /^[a-z_]{1,64}$/;

/**
 * The `fields` a Graph request asked for (or the node's defaults), or Meta's error for a field
 * the node does not have.
 */
export function selectFields(
  raw: unknown,
  available: readonly string[],
  defaults: readonly string[],
  nodeType: string,
):
  | { readonly ok: true; readonly fields: readonly string[] }
  | { readonly ok: false; readonly reply: HttpReply } {
  if (raw === undefined) return { ok: true, fields: defaults };
  if (typeof raw !== 'string' || raw.length > 2000) {
    return {
      ok: false,
      reply: invalidParameterReply('Param fields must be a comma-separated list'),
    };
  }
  const fields = [
    ...new Set(
      raw
        .split(',')
        .map((field) => field.trim())
        .filter(Boolean),
    ),
  ];
  for (const field of fields) {
    if (!FIELD_NAME.test(field) || !available.includes(field)) {
      const shown = FIELD_NAME.test(field) ? field : '…';
      return {
        ok: false,
        reply: invalidParameterReply(
          `Tried accessing nonexisting field (${shown}) on node type (${nodeType})`,
        ),
      };
    }
  }
  return { ok: true, fields };
}

/** Only the asked-for fields of a rendered node (`id` always, as Graph does). */
export function pick(
  node: Readonly<Record<string, unknown>>,
  fields: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    if (node[field] !== undefined) out[field] = node[field];
  }
  if (node['id'] !== undefined) out['id'] = node['id'];
  return out;
}

/** Graph's `picture` field: `{data: {height, width, is_silhouette, url}}`. */
export function picture(url: string): Record<string, unknown> {
  return { data: { height: 50, width: 50, is_silhouette: false, url } };
}
