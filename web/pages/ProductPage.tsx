import { formatVnd } from '../../worker/domain/money';
import { BuyBox } from '../components/BuyBox';
import { CertificationPanel } from '../components/CertificationPanel';
import { Layout } from '../components/Layout';
import { Price } from '../components/Price';
import { ProducerCard } from '../components/ProducerCard';
import { StarBadge } from '../components/StarBadge';
import type { PageContext } from '../page-context';
import type { ProductDetailView } from '../views';

interface ProductPageProps {
  ctx: PageContext;
  product: ProductDetailView;
  jsonLd: object;
}

export function ProductPage({ ctx, product, jsonLd }: ProductPageProps) {
  const { t } = ctx;
  const { standing } = product;
  const [cover, ...more] = product.images;
  return (
    <Layout
      ctx={ctx}
      title={product.name}
      description={product.description ?? undefined}
      canonicalPath={`/products/${product.slug}`}
      jsonLd={jsonLd}
    >
      <article class="product">
        <div class="product-head">
          {cover ? (
            <figure class="cover">
              <img src={cover.url} alt={cover.alt} width="800" height="600" />
            </figure>
          ) : null}
          <div class="summary">
            <h1>{product.name}</h1>
            {standing.state === 'certified' ? <StarBadge t={t} stars={standing.certification.stars} /> : null}
            <p class="big">
              <Price t={t} price={product.price} unit={product.unit} />
            </p>
            <p>{product.stock > 0 ? t.product.inStock(product.stock) : t.product.outOfStock}</p>
            <BuyBox ctx={ctx} purchase={product.purchase} />
            <dl class="facts">
              <dt>{t.product.origin}</dt>
              <dd>{product.producer.place}</dd>
              {product.gtin ? (
                <>
                  <dt>{t.product.gtin}</dt>
                  <dd>{product.gtin}</dd>
                </>
              ) : null}
            </dl>
          </div>
        </div>

        {more.length > 0 ? (
          <section aria-labelledby="photos-title">
            <h2 id="photos-title">{t.product.photos}</h2>
            <ul class="photos" role="list">
              {more.map((image) => (
                <li>
                  <img src={image.url} alt={image.alt} width="400" height="300" loading="lazy" />
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        {product.variants.length > 0 ? (
          <section aria-labelledby="variants-title">
            <h2 id="variants-title">{t.product.variants}</h2>
            <table class="variants">
              <thead>
                <tr>
                  <th scope="col">{t.product.variant}</th>
                  <th scope="col">{t.product.price}</th>
                  <th scope="col">{t.product.stock}</th>
                </tr>
              </thead>
              <tbody>
                {product.variants.map((variant) => (
                  <tr>
                    <th scope="row">{variant.label}</th>
                    <td>{formatVnd(variant.price)}</td>
                    <td>{variant.stock > 0 ? t.product.inStock(variant.stock) : t.product.outOfStock}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ) : null}

        <CertificationPanel t={t} standing={standing} history={product.history} />

        {product.description ? (
          <section aria-labelledby="description-title">
            <h2 id="description-title">{t.product.description}</h2>
            <p class="prose">{product.description}</p>
          </section>
        ) : null}

        {product.story ? (
          <section aria-labelledby="story-title">
            <h2 id="story-title">{t.product.story}</h2>
            <p class="prose">{product.story}</p>
          </section>
        ) : null}

        <ProducerCard ctx={ctx} producer={product.producer} />

        <section class="panel" aria-labelledby="buy-title">
          <h2 id="buy-title">{t.product.whereToBuy}</h2>
          {product.salesPoints.length > 0 ? (
            <ul class="sales-points" role="list">
              {product.salesPoints.map((point) => (
                <li>
                  <strong>{point.name}</strong> <span class="muted">({t.product.salesPointKinds[point.kind]})</span>
                  <br />
                  {point.address}
                  {point.phone ? (
                    <>
                      <br />
                      {t.producer.phone}: <a href={`tel:${point.phone}`}>{point.phone}</a>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t.product.noSalesPoints}</p>
          )}
        </section>
      </article>
    </Layout>
  );
}
