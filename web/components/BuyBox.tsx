import type { PurchaseView } from '../order-views';
import type { PageContext } from '../page-context';
import { localHref } from '../href';

interface BuyBoxProps {
  ctx: PageContext;
  purchase: PurchaseView;
}

/**
 * "Add to cart", or how to book or where to buy instead. The form carries no per-visitor token, so
 * the product page stays cacheable; the cart route checks the request came from this site.
 */
export function BuyBox({ ctx, purchase }: BuyBoxProps) {
  const { t } = ctx;
  const b = t.buy;
  if (purchase.kind === 'contact') {
    const text = {
      tourism: b.tourism,
      pointsOnly: b.pointsOnly,
      priceOnRequest: b.priceOnRequest,
      notForSale: b.notForSale,
      outOfStock: b.outOfStock,
    }[purchase.reason];
    return (
      <div class="buy-box" id="buy">
        <p>{text}</p>
        {purchase.phone || purchase.zalo ? (
          <p class="actions">
            {purchase.phoneHref && purchase.phone ? (
              <a class="button" href={purchase.phoneHref}>
                {b.call(purchase.phone)}
              </a>
            ) : null}
            {purchase.zaloHref && purchase.zalo ? (
              <a class="button button-secondary" href={purchase.zaloHref} rel="noopener">
                {b.zalo(purchase.zalo)}
              </a>
            ) : null}
          </p>
        ) : null}
        {purchase.reason === 'pointsOnly' ? (
          <p>
            <a href="#buy-title">{b.seeWhereToBuy}</a>
          </p>
        ) : null}
      </div>
    );
  }
  const [only] = purchase.options;
  return (
    <form method="post" action={localHref(ctx, '/cart/items')} class="buy-box" id="buy">
      <input type="hidden" name="productId" value={String(purchase.productId)} />
      {purchase.options.length === 1 && only ? (
        only.variantId === null ? null : (
          <input type="hidden" name="variantId" value={String(only.variantId)} />
        )
      ) : (
        <div class="field">
          <label for="buy-variant">{b.variant}</label>
          <select id="buy-variant" name="variantId">
            {purchase.options.map((option) => (
              <option value={String(option.variantId)}>{option.label}</option>
            ))}
          </select>
        </div>
      )}
      <div class="buy-row">
        <div class="field">
          <label for="buy-quantity">{b.quantity}</label>
          <input
            id="buy-quantity"
            name="quantity"
            type="number"
            inputmode="numeric"
            min="1"
            max={String(purchase.maxQuantity)}
            value="1"
            class="quantity"
          />
        </div>
        <button type="submit">{b.addToCart}</button>
      </div>
    </form>
  );
}
