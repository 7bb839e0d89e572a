import type { Role } from '../../../worker/domain/policy';
import { BarChart, type Bar } from '../../components/BarChart';
import { localHref } from '../../href';
import type { PageContext } from '../../page-context';
import { AdminShell } from './AdminShell';
import { CertificationTable, type CertificationRowView } from './CertificationTable';

export interface OverviewView {
  /** Products listed today. */
  total: number;
  byProvince: Bar[];
  byGroup: Bar[];
  byStars: Bar[];
}

interface CertificationOverviewPageProps {
  ctx: PageContext;
  role: Role;
  /** Today's date as Vietnamese documents write it. */
  today: string;
  view: OverviewView;
  expiring: { days: number; count: number; rows: CertificationRowView[] };
}

function Breakdown({
  ctx,
  id,
  title,
  bars,
  total,
}: {
  ctx: PageContext;
  id: string;
  title: string;
  bars: Bar[];
  total: number;
}) {
  const to = ctx.t.adminCertifications;
  return (
    <section id={id} class="admin-breakdown">
      <h2>{title}</h2>
      <BarChart bars={bars} title={to.overview.chart(title, total)} />
      <table class="admin-table">
        <thead>
          <tr>
            <th scope="col">{title}</th>
            <th scope="col" class="num">
              {to.overview.products}
            </th>
          </tr>
        </thead>
        <tbody>
          {bars.map((bar) => (
            <tr>
              <th scope="row">{bar.label}</th>
              <td class="num">{to.count(bar.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function CertificationOverviewPage({ ctx, role, today, view, expiring }: CertificationOverviewPageProps) {
  const { t } = ctx;
  const to = t.adminCertifications.overview;
  return (
    <AdminShell ctx={ctx} role={role} section="certificationOverview" title={to.title}>
      <p>{to.intro(today)}</p>
      <p class="lead" id="listed-total">
        {to.listed(view.total)}
      </p>
      <div class="admin-breakdowns">
        <Breakdown ctx={ctx} id="by-stars" title={to.byStars} bars={view.byStars} total={view.total} />
        <Breakdown ctx={ctx} id="by-group" title={to.byGroup} bars={view.byGroup} total={view.total} />
        <Breakdown ctx={ctx} id="by-province" title={to.byProvince} bars={view.byProvince} total={view.total} />
      </div>
      <section id="expiring">
        <h2>{to.expiring(expiring.days)}</h2>
        {expiring.count === 0 ? (
          <p>{to.noExpiring}</p>
        ) : (
          <>
            <p id="expiring-count">{to.expiringCount(expiring.count)}</p>
            <CertificationTable
              ctx={ctx}
              caption={to.soonest(expiring.rows.length)}
              rows={expiring.rows}
              revocable={false}
            />
            {role === 'admin' ? (
              <p>
                <a href={localHref(ctx, '/admin/certifications', { expiring: expiring.days })}>{to.seeAll}</a>
              </p>
            ) : null}
          </>
        )}
      </section>
    </AdminShell>
  );
}
