import { formatDate } from '../../worker/domain/time';
import type { Messages } from '../messages';
import type { CertificationView, StandingView } from '../views';

interface CertificationPanelProps {
  t: Messages;
  standing: StandingView;
  history: CertificationView[];
}

/** Star glyphs only for a certificate that holds; a lapsed one's stars in words that say so. */
function starsText(t: Messages, c: CertificationView, lapsed: boolean): string {
  const m = t.certification;
  if (!c.certifies) return m.belowThreshold(c.stars);
  return lapsed ? m.lapsedStars(c.stars) : m.starsShort(c.stars);
}

/** A certificate's facts; a lapsed one's stars as plain words, never the star glyphs of a valid one. */
function CertificationFacts({
  t,
  certification: c,
  lapsed,
}: {
  t: Messages;
  certification: CertificationView;
  lapsed: boolean;
}) {
  const m = t.certification;
  return (
    <dl class="facts">
      <dt>{m.decision}</dt>
      <dd>{c.decisionNumber}</dd>
      <dt>{m.issuedBy}</dt>
      <dd>{c.issuingBody}</dd>
      <dt>{m.decisionDate}</dt>
      <dd>{formatDate(c.decisionDate)}</dd>
      {c.validUntil ? (
        <>
          <dt>{m.validUntil}</dt>
          <dd>{formatDate(c.validUntil)}</dd>
        </>
      ) : null}
      <dt>{m.status}</dt>
      <dd>
        {m.statuses[c.status]}
        {c.statusReason ? ` (${c.statusReason})` : null}
      </dd>
      <dt>{m.starsLabel}</dt>
      <dd>{starsText(t, c, lapsed)}</dd>
      <dt>{m.score}</dt>
      <dd>{c.score}/100</dd>
      <dt>{m.level}</dt>
      <dd>{m.levels[c.level]}</dd>
      <dt>{m.criteriaVersion}</dt>
      <dd>{m.criteria(c.criteriaVersion)}</dd>
      <dt>{t.product.group}</dt>
      <dd>{c.groupName}</dd>
    </dl>
  );
}

/** One decision on record, condensed: the current one is shown in full above. */
function HistoryEntry({ t, certification: c }: { t: Messages; certification: CertificationView }) {
  const m = t.certification;
  return (
    <li>
      <strong>{c.decisionNumber}</strong> ({formatDate(c.decisionDate)}) · {c.issuingBody}
      <br />
      {starsText(t, c, c.status !== 'active')} · {m.score}: {c.score}/100 · {m.levels[c.level]} ·{' '}
      {m.criteria(c.criteriaVersion)} ({c.groupName})
      <br />
      {c.validUntil ? `${m.validUntil}: ${formatDate(c.validUntil)} · ` : null}
      {m.statuses[c.status]}
      {c.statusReason ? ` (${c.statusReason})` : null}
    </li>
  );
}

function StandingNotice({ t, standing }: { t: Messages; standing: StandingView }) {
  const m = t.certification;
  if (standing.state === 'certified') return null;
  if (standing.state === 'uncertified') return <p class="notice">{m.uncertified}</p>;
  const since = formatDate(standing.since);
  return (
    <p class="notice warning">
      {standing.reason === 'revoked'
        ? m.revokedSince(since, standing.certification.statusReason ?? '')
        : m.expiredSince(since)}
    </p>
  );
}

/** The certificate the product stands on, the plain reason when it lapsed, and every decision on record. */
export function CertificationPanel({ t, standing, history }: CertificationPanelProps) {
  const m = t.certification;
  return (
    <section class="panel" aria-labelledby="certification-title">
      <h2 id="certification-title">{m.title}</h2>
      <StandingNotice t={t} standing={standing} />
      {standing.state === 'uncertified' ? null : (
        <>
          {/* A lapsed certificate is never headed "current": it is the last one, and it no longer holds. */}
          <h3>{standing.state === 'certified' ? m.current : m.lapsedHeading}</h3>
          <CertificationFacts t={t} certification={standing.certification} lapsed={standing.state !== 'certified'} />
        </>
      )}
      {history.length > 0 ? (
        <>
          <h3>{m.history}</h3>
          <ol class="history" role="list">
            {history.map((certification) => (
              <HistoryEntry t={t} certification={certification} />
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}
