/**
 * Who the portal acts for, decided in one place. A producer member always
 * works on their own organisation; an administrator names one with
 * ?producer=<id>. Object-level checks go through producerDataAccess, so a
 * foreign organisation's product answers 404 exactly like a missing one.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { findProductForEdit } from '../../data/portal';
import { producerDataAccess } from '../../domain/policy';
import { enforce } from '../../lib/auth';
import type { AppEnv } from '../../lib/context';
import { AppError, notFound, type FieldIssue } from '../../lib/errors';
import { toValidationError } from '../../lib/validation';

export function signedInUser(c: Context<AppEnv>) {
  const user = c.var.user;
  if (!user) throw new AppError('unauthorized');
  return user;
}

/**
 * The organisation a list-level page shows, or null when an administrator
 * has not chosen one yet. Checked by the same policy as every object.
 */
export function producerInScope(c: Context<AppEnv>): { producerId: number; producerParam?: number } | null {
  const user = signedInUser(c);
  if (user.role === 'admin') {
    const asked = c.req.query('producer');
    if (!asked) return null;
    if (!/^\d{1,10}$/.test(asked)) throw notFound();
    return { producerId: Number(asked), producerParam: Number(asked) };
  }
  if (user.producerId === null) throw new AppError('forbidden');
  enforce(producerDataAccess(user, user.producerId));
  return { producerId: user.producerId };
}

/** A product the signed-in user may edit, with everything its page shows. */
export async function ownedProduct(c: Context<AppEnv>) {
  const id = c.req.param('id');
  if (!id || !/^\d{1,10}$/.test(id)) throw notFound();
  const page = await findProductForEdit(c.var.db, Number(id));
  if (!page) throw notFound();
  enforce(producerDataAccess(signedInUser(c), page.product.producerId));
  return page;
}

/** Parse a form; instead of throwing, hand back the issues so the form can be shown again with its values. */
export function validateForm<S extends z.ZodType>(
  c: Context<AppEnv>,
  schema: S,
  input: unknown,
): { ok: true; data: z.output<S> } | { ok: false; issues: FieldIssue[] } {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, issues: toValidationError(result.error, c.var.t).issues };
}

/** Text fields of a submitted form, to show it again as typed (files and the CSRF token left out). */
export function typedValues(body: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(body).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0] !== '_csrf',
    ),
  );
}
