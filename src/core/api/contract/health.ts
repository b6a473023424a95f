/** The shared API contract: health. See ../contract.ts for the whole. */
import * as z from 'zod/mini';

export const HealthResponse = z.object({
  status: z.literal('ok'),
  version: z.string(),
  database: z.literal('ok'),
  catalogue: z.object({ counties: z.number().check(z.int(), z.nonnegative()) }),
});
export type HealthResponse = z.infer<typeof HealthResponse>;
