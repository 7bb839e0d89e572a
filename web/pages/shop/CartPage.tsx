import { Layout } from '../../components/Layout';
import { localHref } from '../../href';
import type { CartView } from '../../order-views';
import type { PageContext } from '../../page-context';
import type { FieldIssue } from '../../../worker/domain/errors';

interface CartPageProps {
  ctx: PageContext;
  csrfToken: string;
  cart: CartView;
  notice?: string | undefined;
  issues?: FieldIssue[];
}

export function CartPage({ ctx, csrfToken, cart, notice, issues = [] }: CartPageProps) {
  const { t } = ctx;
  const c = t.cart;
  return (
    <Layout ctx={ctx} title={c.title} noindex>
      <div class="shop narrow">
        <h1>{c.title}</h1>
        {notice ? (
          <p class="alert alert-success" role="status">
            {notice}
          </p>
        ) : null}
        {issues.length > 0 ? (
          <div class="alert alert-error" role="alert">
            <ul>
              {issues.map((issue) => (
                <li>{issue.message}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {cart.groups.length === 0 ? (
          <p>
            {c.empty} <a href={localHref(ctx, '/products')}>{c.browse}</a>
          </p>
        ) : (
          <>
            {cart.groups.map((group, index) => (
              <section class="cart-group" aria-labelledby={`cart-group-${index}`}>
                <h2 id={`cart-group-${index}`}>
                  <a href={group.producerHref}>{c.from(group.producerName)}</a>
                </h2>
                <ul class="cart-lines" role="list">
                  {group.lines.map((line) => (
                    <li class={line.problem ? 'cart-line has-problem' : 'cart-line'}>
                      <img src={line.imageUrl} alt="" width="64" height="48" loading="lazy" />
                      <div class="cart-line-body">
                        <p class="cart-line-name">
                          <a href={line.productHref}>{line.name}</a>
                          {line.variantLabel ? <span class="muted"> ({line.variantLabel})</span> : null}
                        </p>
                        <p class="muted">{c.unitPrice(line.unitPrice)}</p>
                        {line.problem ? (
                          <p class="field-error" id={`line-${line.lineId}-problem`}>
                            {line.problem}
                          </p>
                        ) : null}
                        <div class="cart-line-forms">
                          <form method="post" action={localHref(ctx, `/cart/lines/${line.lineId}`)} class="inline-form">
                            <input type="hidden" name="_csrf" value={csrfToken} />
                            <label for={`quantity-${line.lineId}`} class="visually-hidden">
                              {`${c.quantity}: ${line.name}`}
                            </label>
                            <input
                              id={`quantity-${line.lineId}`}
                              name="quantity"
                              type="number"
                              inputmode="numeric"
                              min="0"
                              max={String(line.maxQuantity)}
                              value={String(line.quantity)}
                              class="quantity"
                              aria-describedby={line.problem ? `line-${line.lineId}-problem` : undefined}
                            />
                            <button type="submit" class="button-secondary">
                              {c.update}
                            </button>
                          </form>
                          <form method="post" action={localHref(ctx, `/cart/lines/${line.lineId}`)} class="inline-form">
                            <input type="hidden" name="_csrf" value={csrfToken} />
                            <input type="hidden" name="quantity" value="0" />
                            <button type="submit" class="link-button">
                              {c.remove}
                              <span class="visually-hidden">: {line.name}</span>
                            </button>
                          </form>
                        </div>
                      </div>
                      <p class="cart-line-total">{line.lineTotal ?? '—'}</p>
                    </li>
                  ))}
                </ul>
                <p class="cart-group-subtotal">
                  {c.subtotal}: <strong>{group.subtotal}</strong>
                </p>
              </section>
            ))}
            <div class="cart-summary panel">
              <p>
                {c.lines(cart.lineCount)} · {c.subtotal}: <strong class="big">{cart.subtotal}</strong>
              </p>
              <p class="hint">{c.shippingLater}</p>
              {cart.canCheckout ? (
                <a class="button" href={localHref(ctx, '/checkout')}>
                  {c.checkout}
                </a>
              ) : (
                <p class="field-error">{c.fixFirst}</p>
              )}
            </div>
          </>
        )}
      </div>
    </Layout>
  );
}
