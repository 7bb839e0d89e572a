import type { SalesPointStatus } from '../../../worker/domain/sales-point';
import { StockRows, type FailedStockForm, type StockRowView } from '../../components/PointStock';
import { localHref } from '../../href';
import type { PageContext } from '../../page-context';
import { PortalShell } from './PortalShell';

export interface PortalSalesPointView {
  id: number;
  name: string;
  kindName: string;
  address: string;
  status: SalesPointStatus;
  statusText: string;
  /** What the status means for the producer, with staff's reason when the point is its own proposal. */
  statusNote: string | null;
  decision: string | null;
  /** The producer may still change its proposal. */
  editable: boolean;
  publicHref: string | null;
  /** Products can be listed here: the point is active. */
  canStock: boolean;
  products: StockRowView[];
  producerName: string;
  producerParam?: number | undefined;
}

interface PortalSalesPointPageProps {
  ctx: PageContext;
  csrfToken: string;
  view: PortalSalesPointView;
  notice?: string | undefined;
  failed?: FailedStockForm | undefined;
}

export function PortalSalesPointPage({ ctx, csrfToken, view, notice, failed }: PortalSalesPointPageProps) {
  const { t } = ctx;
  const p = t.portalSalesPoints;
  const link = (path: string) => localHref(ctx, path, { producer: view.producerParam });
  return (
    <PortalShell
      ctx={ctx}
      title={view.name}
      section="salesPoints"
      producerName={view.producerName}
      producerParam={view.producerParam}
      notice={notice}
    >
      <p>
        <a href={link('/portal/sales-points')}>← {p.back}</a>
      </p>
      <h1>{view.name}</h1>
      <p class="muted">
        {view.kindName} · {view.address}
      </p>
      <p>
        <span class={view.status === 'active' ? 'tag tag-ok' : 'tag'}>{view.statusText}</span>
        {view.statusNote ? ` ${view.statusNote}` : ''}
      </p>
      {view.decision ? <p class={view.status === 'rejected' ? 'alert-error' : 'notice'}>{view.decision}</p> : null}
      <p class="actions">
        {view.editable ? (
          <a class="button" href={link(`/portal/sales-points/${view.id}/edit`)}>
            {p.editProposal}
          </a>
        ) : null}
        {view.publicHref ? <a href={localHref(ctx, view.publicHref)}>{t.adminSalesPoints.view}</a> : null}
      </p>
      <section aria-labelledby="own-title">
        <h2 id="own-title">{p.ownProducts}</h2>
        {!view.canStock ? (
          <p class="notice">{p.notActive}</p>
        ) : view.products.length === 0 ? (
          <p>{p.noOwnProducts}</p>
        ) : (
          <>
            <p class="hint">{t.adminSalesPoints.stockIntro}</p>
            <StockRows
              ctx={ctx}
              rows={view.products}
              action={link(`/portal/sales-points/${view.id}/stock`)}
              csrfToken={csrfToken}
              failed={failed}
            />
          </>
        )}
      </section>
    </PortalShell>
  );
}
