import { localHref } from '../../href';
import type { PageContext } from '../../page-context';
import { PortalShell } from './PortalShell';
import { formatNumber } from '../../../worker/domain/numbers';

export interface StampBatchRow {
  id: number;
  productName: string;
  lotCode: string;
  quantity: number;
  withPin: boolean;
  issuedAt: string;
  activatedAt: string | null;
}

interface StampBatchesPageProps {
  ctx: PageContext;
  producerName: string;
  producerParam?: number | undefined;
  batches: StampBatchRow[];
}

export function StampBatchesPage({ ctx, producerName, producerParam, batches }: StampBatchesPageProps) {
  const { t } = ctx;
  const s = t.portal.stamps;
  return (
    <PortalShell ctx={ctx} title={s.title} section="stamps" producerName={producerName} producerParam={producerParam}>
      <h1>{s.title}</h1>
      <p>
        {s.intro} <a href={localHref(ctx, '/portal/lots', { producer: producerParam })}>{t.portal.nav.lots}</a>
      </p>
      {batches.length === 0 ? (
        <p>{s.empty}</p>
      ) : (
        <ul class="portal-products" role="list">
          {batches.map((batch) => (
            <li class="portal-card">
              <h2>
                <a href={localHref(ctx, `/portal/stamp-batches/${batch.id}`)}>
                  {s.listLine(batch.id, batch.productName, batch.lotCode)}
                </a>
              </h2>
              <p>
                {s.count}: {formatNumber(batch.quantity)} · {s.pin}: {batch.withPin ? s.yes : s.no}
              </p>
              <p class="hint">
                {s.issuedAt}: {batch.issuedAt}
                {batch.activatedAt ? ` · ${s.activatedAt}: ${batch.activatedAt}` : ''}
              </p>
            </li>
          ))}
        </ul>
      )}
    </PortalShell>
  );
}
