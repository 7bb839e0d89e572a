import { Layout } from '../../components/Layout';
import { localHref } from '../../href';
import type { CheckoutView } from '../../order-views';
import type { PageContext } from '../../page-context';
import { ChoiceGroup } from '../portal/ChoiceFields';
import { ErrorSummary, Field, Select, issueFor } from '../portal/Fields';

interface CheckoutPageProps {
  ctx: PageContext;
  csrfToken: string;
  view: CheckoutView;
}

export function CheckoutPage({ ctx, csrfToken, view }: CheckoutPageProps) {
  const { t } = ctx;
  const k = t.checkout;
  const paymentIssue = issueFor(view.issues, 'paymentMethod');
  const labels: Record<string, string> = {
    name: k.name,
    phone: k.phone,
    email: k.email,
    provinceCode: k.province,
    communeCode: k.commune,
    street: k.street,
    note: k.note,
    paymentMethod: k.payment,
    cart: t.cart.title,
    ...Object.fromEntries(view.parts.map((part) => [part.field, part.producerName])),
  };
  return (
    <Layout ctx={ctx} title={k.title} noindex>
      <div class="shop narrow">
        <h1>{k.title}</h1>
        <p class="lead">{k.intro}</p>
        {view.signedIn ? (
          <p class="hint">
            {k.signedIn} <a href={localHref(ctx, '/account/orders')}>{t.account.ordersTitle}</a>
          </p>
        ) : null}
        <ErrorSummary ctx={ctx} issues={view.issues} labels={labels} title={k.formProblem} />
        <form method="post" action={localHref(ctx, '/checkout')} class="checkout-form">
          <input type="hidden" name="_csrf" value={csrfToken} />
          <input type="hidden" name="idempotencyKey" value={view.idempotencyKey} />

          <fieldset class="panel">
            <legend>{k.buyer}</legend>
            <Field name="name" label={k.name} values={view.values} issues={view.issues} autocomplete="name" required />
            <Field
              name="phone"
              label={k.phone}
              hint={k.phoneHint}
              values={view.values}
              issues={view.issues}
              type="tel"
              inputmode="tel"
              autocomplete="tel"
              required
            />
            <Field
              name="email"
              label={`${k.email} ${k.optional}`}
              values={view.values}
              issues={view.issues}
              type="email"
              autocomplete="email"
            />
          </fieldset>

          <section id="cart" aria-labelledby="parts-title">
            <h2 id="parts-title">{k.parts}</h2>
            {view.parts.map((part, index) => (
              <div class="panel checkout-part">
                <h3>{k.partTitle(index + 1, part.producerName)}</h3>
                <ul class="checkout-lines">
                  {part.lines.map((line) => (
                    <li>
                      {line.quantity} × {line.name} <span class="checkout-amount">{line.lineTotal}</span>
                    </li>
                  ))}
                </ul>
                {part.options.length === 0 ? (
                  <p class="field-error">{k.noWay}</p>
                ) : (
                  <ChoiceGroup
                    name={part.field}
                    legend={t.order.delivery}
                    type="radio"
                    options={part.options}
                    chosen={part.chosen ? [part.chosen] : []}
                    issues={view.issues}
                  />
                )}
                <p class="checkout-part-sum">
                  {k.subtotal}: {part.subtotal}
                  {part.shippingFee !== null ? ` · ${k.shipping}: ${part.shippingFee}` : ''}
                  {part.total !== null ? (
                    <>
                      {' · '}
                      {k.total}: <strong>{part.total}</strong>
                    </>
                  ) : null}
                </p>
              </div>
            ))}
          </section>

          <fieldset class="panel">
            <legend>{k.address}</legend>
            <p class="hint">{k.addressHint}</p>
            <Select
              name="provinceCode"
              label={k.province}
              values={view.values}
              issues={view.issues}
              options={view.provinces}
              placeholder={k.chooseProvince}
            />
            <Select
              name="communeCode"
              label={k.commune}
              hint={k.communeHint}
              values={view.values}
              issues={view.issues}
              options={view.communes}
              placeholder={k.chooseCommune}
            />
            <Field
              name="street"
              label={k.street}
              values={view.values}
              issues={view.issues}
              autocomplete="street-address"
            />
          </fieldset>

          <div class="panel">
            <Field name="note" label={`${k.note} ${k.optional}`} values={view.values} issues={view.issues} multiline />
          </div>

          <fieldset
            id="paymentMethod"
            class={paymentIssue ? 'panel field field-invalid choice-group' : 'panel field choice-group'}
            aria-describedby={paymentIssue ? 'paymentMethod-error' : undefined}
          >
            <legend>{k.payment}</legend>
            {view.payment.map((option) => (
              <label class="choice" for={`paymentMethod-${option.value}`}>
                <input
                  id={`paymentMethod-${option.value}`}
                  name="paymentMethod"
                  type="radio"
                  value={option.value}
                  checked={view.values.paymentMethod === option.value}
                  disabled={!option.available}
                />{' '}
                {option.label}
                <span class="hint"> ({option.available ? option.hint : k.unavailable})</span>
              </label>
            ))}
            {paymentIssue ? (
              <p class="field-error" id="paymentMethod-error">
                {paymentIssue.message}
              </p>
            ) : null}
          </fieldset>

          <section class="panel" aria-labelledby="totals-title">
            <h2 id="totals-title">{k.totals}</h2>
            <dl class="facts">
              <dt>{k.subtotal}</dt>
              <dd>{view.totals.subtotal}</dd>
              <dt>{k.shipping}</dt>
              <dd>{view.totals.shipping ?? k.chooseToSee}</dd>
              <dt>{k.total}</dt>
              <dd>
                <strong class="big">{view.totals.total ?? k.chooseToSee}</strong>
              </dd>
            </dl>
            <p class="hint">{k.placeHint}</p>
            <div class="actions">
              <button type="submit" name="intent" value="place">
                {k.place}
              </button>
              <button type="submit" name="intent" value="review" class="button-secondary">
                {k.review}
              </button>
            </div>
          </section>
        </form>
      </div>
    </Layout>
  );
}
