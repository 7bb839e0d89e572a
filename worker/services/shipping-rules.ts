/** A producer's shipping rule, set in the portal: a flat fee per order part, free from a subtotal, or none. */
import type { Database } from '../data/db';
import { findShippingRule, updateShippingRule } from '../data/producers';
import { notFound, problem, refused } from '../domain/errors';
import { MAX_SHIPPING_FEE, shippingRuleIssue } from '../domain/shipping';

export interface ShippingRuleForm {
  ships: boolean;
  flatFee: number | null;
  freeFrom: number | null;
}

export async function saveShippingRule(db: Database, producerId: number, form: ShippingRuleForm, userId: number) {
  const before = await findShippingRule(db, producerId);
  if (!before) throw notFound();
  if (!form.ships) {
    await updateShippingRule(db, { userId }, producerId, before, { shippingFlatFee: null, shippingFreeFrom: null });
    return;
  }
  const rule = { flatFee: form.flatFee ?? -1, freeFrom: form.freeFrom };
  const issue = shippingRuleIssue(rule);
  if (issue === 'invalid_flat_fee')
    throw refused(problem('flatFee', 'shipping_fee_invalid', { max: MAX_SHIPPING_FEE }));
  if (issue === 'invalid_free_from') throw refused(problem('freeFrom', 'free_from_invalid'));
  await updateShippingRule(db, { userId }, producerId, before, {
    shippingFlatFee: rule.flatFee,
    shippingFreeFrom: rule.freeFrom,
  });
}
