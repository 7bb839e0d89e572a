import { formatVnd } from '../../worker/domain/money';
import { BuyBox } from '../components/BuyBox';
import { CertificationPanel } from '../components/CertificationPanel';
import { Layout, type OpenGraph } from '../components/Layout';
import { Price } from '../components/Price';
import { ProducerCard } from '../components/ProducerCard';
import { StarBadge } from '../components/StarBadge';
import { WhereToBuy } from '../components/WhereToBuy';
import type { PageContext } from '../page-context';
import type { ProductDetailView } from '../views';

interface ProductPageProps {
  ctx: PageContext;
  product: ProductDetailView;
  jsonLd: object;
  openGraph: OpenGraph;
}

export function ProductPage({ ctx, product, jsonLd, openGraph }: ProductPageProps) {
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
      openGraph={openGraph}
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

        <WhereToBuy ctx={ctx} view={product.whereToBuy} path={`/products/${product.slug}`} />
      </article>
    </Layout>
  );
}
