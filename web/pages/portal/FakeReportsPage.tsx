import type { FakeReportStatus } from '../../../worker/domain/fake-report';
import { AdminPager } from '../admin/AdminShell';
import type { PageContext } from '../../page-context';
import { FakeReportList, type FakeReportView } from './FakeReportList';
import { PortalShell } from './PortalShell';

interface FakeReportsPageProps {
  ctx: PageContext;
  csrfToken: string;
  producerName: string;
  producerParam?: number | undefined;
  reports: FakeReportView[];
  status: FakeReportStatus | undefined;
  page: number;
  hasNext: boolean;
  notice?: string | undefined;
}

export function FakeReportsPage(props: FakeReportsPageProps) {
  const { ctx, csrfToken, producerName, producerParam, reports, status, page, hasNext, notice } = props;
  const f = ctx.t.portal.fakeReports;
  return (
    <PortalShell
      ctx={ctx}
      title={f.title}
      section="fakeReports"
      producerName={producerName}
      producerParam={producerParam}
      notice={notice}
    >
      <h1>{f.title}</h1>
      <p>{f.intro}</p>
      <FakeReportList
        ctx={ctx}
        csrfToken={csrfToken}
        basePath="/portal/fake-reports"
        reports={reports}
        showProducer={false}
        status={status}
        producerParam={producerParam}
      />
      <AdminPager ctx={ctx} url={ctx.url} page={page} hasNext={hasNext} />
    </PortalShell>
  );
}
