import type { ScanTone } from '../../worker/domain/scan-verdict';
import type { Messages } from '../messages';
import type { ScanCertificationNoteView, ScanVerdictView } from '../pages/ScanPage';

const ICON_PATHS: Record<ScanTone, string> = {
  ok: 'M7 13l3 3 7-7',
  caution: 'M12 7v6M12 16.5v.5',
  danger: 'M8 8l8 8M16 8l-8 8',
};

function ToneIcon({ tone }: { tone: ScanTone }) {
  return (
    <svg
      viewBox="0 0 24 24"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      stroke-width="2.5"
      stroke-linecap="round"
    >
      <circle cx="12" cy="12" r="10" />
      <path d={ICON_PATHS[tone]} />
    </svg>
  );
}

function verdictBody(t: Messages, verdict: ScanVerdictView): string {
  const m = t.scan.verdicts;
  const { evidence, certification, pinClaim } = verdict;
  switch (verdict.state) {
    case 'genuine_repeat':
      return evidence?.firstDate
        ? m.genuine_repeat.body(evidence.scans, evidence.firstDate, evidence.firstPlace)
        : m.genuine_first.body;
    case 'suspicious':
      return m.suspicious.body(
        evidence?.scans ?? 0,
        evidence?.devices ?? 0,
        evidence?.networks ?? 0,
        evidence?.provinces ?? 0,
      );
    case 'certificate_lapsed':
      return certification?.state === 'expired' || certification?.state === 'revoked'
        ? m.certificate_lapsed.body(certification.state, certification.stars, certification.since)
        : m.not_certified.body;
    case 'pin_copied':
      return m.pin_copied.body(pinClaim?.date ?? '', pinClaim?.place ?? null);
    default:
      return m[verdict.state].body;
  }
}

/** The certification beside the stamp verdict: a lapsed one is a warning of its own, whatever the stamp. */
export function CertificationNote({ t, note }: { t: Messages; note: ScanCertificationNoteView }) {
  const m = t.scan.certification;
  switch (note.state) {
    case 'certified':
      return <p class="note good">{m.certified(note.stars, note.validUntil)}</p>;
    case 'expired':
      return <p class="note warn">{m.expired(note.stars, note.since)}</p>;
    case 'revoked':
      return <p class="note warn">{m.revoked(note.stars, note.since, note.reason)}</p>;
    default:
      return <p class="note warn">{m.uncertified}</p>;
  }
}

interface ScanVerdictBannerProps {
  t: Messages;
  verdict: ScanVerdictView;
  /** Where the report form is, for the report button of an unknown or void stamp. */
  reportHref: string;
}

/** The first thing on the page: colour, icon and plain words, then the evidence behind a caution. */
export function ScanVerdictBanner({ t, verdict, reportHref }: ScanVerdictBannerProps) {
  const { evidence } = verdict;
  return (
    <>
      <div class={`verdict ${verdict.tone}`} data-verdict={verdict.state} role="status">
        <ToneIcon tone={verdict.tone} />
        <div>
          <p class="tone">{t.scan.tones[verdict.tone]}</p>
          <h1>{t.scan.verdicts[verdict.state].title}</h1>
          <p class="body">{verdictBody(t, verdict)}</p>
          {verdict.problems.length > 0 ? <p class="body">{verdict.problems.join('; ')}</p> : null}
          {verdict.state === 'suspicious' && evidence ? (
            <dl>
              <dt>{t.scan.evidence.scans}</dt>
              <dd>{evidence.scans}</dd>
              <dt>{t.scan.evidence.devices}</dt>
              <dd>{evidence.devices}</dd>
              <dt>{t.scan.evidence.networks}</dt>
              <dd>{evidence.networks}</dd>
              <dt>{t.scan.evidence.provinces}</dt>
              <dd>{evidence.provinces}</dd>
              {evidence.firstDate ? (
                <>
                  <dt>{t.scan.evidence.firstScan}</dt>
                  <dd>
                    {evidence.firstDate} · {evidence.firstPlace ?? t.scan.evidence.unknownPlace}
                  </dd>
                </>
              ) : null}
            </dl>
          ) : null}
          {verdict.tone === 'danger' ? (
            <p>
              <a class="button alert" href={reportHref}>
                {t.scan.report}
              </a>
            </p>
          ) : null}
        </div>
      </div>
      {verdict.certification && verdict.state !== 'certificate_lapsed' ? (
        <CertificationNote t={t} note={verdict.certification} />
      ) : null}
    </>
  );
}
