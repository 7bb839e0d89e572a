import { localHref } from '../../href';
import type { PageContext } from '../../page-context';
import { PortalShell } from './PortalShell';
import { formatNumber } from '../../../worker/domain/numbers';

export interface PortalProductRow {
  id: number;
  name: string;
  price: string | null;
  stock: number;
  stars: number | null;
  isPublished: boolean;
}

interface PortalProductsPageProps {
  ctx: PageContext;
  producerName: string;
  producerParam?: number | undefined;
  products: PortalProductRow[];
}

export function PortalProductsPage({ ctx, producerName, producerParam, products }: PortalProductsPageProps) {
  const { t } = ctx;
  const p = t.portal.products;
  return (
    <PortalShell ctx={ctx} title={p.title} section="products" producerName={producerName} producerParam={producerParam}>
      <h1>{p.title}</h1>
      {products.length === 0 ? (
        <p>{p.empty}</p>
      ) : (
        <ul class="portal-products" role="list">
          {products.map((product) => (
            <li class="portal-card">
              <h2>
                <a href={localHref(ctx, `/portal/products/${product.id}`)}>{product.name}</a>
              </h2>
              <p>
                {product.stars ? <span class="tag">{t.certification.starsShort(product.stars)}</span> : null}{' '}
                <span class={product.isPublished ? 'tag tag-ok' : 'tag tag-muted'}>
                  {product.isPublished ? p.published : p.unpublished}
                </span>
              </p>
              <p>
                {product.price ?? p.priceOnRequest} · {t.portal.edit.stock}: {formatNumber(product.stock)}
              </p>
              <a class="button" href={localHref(ctx, `/portal/products/${product.id}`)}>
                {p.edit}
              </a>
            </li>
          ))}
        </ul>
      )}
    </PortalShell>
  );
}
