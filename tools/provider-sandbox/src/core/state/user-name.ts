import { z } from 'zod';

/** `sandbox_user` values: short and URL/HTML-harmless, so they can be echoed and used as handles. */
export const UserNameSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}$/,
    'expected 1-64 characters: letters, digits and . _ @ + - (not first)',
  );

export const EMPTY_USER_PREFIX = 'empty-';
export const PERSONAL_USER_PREFIX = 'personal-';
