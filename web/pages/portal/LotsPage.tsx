import { localHref } from '../../href';
import type { PageContext } from '../../page-context';
import { PortalShell } from './PortalShell';

export interface LotRow {
  id: number;
  code: string;
  productionDate: string | null;
  bestBefore: string | null;
  eventCount: number;
  stampCount: number;
}

export interface LotsView {
  producerName: string;
  producerParam?: number | undefined;
  /** Products with their lots, newest lot first; products without a lot are left out. */
  groups: { productName: string; lots: LotRow[] }[];
  hasProducts: boolean;
}

interface LotsPageProps {
  ctx: PageContext;
  view: LotsView;
}

export function LotsPage({ ctx, view }: LotsPageProps) {
  const { t } = ctx;
  const l = t.portal.lots;
  return (
    <PortalShell
      ctx={ctx}
      title={l.title}
      section="lots"
      producerName={view.producerName}
      producerParam={view.producerParam}
    >
      <h1>{l.title}</h1>
      <p>{l.intro}</p>
      {view.hasProducts ? (
        <p>
          <a class="button" href={localHref(ctx, '/portal/lots/new', { producer: view.producerParam })}>
            {l.create}
          </a>
        </p>
      ) : (
        <p>{l.noProducts}</p>
      )}
      {view.groups.length === 0 ? <p>{l.empty}</p> : null}
      {view.groups.map((group) => (
        <section class="portal-card">
          <h2>{group.productName}</h2>
          <ul class="portal-list">
            {group.lots.map((lot) => (
              <li>
                <a href={localHref(ctx, `/portal/lots/${lot.id}`)}>
                  <strong>{lot.code}</strong>
                </a>
                {lot.productionDate ? ` · ${l.productionDate}: ${lot.productionDate}` : ''}
                {lot.bestBefore ? ` · ${l.bestBefore}: ${lot.bestBefore}` : ''}
                <br />
                <span class="hint">{l.counts(lot.eventCount, lot.stampCount)}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </PortalShell>
  );
}
