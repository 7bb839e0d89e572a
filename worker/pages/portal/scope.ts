/**
 * Who the portal acts for, decided in one place. A producer member always
 * works on their own organisation; an administrator names one with
 * ?producer=<id>. Object-level checks go through producerDataAccess, so a
 * foreign organisation's product, lot or batch answers 404 exactly like a missing one.
 */
import type { Context } from 'hono';
import { findLot, type LotPage } from '../../data/lots';
import { findProductForEdit } from '../../data/products';
import { findBatchForPortal, type PortalBatch } from '../../data/stamp-batches';
import { producerDataAccess } from '../../domain/policy';
import { enforce } from '../../domain/policy';
import type { AppEnv } from '../../lib/context';
import { AppError, notFound } from '../../lib/errors';

export function signedInUser(c: Context<AppEnv>) {
  const user = c.var.user;
  if (!user) throw new AppError('unauthorized');
  return user;
}

export interface ProducerScope {
  producerId: number;
  /** The ?producer= an administrator's links keep; absent for a member. */
  producerParam?: number;
}

/**
 * The organisation a list-level page shows, or null when an administrator
 * has not chosen one yet. Checked by the same policy as every object.
 */
export function producerInScope(c: Context<AppEnv>): ProducerScope | null {
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

/** The organisation a form acts for: an administrator must have chosen one. */
export function requiredScope(c: Context<AppEnv>): ProducerScope {
  const scope = producerInScope(c);
  if (!scope) throw notFound();
  return scope;
}

/** An administrator's links keep the organisation they are looking after. */
export const producerParamOf = (c: Context<AppEnv>, producerId: number) =>
  signedInUser(c).role === 'admin' ? producerId : undefined;

const idParam = (c: Context<AppEnv>, name = 'id'): number => {
  const id = c.req.param(name);
  if (!id || !/^\d{1,10}$/.test(id)) throw notFound();
  return Number(id);
};

/** A product the signed-in user may edit, with everything its page shows. */
export async function ownedProduct(c: Context<AppEnv>) {
  const page = await findProductForEdit(c.var.db, idParam(c));
  if (!page) throw notFound();
  enforce(producerDataAccess(signedInUser(c), page.product.producerId));
  return page;
}

/** A lot the signed-in user may work on. */
export async function ownedLot(c: Context<AppEnv>): Promise<LotPage> {
  const page = await findLot(c.var.db, idParam(c));
  if (!page) throw notFound();
  enforce(producerDataAccess(signedInUser(c), page.lot.producerId));
  return page;
}

/** A stamp batch the signed-in user may work on. */
export async function ownedBatch(c: Context<AppEnv>): Promise<PortalBatch> {
  const data = await findBatchForPortal(c.var.db, idParam(c));
  if (!data) throw notFound();
  enforce(producerDataAccess(signedInUser(c), data.batch.producerId));
  return data;
}
