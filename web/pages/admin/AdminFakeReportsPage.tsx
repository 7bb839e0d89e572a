import type { FakeReportStatus } from '../../../worker/domain/fake-report';
import type { Role } from '../../../worker/domain/policy';
import type { PageContext } from '../../page-context';
import { FakeReportList, type FakeReportView } from '../portal/FakeReportList';
import { AdminPager, AdminShell } from './AdminShell';

interface AdminFakeReportsPageProps {
  ctx: PageContext;
  role: Role;
  csrfToken: string;
  reports: FakeReportView[];
  status: FakeReportStatus | undefined;
  page: number;
  hasNext: boolean;
  notice?: string | undefined;
}

/** Staff and administrators review every report, whoever's product it names. */
export function AdminFakeReportsPage(props: AdminFakeReportsPageProps) {
  const { ctx, role, csrfToken, reports, status, page, hasNext, notice } = props;
  const f = ctx.t.portal.fakeReports;
  return (
    <AdminShell ctx={ctx} role={role} section="fakeReports" title={f.title}>
      {notice ? (
        <p class="alert alert-success" role="status">
          {notice}
        </p>
      ) : null}
      <p>{f.introStaff}</p>
      <FakeReportList
        ctx={ctx}
        csrfToken={csrfToken}
        basePath="/admin/fake-reports"
        reports={reports}
        showProducer
        status={status}
      />
      <AdminPager ctx={ctx} url={ctx.url} page={page} hasNext={hasNext} />
    </AdminShell>
  );
}
