import type { Role } from '../../../worker/domain/policy';
import { FilterSelect } from '../../components/FilterSelect';
import type { SalesPointStatus } from '../../../worker/domain/sales-point';
import { localHref } from '../../href';
import type { PageContext } from '../../page-context';
import type { Option } from '../../views';
import { AdminPager, AdminShell } from './AdminShell';

export interface AdminPointRowView {
  id: number;
  name: string;
  kindName: string;
  status: SalesPointStatus;
  statusText: string;
  place: string;
  /** Who proposed it, or that staff added it. */
  origin: string;
  stock: string;
  updated: string;
}

export interface AdminSalesPointsView {
  filter: { status?: string | undefined; province?: string | undefined; kind?: string | undefined };
  statuses: Option[];
  provinces: Option[];
  kinds: Option[];
  rows: AdminPointRowView[];
  page: number;
  hasNext: boolean;
}

export function AdminSalesPointsPage({
  ctx,
  role,
  view,
}: {
  ctx: PageContext;
  role: Role;
  view: AdminSalesPointsView;
}) {
  const { t } = ctx;
  const a = t.adminSalesPoints;
  return (
    <AdminShell ctx={ctx} role={role} section="salesPoints" title={a.title}>
      <p>{a.intro}</p>
      <p>
        <a class="button" href={localHref(ctx, '/admin/sales-points/new')}>
          {a.add}
        </a>
      </p>
      <form method="get" action="/admin/sales-points" class="admin-filters">
        <FilterSelect
          name="status"
          label={a.filterStatus}
          options={view.statuses}
          chosen={view.filter.status}
          any={t.admin.any}
        />
        <FilterSelect
          name="province"
          label={a.filterProvince}
          options={view.provinces}
          chosen={view.filter.province}
          any={t.admin.any}
        />
        <FilterSelect
          name="kind"
          label={a.filterKind}
          options={view.kinds}
          chosen={view.filter.kind}
          any={t.admin.any}
        />
        <button type="submit" class="button">
          {t.admin.filter}
        </button>
      </form>
      {view.rows.length === 0 ? (
        <p>{a.empty}</p>
      ) : (
        <table class="admin-table stacked">
          <caption>{a.title}</caption>
          <thead>
            <tr>
              <th scope="col">{a.columns.name}</th>
              <th scope="col">{a.columns.status}</th>
              <th scope="col">{a.columns.place}</th>
              <th scope="col">{a.columns.proposer}</th>
              <th scope="col">{a.columns.stock}</th>
              <th scope="col">{a.columns.updated}</th>
            </tr>
          </thead>
          <tbody>
            {view.rows.map((row) => (
              <tr class={row.status === 'proposed' ? 'is-proposed' : undefined}>
                <td data-label={a.columns.name}>
                  <a href={localHref(ctx, `/admin/sales-points/${row.id}`)}>{row.name}</a>
                  <br />
                  <span class="muted">{row.kindName}</span>
                </td>
                <td data-label={a.columns.status}>
                  <strong>{row.statusText}</strong>
                </td>
                <td data-label={a.columns.place}>{row.place}</td>
                <td data-label={a.columns.proposer}>{row.origin}</td>
                <td data-label={a.columns.stock}>{row.stock}</td>
                <td data-label={a.columns.updated}>{row.updated}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <AdminPager ctx={ctx} url={ctx.url} page={view.page} hasNext={view.hasNext} />
    </AdminShell>
  );
}
