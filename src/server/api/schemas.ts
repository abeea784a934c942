import { z } from 'zod';
import { ERROR_CODES } from '../../errors.ts';

const codes = Object.keys(ERROR_CODES) as [keyof typeof ERROR_CODES, ...(keyof typeof ERROR_CODES)[]];

export const errorSchema = z.object({
  error: z.object({ code: z.enum(codes), message: z.string(), details: z.unknown().optional() }),
});

/** Common error answers, declared on each route so they appear in OpenAPI. */
export const errorResponses = {
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
  404: errorSchema,
  409: errorSchema,
  429: errorSchema,
};

export const idParams = z.object({ id: z.uuid() }).strict();
