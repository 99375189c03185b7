import { MetadataSchema, PlatformTypeSchema } from '@switchboard/contracts';
import { z } from 'zod';
import { PAGE_LANGUAGES } from './i18n/locales';

/** Logos are only rendered by the browser, never fetched: https URLs and nothing else. */
const httpsImage = z
  .string()
  .max(2000)
  .refine((v) => {
    try {
      const url = new URL(v);
      return url.protocol === 'https:' && !url.username && !url.password;
    } catch {
      return false;
    }
  }, 'must be an https URL');

const branding = {
  logoUrl: httpsImage.optional(),
  userLogoUrl: httpsImage.optional(),
  userName: z.string().trim().min(1).max(200).optional(),
  goBackButtonText: z.string().trim().min(1).max(60).optional(),
  language: z.enum(PAGE_LANGUAGES as [string, ...string[]]).optional(),
  hidePoweredBy: z.boolean().optional(),
  hideGoBackButton: z.boolean().optional(),
  hideUserLogo: z.boolean().optional(),
  hideUserName: z.boolean().optional(),
  hideLanguageSwitcher: z.boolean().optional(),
  /** How long the link works, in seconds (default 600; at most the deployment's maximum, ≤ 48 h). */
  expiresInSeconds: z
    .number()
    .int()
    .min(60)
    .max(48 * 3600)
    .optional(),
};

/** `POST /api/v1/social-account/create-portal-link` (API.md's table, plus `expiresInSeconds`). */
export const CreatePortalLinkBody = z.strictObject({
  teamId: z.uuid(),
  redirectUrl: z.string().min(1).max(2000),
  socialAccountTypes: z.array(PlatformTypeSchema).min(1).max(30),
  ...branding,
  showModalOnConnectSuccess: z.boolean().optional(),
  maxSocialAccountsConnected: z.number().int().min(1).max(1000).optional(),
  memberId: z.uuid().optional(),
  endUserId: z.string().max(200).optional(),
  metadata: MetadataSchema.optional(),
});
export type CreatePortalLinkBody = z.infer<typeof CreatePortalLinkBody>;

/**
 * `POST /api/v1/social-account/create-accounts-page-link`: the hosted accounts page of a team,
 * or of one member / end user. `redirectUrl` (optional) is where its back button leads.
 */
export const CreateAccountsPageLinkBody = z.strictObject({
  teamId: z.uuid(),
  redirectUrl: z.string().min(1).max(2000).optional(),
  memberId: z.uuid().optional(),
  endUserId: z.string().max(200).optional(),
  ...branding,
});
export type CreateAccountsPageLinkBody = z.infer<typeof CreateAccountsPageLinkBody>;

/** What a link row keeps (validated again when read back). */
export const BrandingSettings = z.object({
  logoUrl: z.string().nullable(),
  userLogoUrl: z.string().nullable(),
  userName: z.string().nullable(),
  goBackButtonText: z.string().nullable(),
  language: z.string().nullable(),
  hidePoweredBy: z.boolean(),
  hideGoBackButton: z.boolean(),
  hideUserLogo: z.boolean(),
  hideUserName: z.boolean(),
  hideLanguageSwitcher: z.boolean(),
  redirectUrl: z.string().nullable(),
});
export type BrandingSettings = z.infer<typeof BrandingSettings>;

export const PortalSettings = BrandingSettings.extend({
  socialAccountTypes: z.array(PlatformTypeSchema),
  showModalOnConnectSuccess: z.boolean(),
  maxSocialAccountsConnected: z.number().int().nullable(),
  memberId: z.string().nullable(),
  endUserId: z.string().nullable(),
  metadata: MetadataSchema,
});
export type PortalSettings = z.infer<typeof PortalSettings>;

export const AccountsPageSettings = BrandingSettings.extend({
  memberId: z.string().nullable(),
  endUserId: z.string().nullable(),
});
export type AccountsPageSettings = z.infer<typeof AccountsPageSettings>;
