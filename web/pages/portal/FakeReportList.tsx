/** Reports of suspected fakes with their review buttons, shared by the portal and the admin area. */
import type { FakeReportStatus } from '../../../worker/domain/fake-report';
import { localHref } from '../../href';
import type { PageContext } from '../../page-context';

export interface FakeReportView {
  id: number;
  status: FakeReportStatus;
  productName: string | null;
  producerName: string | null;
  serial: string | null;
  scannedPath: string;
  message: string | null;
  contact: string | null;
  province: string | null;
  receivedAt: string;
  reviewedAt: string | null;
  hasPhoto: boolean;
}

interface FakeReportListProps {
  ctx: PageContext;
  csrfToken: string;
  /** Where the reports' review forms and photos live: /portal/fake-reports or /admin/fake-reports. */
  basePath: string;
  reports: FakeReportView[];
  showProducer: boolean;
  status: FakeReportStatus | undefined;
  /** Query kept on the filter form (an administrator's chosen producer in the portal). */
  producerParam?: number | undefined;
}

export function FakeReportList({
  ctx,
  csrfToken,
  basePath,
  reports,
  showProducer,
  status,
  producerParam,
}: FakeReportListProps) {
  const { t } = ctx;
  const f = t.portal.fakeReports;
  const statuses = Object.entries(f.statuses) as [FakeReportStatus, string][];
  return (
    <>
      <form method="get" action={basePath} class="admin-filters">
        {ctx.locale === 'vi' ? null : <input type="hidden" name="lang" value={ctx.locale} />}
        {producerParam ? <input type="hidden" name="producer" value={String(producerParam)} /> : null}
        <div class="field">
          <label for="status">{f.status}</label>
          <select id="status" name="status">
            <option value="">{f.any}</option>
            {statuses.map(([value, label]) => (
              <option value={value} selected={value === status}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button">
          {f.filter}
        </button>
      </form>
      {reports.length === 0 ? (
        <p>{f.empty}</p>
      ) : (
        <ul class="portal-products" role="list">
          {reports.map((report) => (
            <li class="portal-card" id={`report-${report.id}`}>
              <h2>
                {f.reportTitle(report.id)}{' '}
                <span class={report.status === 'open' ? 'tag' : 'tag tag-muted'}>{f.statuses[report.status]}</span>
              </h2>
              <dl class="facts">
                <dt>{f.product}</dt>
                <dd>{report.productName ?? f.unknownProduct}</dd>
                {showProducer && report.producerName ? (
                  <>
                    <dt>{f.producer}</dt>
                    <dd>{report.producerName}</dd>
                  </>
                ) : null}
                {report.serial ? (
                  <>
                    <dt>{f.serial}</dt>
                    <dd>
                      <code>{report.serial}</code>
                    </dd>
                  </>
                ) : null}
                <dt>{f.scannedPath}</dt>
                <dd>
                  <code>{report.scannedPath}</code>
                </dd>
                <dt>{f.message}</dt>
                <dd>{report.message ?? f.noMessage}</dd>
                {report.contact ? (
                  <>
                    <dt>{f.contact}</dt>
                    <dd>{report.contact}</dd>
                  </>
                ) : null}
                {report.province ? (
                  <>
                    <dt>{f.province}</dt>
                    <dd>{report.province}</dd>
                  </>
                ) : null}
                <dt>{f.receivedAt}</dt>
                <dd>{report.receivedAt}</dd>
                {report.reviewedAt ? (
                  <>
                    <dt>{f.reviewedAt}</dt>
                    <dd>{report.reviewedAt}</dd>
                  </>
                ) : null}
              </dl>
              {report.hasPhoto ? (
                <p>
                  <a href={localHref(ctx, `${basePath}/${report.id}/photo`)}>{f.photo}</a>
                </p>
              ) : null}
              <div class="admin-actions">
                {(['confirmed', 'dismissed'] as const)
                  .filter((next) => next !== report.status)
                  .map((next) => (
                    <form method="post" action={localHref(ctx, `${basePath}/${report.id}/review`)}>
                      <input type="hidden" name="_csrf" value={csrfToken} />
                      <input type="hidden" name="status" value={next} />
                      <button type="submit" class={next === 'confirmed' ? 'button button-danger' : 'button'}>
                        {next === 'confirmed' ? f.confirm : f.dismiss}
                      </button>
                    </form>
                  ))}
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
