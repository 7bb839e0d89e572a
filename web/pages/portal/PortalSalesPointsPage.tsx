import type { SalesPointStatus } from '../../../worker/domain/sales-point';
import { localHref } from '../../href';
import type { PageContext } from '../../page-context';
import type { Option } from '../../views';
import { PortalShell } from './PortalShell';

export interface PortalPointLinkView {
  id: number;
  name: string;
  href: string;
  detail: string;
}

export interface PortalProposalView extends PortalPointLinkView {
  status: SalesPointStatus;
  statusText: string;
  /** Staff's reason or note, as the producer reads it. */
  decision: string | null;
}

export interface PortalSalesPointsView {
  producerName: string;
  producerParam?: number | undefined;
  proposals: PortalProposalView[];
  stocking: PortalPointLinkView[];
  province: string;
  provinces: Option[];
  inProvince: PortalPointLinkView[];
}

interface PortalSalesPointsPageProps {
  ctx: PageContext;
  view: PortalSalesPointsView;
  notice?: string | undefined;
}

function PointLinks({ link, points }: { link: (path: string) => string; points: PortalPointLinkView[] }) {
  return (
    <ul class="portal-list">
      {points.map((point) => (
        <li>
          <a href={link(point.href)}>{point.name}</a> <span class="muted">· {point.detail}</span>
        </li>
      ))}
    </ul>
  );
}

export function PortalSalesPointsPage({ ctx, view, notice }: PortalSalesPointsPageProps) {
  const { t } = ctx;
  const p = t.portalSalesPoints;
  const link = (path: string) => localHref(ctx, path, { producer: view.producerParam });
  return (
    <PortalShell
      ctx={ctx}
      title={p.title}
      section="salesPoints"
      producerName={view.producerName}
      producerParam={view.producerParam}
      notice={notice}
    >
      <h1>{p.title}</h1>
      <p>{p.intro}</p>
      <p>
        <a class="button" href={link('/portal/sales-points/new')}>
          {p.propose}
        </a>
      </p>
      <section class="portal-card" aria-labelledby="proposals-title">
        <h2 id="proposals-title">{p.proposals}</h2>
        {view.proposals.length === 0 ? (
          <p>{p.noProposals}</p>
        ) : (
          <ul class="portal-list">
            {view.proposals.map((proposal) => (
              <li class={proposal.status === 'rejected' ? 'warning' : undefined}>
                <a href={link(proposal.href)}>{proposal.name}</a>{' '}
                <span class={proposal.status === 'active' ? 'tag tag-ok' : 'tag'}>{proposal.statusText}</span>
                <span class="muted"> · {proposal.detail}</span>
                {proposal.decision ? <p>{proposal.decision}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="portal-card" aria-labelledby="stocking-title">
        <h2 id="stocking-title">{p.stocking}</h2>
        {view.stocking.length === 0 ? <p>{p.noStocking}</p> : <PointLinks link={link} points={view.stocking} />}
      </section>
      <section class="portal-card" aria-labelledby="find-title">
        <h2 id="find-title">{p.findTitle}</h2>
        <p>{p.findIntro}</p>
        <form method="get" action="/portal/sales-points" class="near-form">
          {view.producerParam ? <input type="hidden" name="producer" value={String(view.producerParam)} /> : null}
          {ctx.locale === 'vi' ? null : <input type="hidden" name="lang" value={ctx.locale} />}
          <div class="field">
            <label for="find-province">{p.province}</label>
            <select id="find-province" name="province">
              {view.provinces.map((option) => (
                <option value={option.value} selected={option.value === view.province}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="button">
            {p.show}
          </button>
        </form>
        {view.inProvince.length === 0 ? <p>{p.noneInProvince}</p> : <PointLinks link={link} points={view.inProvince} />}
      </section>
    </PortalShell>
  );
}
