/** The producer's shipping rule: what a shipped part of an order costs the buyer. */
import { Hono, type Context } from 'hono';
import { ChooseProducerPage } from '../../../web/pages/portal/ChooseProducerPage';
import type { Values } from '../../../web/pages/portal/Fields';
import { ShippingPage } from '../../../web/pages/portal/ShippingPage';
import { findShippingRule } from '../../data/producers';
import type { AppEnv } from '../../lib/context';
import { csrfToken } from '../../lib/csrf';
import { notFound } from '../../lib/errors';
import { readForm } from '../../lib/form-body';
import { submitForm, typedValues, type Refusal } from '../../lib/forms';
import { pageContext } from '../../lib/render';
import { StatusCodes } from '../../lib/status';
import { parseInput } from '../../lib/validation';
import { shippingForm } from '../../schemas/checkout';
import { saveShippingRule } from '../../services/shipping-rules';
import { producerInScope, requiredScope, signedInUser } from './scope';

export const shippingRules = new Hono<AppEnv>();

async function render(
  c: Context<AppEnv>,
  producerId: number,
  producerParam: number | undefined,
  values?: Values,
  refusal?: Refusal,
) {
  const rule = await findShippingRule(c.var.db, producerId);
  if (!rule) throw notFound();
  const ctx = pageContext(c);
  const shown: Values = values ?? {
    ships: rule.shippingFlatFee === null ? '' : '1',
    flatFee: rule.shippingFlatFee === null ? '' : String(rule.shippingFlatFee),
    freeFrom: rule.shippingFreeFrom === null ? '' : String(rule.shippingFreeFrom),
  };
  return c.html(
    <ShippingPage
      ctx={ctx}
      csrfToken={csrfToken(c)}
      producerName={rule.name}
      producerParam={producerParam}
      values={shown}
      issues={refusal?.issues ?? []}
      notice={!refusal && c.req.query('saved') ? ctx.t.portal.saved : undefined}
    />,
    refusal?.status ?? StatusCodes.OK,
  );
}

shippingRules.get('/shipping', async (c) => {
  const scope = producerInScope(c);
  if (!scope) return c.html(<ChooseProducerPage ctx={pageContext(c)} action="/portal/shipping" />);
  return render(c, scope.producerId, scope.producerParam);
});

shippingRules.post('/shipping', async (c) => {
  const scope = requiredScope(c);
  const body = await readForm(c);
  return submitForm(
    c,
    async () => {
      await saveShippingRule(
        c.var.db,
        scope.producerId,
        parseInput(c, shippingForm(c.var.t), body),
        signedInUser(c).id,
      );
      const params = new URLSearchParams({ saved: '1' });
      if (scope.producerParam) params.set('producer', String(scope.producerParam));
      return c.redirect(`/portal/shipping?${params}`, StatusCodes.SEE_OTHER);
    },
    (refusal) => render(c, scope.producerId, scope.producerParam, typedValues(body), refusal),
  );
});
