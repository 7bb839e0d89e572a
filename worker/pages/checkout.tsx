/**
 * Checkout without an account: the buyer, each producer's delivery, one way of paying. "Update
 * totals" shows what the choices cost, computed on the server; "Place order" places it (once per
 * idempotency key the form carries) and goes to Stripe's page or the order page.
 */
import { Hono, type Context } from 'hono';
import { CheckoutPage } from '../../web/pages/shop/CheckoutPage';
import { randomToken } from '../crypto/random';
import { fieldIssues, type FieldIssue } from '../lib/errors';
import type { AppEnv } from '../lib/context';
import { cartFromCookie } from '../lib/cart-cookie';
import { csrfToken } from '../lib/csrf';
import { readForm } from '../lib/form-body';
import { submitForm, typedValues } from '../lib/forms';
import { marketDeps } from '../lib/market-deps';
import { pageContext } from '../lib/render';
import { StatusCodes } from '../lib/status';
import { parseInput } from '../lib/validation';
import { toCheckoutView } from '../presenters/cart';
import { checkoutForm, checkoutReviewForm, deliveryChoices } from '../schemas/checkout';
import { checkoutState, placeOrder, type CheckoutState } from '../services/checkout';
import { AppError } from '../domain/errors';
import { deliveryChoiceValue, deliveryField } from '../domain/checkout';
import type { DeliveryChoice } from '../domain/shipping';

export const checkout = new Hono<AppEnv>();

function render(
  c: Context<AppEnv>,
  state: CheckoutState,
  values: Record<string, string | null | undefined>,
  issues: FieldIssue[],
  status: number = StatusCodes.OK,
) {
  const ctx = pageContext(c);
  const view = toCheckoutView(
    state,
    { values, issues, idempotencyKey: values.idempotencyKey ?? randomToken(16), signedIn: c.var.user !== null },
    ctx.t,
    ctx.locale,
  );
  return c.html(<CheckoutPage ctx={ctx} csrfToken={csrfToken(c)} view={view} />, status as 200);
}

/** The state of the cart with the choices a form made (or the first way of each producer). */
async function stateWith(
  c: Context<AppEnv>,
  cartId: string,
  provinceCode: string | null,
  chosen: Map<number, DeliveryChoice>,
) {
  return checkoutState(marketDeps(c), {
    cartId,
    deliveries: chosen,
    address: provinceCode ? { provinceCode, communeCode: '', street: '' } : null,
  });
}

checkout.get('/checkout', async (c) => {
  const cartId = cartFromCookie(c);
  if (!cartId) return c.redirect('/cart', StatusCodes.SEE_OTHER);
  const first = await stateWith(c, cartId, null, new Map());
  if (first.cart.lines.length === 0) return c.redirect('/cart', StatusCodes.SEE_OTHER);
  // Each part starts on its producer's first way of delivery, so the totals show from the start.
  const chosen = new Map<number, DeliveryChoice>();
  for (const producer of first.producers) {
    const { shipping, salesPointIds, fairBoothIds } = producer.options;
    if (shipping) chosen.set(producer.id, { kind: 'ship' });
    else if (salesPointIds[0]) chosen.set(producer.id, { kind: 'sales_point', salesPointId: salesPointIds[0] });
    else if (fairBoothIds[0]) chosen.set(producer.id, { kind: 'fair_booth', fairBoothId: fairBoothIds[0] });
  }
  const state = await stateWith(c, cartId, null, chosen);
  const user = c.var.user;
  const values: Record<string, string | null> = {
    name: user?.displayName ?? null,
    phone: user?.phone ?? null,
    email: user?.email ?? null,
    paymentMethod: state.payment.vietqr ? 'vietqr' : 'cod',
    idempotencyKey: randomToken(16),
    ...Object.fromEntries(
      [...chosen].map(([producerId, choice]) => [deliveryField(producerId), deliveryChoiceValue(choice)]),
    ),
  };
  return render(c, state, values, []);
});

checkout.post('/checkout', async (c) => {
  const body = await readForm(c);
  const typed = typedValues(body);
  const cartId = cartFromCookie(c);
  const chosen = deliveryChoices(body);
  const review = parseInput(c, checkoutReviewForm, {
    idempotencyKey: typed.idempotencyKey,
    provinceCode: typed.provinceCode,
  });
  const showState = () => stateWith(c, cartId ?? '', review.provinceCode, chosen);
  if (typed.intent === 'review' || !cartId) {
    const state = await showState();
    const issues = fieldIssues(new AppError('validation_failed', { problems: state.problems }), c.var.t);
    return render(c, state, typed, issues, cartId ? StatusCodes.OK : StatusCodes.BAD_REQUEST);
  }
  return submitForm(
    c,
    async () => {
      const form = parseInput(c, checkoutForm(c.var.t), body);
      const { order, checkoutUrl } = await placeOrder(marketDeps(c), {
        cartId,
        userId: c.var.user?.id ?? null,
        idempotencyKey: form.idempotencyKey,
        buyer: { name: form.name, phone: form.phone, email: form.email },
        address:
          form.provinceCode && form.communeCode && form.street
            ? { provinceCode: form.provinceCode, communeCode: form.communeCode, street: form.street }
            : null,
        deliveries: chosen,
        note: form.note,
        paymentMethod: form.paymentMethod,
      });
      return c.redirect(checkoutUrl ?? `/orders/${order.linkToken}?placed=1`, StatusCodes.SEE_OTHER);
    },
    async (refusal) => render(c, await showState(), typed, refusal.issues, refusal.status),
  );
});
