import { localHref } from '../href';
import type { PageContext } from '../page-context';
import type { WhereToBuyView } from '../views';

interface WhereToBuyProps {
  ctx: PageContext;
  view: WhereToBuyView;
  /** The page's own path, which the "near me" form sends the visitor back to. */
  path: string;
}

/**
 * The nearest points stocking a product, open now or not and how far, and the fairs showing it
 * today. Without the visitor's place the points come by province; the form (and, with
 * JavaScript, the location button) asks again with `near`.
 */
export function WhereToBuy({ ctx, view, path }: WhereToBuyProps) {
  const { t } = ctx;
  return (
    <section class="panel" aria-labelledby="buy-title">
      <h2 id="buy-title">{t.product.whereToBuy}</h2>
      {view.fairs.length > 0 ? (
        <ul class="fair-notices" role="list">
          {view.fairs.map((fair) => (
            <li>
              <a href={localHref(ctx, fair.href)}>{fair.text}</a>
            </li>
          ))}
        </ul>
      ) : null}
      {view.points.length > 0 ? (
        <>
          <p>{view.sortedByDistance ? t.places.nearestIntro : t.places.nearestNoPlace}</p>
          {view.sortedByDistance ? null : (
            <form method="get" action={path} class="near-form" data-near-form>
              <label for="buy-near">{t.salesPoints.near}</label>
              <input id="buy-near" name="near" inputmode="decimal" placeholder="10.9504, 106.8216" />
              <button type="submit">{t.salesPoints.apply}</button>
              <button type="button" class="link-button" data-locate hidden>
                {t.places.useMyLocation}
              </button>
            </form>
          )}
          <ul class="sales-points" role="list">
            {view.points.map((point) => (
              <li>
                <a href={localHref(ctx, `/sales-points/${point.slug}`)}>
                  <strong>{point.name}</strong>
                </a>{' '}
                <span class="muted">({point.kindName})</span>
                {point.distance ? <span class="distance"> · {point.distance}</span> : null}
                <br />
                <span class={point.now.open ? 'open-now' : 'closed-now'}>{point.now.text}</span>
                <br />
                {point.address}
                {point.price ? (
                  <>
                    <br />
                    {t.places.pointPrice(point.price)}
                  </>
                ) : null}
                {point.phone ? (
                  <>
                    <br />
                    {t.producer.phone}: <a href={`tel:${point.phone.replace(/\s/g, '')}`}>{point.phone}</a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
          <p>
            <a href={localHref(ctx, '/sales-points', view.allQuery)}>{t.places.allStocking}</a>
          </p>
          <script src="/near-me.js" defer></script>
        </>
      ) : (
        <p>{t.product.noSalesPoints}</p>
      )}
    </section>
  );
}
