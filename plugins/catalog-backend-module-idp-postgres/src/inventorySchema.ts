import type {
  DatabaseLifecycle,
  Inventory,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { z } from 'zod';

// Every lifecycle the common package knows. Typed against the union, so adding
// a lifecycle there fails compilation here instead of failing every refresh.
const lifecycles = [
  'deployed',
  'pending',
  'removing',
  'removed-protected',
] as const satisfies readonly DatabaseLifecycle[];

const databaseSchema = z.looseObject({
  namespace: z.string().min(1),
  name: z.string().min(1),
  database: z.string().min(1),
  lifecycle: z.enum(lifecycles),
  definition: z.looseObject({ folder: z.string(), url: z.string() }).optional(),
  owner: z.looseObject({ entityRef: z.string().min(1) }).optional(),
  description: z.string().optional(),
  usedBy: z.array(z.looseObject({ entityRef: z.string().optional() })),
});

/**
 * The parts of the backend's `Inventory` answer that the provider reads.
 * Loose objects: fields the provider does not read are neither checked nor
 * dropped, so the backend can grow the type without breaking this module.
 */
export const inventorySchema = z.looseObject({
  refreshedAt: z.string().optional(),
  lastFailure: z.object({ at: z.string(), reason: z.string() }).optional(),
  databases: z.array(databaseSchema),
  problems: z.array(z.object({ source: z.string(), reason: z.string() })),
});

/**
 * Checks a response body against {@link inventorySchema}. Throws the ZodError
 * when it does not match; the caller wraps it as an upstream failure.
 */
export function parseInventory(body: unknown): Inventory {
  // After the check, every field the provider reads has its declared type;
  // the rest is the backend's own `Inventory`, passed through untouched.
  return inventorySchema.parse(body) as unknown as Inventory;
}
