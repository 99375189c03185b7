import { z } from 'zod';
import { PLANS } from './team.entity';

export const LOCALES = [
  'en',
  'pl',
  'fr',
  'hi',
  'sv',
  'de',
  'es',
  'it',
  'nl',
  'pt',
  'ru',
  'tr',
  'zh',
] as const;

const origin = z
  .string()
  .max(300)
  .refine((v) => {
    try {
      const u = new URL(v);
      return (
        (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === v.replace(/\/$/, '')
      );
    } catch {
      return false;
    }
  }, 'must be an origin such as https://app.example.com');

export const CreateTeamBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  plan: z.enum(PLANS).default('free'),
  allowedRedirectOrigins: z.array(origin).max(50).default([]),
});

export const CreateMemberBody = z.strictObject({
  email: z.email().max(320),
  name: z.string().trim().max(200).optional(),
  locale: z.enum(LOCALES).default('en'),
  role: z.enum(['admin', 'member']).default('member'),
});
