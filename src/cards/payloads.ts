import { z } from 'zod';

/**
 * What each card verb's submit may carry, parsed before any handler sees it. Teams returns the
 * card's data as the client sends it, so it is untrusted input: unknown keys are dropped, wrong
 * types refused.
 */
export const IntakeStartPayload = z.object({
  practice: z.boolean().optional(),
  form: z.boolean().optional(),
  lang: z.enum(['sv', 'en']).optional(),
  /** Started from "Report this" under a described situation: the description becomes the proposed observation. */
  situation: z.boolean().optional(),
});
export type IntakeStartPayload = z.infer<typeof IntakeStartPayload>;

/** "Ask a coordinator": the routine the asker was shown, if any. */
export const AskCoordinatorPayload = z.object({
  articleId: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    .optional(),
});

/** The site or municipality a reporter picked for a finished note (the token names the waiting note). */
export const IntakeOriginPayload = z.object({
  origin: z.string().regex(/^(site|municipality):[a-z0-9]+(-[a-z0-9]+)*$/),
  token: z.string().uuid(),
});
