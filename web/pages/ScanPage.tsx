import type { traceEventTypes } from '../../db/schema';
import type { ProducerKind } from '../../worker/domain/catalogue';
import type { CertificationStatus } from '../../worker/domain/certification';
import type { ScanState, ScanTone } from '../../worker/domain/scan-verdict';
import type { FieldIssue } from '../../worker/domain/errors';
import { ScanPinForm, ScanReportForm } from '../components/ScanForms';
import { ScanLayout } from '../components/ScanLayout';
import { ScanVerdictBanner } from '../components/ScanVerdictBanner';
import { localHref } from '../href';
import type { Messages } from '../messages';
import type { PageContext } from '../page-context';
import { WhereToBuy } from '../components/WhereToBuy';
import type { WhereToBuyView } from '../views';

/** Dates below are already formatted for reading ("05/03/2026"), places already named in the page language. */
export interface ScanEvidenceView {
  scans: number;
  devices: number;
  networks: number;
  provinces: number;
  firstDate: string | null;
  firstPlace: string | null;
}

export type ScanCertificationNoteView =
  | { state: 'certified'; stars: number; validUntil: string }
  | { state: 'expired'; stars: number; since: string }
  | { state: 'revoked'; stars: number; since: string; reason: string | null }
  | { state: 'uncertified' };

export interface ScanVerdictView {
  /** The one verdict of worker/domain/scan-verdict.ts, or `unreadable` for a path that cannot be a stamp. */
  state: ScanState | 'unreadable';
  tone: ScanTone;
  evidence: ScanEvidenceView | null;
  /** Null for an unknown code: there is no product to speak of. */
  certification: ScanCertificationNoteView | null;
  /** When and where a copied PIN was first claimed. */
  pinClaim: { date: string; place: string | null } | null;
  /** Why an unreadable path cannot be a stamp. */
  problems: string[];
}

export interface TraceEntryView {
  type: (typeof traceEventTypes)[number];
  when: string;
  place: string | null;
  actor: string | null;
  description: string | null;
  /** Only http(s) links. */
  reportUrl: string | null;
}

export interface ScanCertificationView {
  stars: number;
  decisionNumber: string;
  issuingBody: string;
  decisionDate: string;
  validUntil: string;
  status: CertificationStatus;
  statusReason: string | null;
}

export interface ScanProductView {
  name: string;
  href: string;
  imageUrl: string;
  imageAlt: string;
  producer: { name: string; href: string; kind: ProducerKind; place: string };
  /** The certification the product stands on, or the last one it lost; null when it never had one. */
  certification: ScanCertificationView | null;
  lot: { code: string; productionDate: string | null; bestBefore: string | null };
  /** Public testing (inspecting) events of the lot. */
  tests: TraceEntryView[];
  journey: TraceEntryView[];
  whereToBuy: WhereToBuyView;
}

export type PinResultView =
  | { outcome: 'claimed' }
  | { outcome: 'already_claimed'; date: string; place: string | null }
  | { outcome: 'wrong'; remaining: number }
  | { outcome: 'locked'; until: string }
  | { outcome: 'no_pin' }
  | { outcome: 'invalid' }
  | { outcome: 'throttled'; minutes: number }
  | { outcome: 'unavailable' };

export interface ScanReportView {
  sent: boolean;
  issues: FieldIssue[];
  values: { message: string; contact: string };
  throttledMinutes?: number;
}

export interface ScanPageView {
  /** The stamp's path, upper case (as requested, for an unreadable one): forms post to it and the beacon names it. */
  path: string;
  /** Null for a path that cannot be a stamp. */
  serial: string | null;
  verdict: ScanVerdictView;
  product: ScanProductView | null;
  /** The form is offered for an active stamp with a scratch PIN; an entry's result is shown whatever the stamp. */
  pin: { offered: boolean; result: PinResultView | null } | null;
  report: ScanReportView;
  /** How this page counts its scan, once shown: a page answering a form counts none. */
  beacon: { token: string | null } | null;
  maxPhotoMegabytes: number;
}

function TraceEntry({ t, entry }: { t: Messages; entry: TraceEntryView }) {
  return (
    <li>
      <p>
        <strong>{t.scan.journey.types[entry.type]}</strong> · <time>{entry.when}</time>
      </p>
      {entry.place ? <p class="muted">{entry.place}</p> : null}
      {entry.description ? <p>{entry.description}</p> : null}
      {entry.actor ? <p class="muted">{t.scan.journey.by(entry.actor)}</p> : null}
      {entry.reportUrl ? (
        <p>
          <a href={entry.reportUrl} rel="noopener noreferrer nofollow">
            {t.scan.lot.testReport}
          </a>
        </p>
      ) : null}
    </li>
  );
}

/**
 * Which package the stamp belongs to, right under the verdict in the first screen of a phone: a
 * genuine stamp copied onto another product is caught by comparing this with the package in hand.
 */
function StampIdentity({ t, product }: { t: Messages; product: ScanProductView }) {
  return (
    <section class="identity" aria-labelledby="product-title">
      <img src={product.imageUrl} alt={product.imageAlt} width="72" height="72" />
      <div>
        <p class="muted">{t.scan.product}</p>
        <h2 id="product-title">{product.name}</h2>
        <p class="producer">
          {t.scan.producer}: <a href={product.producer.href}>{product.producer.name}</a>
        </p>
        <p class="muted lot">
          {t.scan.lot.code}: <strong>{product.lot.code}</strong>
        </p>
      </div>
    </section>
  );
}

function ProductSections({ ctx, product }: { ctx: PageContext; product: ScanProductView }) {
  const { t } = ctx;
  const c = product.certification;
  return (
    <>
      <p class="actions">
        <a class="button" href={`${product.href}#buy-title`}>
          {t.scan.buyOnline}
        </a>
        <a class="button secondary" href={product.href}>
          {t.scan.viewProduct}
        </a>
      </p>

      <section aria-labelledby="certification-title">
        <h2 id="certification-title">{t.certification.title}</h2>
        {c ? (
          <dl>
            <dt>{t.certification.starsLabel}</dt>
            <dd class={c.status === 'active' ? 'stars' : 'stars lapsed'}>
              {c.status === 'active' ? <span aria-hidden="true">{'★'.repeat(c.stars)} </span> : null}
              {t.certification.stars(c.stars)}
            </dd>
            <dt>{t.certification.status}</dt>
            <dd>
              {t.certification.statuses[c.status]}
              {c.statusReason ? ` (${c.statusReason})` : null}
            </dd>
            <dt>{t.certification.decision}</dt>
            <dd>{c.decisionNumber}</dd>
            <dt>{t.certification.issuedBy}</dt>
            <dd>{c.issuingBody}</dd>
            <dt>{t.certification.decisionDate}</dt>
            <dd>{c.decisionDate}</dd>
            <dt>{t.certification.validUntil}</dt>
            <dd>{c.validUntil}</dd>
          </dl>
        ) : (
          <p>{t.certification.uncertified}</p>
        )}
      </section>

      <section aria-labelledby="lot-title">
        <h2 id="lot-title">{t.scan.lot.title}</h2>
        <dl>
          <dt>{t.scan.lot.code}</dt>
          <dd>{product.lot.code}</dd>
          {product.lot.productionDate ? (
            <>
              <dt>{t.scan.lot.productionDate}</dt>
              <dd>{product.lot.productionDate}</dd>
            </>
          ) : null}
          {product.lot.bestBefore ? (
            <>
              <dt>{t.scan.lot.bestBefore}</dt>
              <dd>{product.lot.bestBefore}</dd>
            </>
          ) : null}
        </dl>
        <h3>{t.scan.lot.tests}</h3>
        {product.tests.length > 0 ? (
          <ol class="timeline">
            {product.tests.map((entry) => (
              <TraceEntry t={t} entry={entry} />
            ))}
          </ol>
        ) : (
          <p class="muted">{t.scan.lot.noTests}</p>
        )}
      </section>

      <section aria-labelledby="journey-title">
        <h2 id="journey-title">{t.scan.journey.title}</h2>
        {product.journey.length > 0 ? (
          <ol class="timeline">
            {product.journey.map((entry) => (
              <TraceEntry t={t} entry={entry} />
            ))}
          </ol>
        ) : (
          <p class="muted">{t.scan.journey.empty}</p>
        )}
      </section>

      <WhereToBuy ctx={ctx} view={product.whereToBuy} path={product.href} />
      <section aria-labelledby="buy-online-title">
        <h2 id="buy-online-title">{t.scan.buyOnline}</h2>
        <p class="actions">
          <a class="button" href={`${product.href}#buy-title`}>
            {t.scan.buyOnline}
          </a>
        </p>
      </section>
    </>
  );
}

/**
 * What a phone shows at a stamp URL: the verdict first, then the scratch PIN, the product and
 * its certification, the lot and its journey, where to buy it, and the fake-report form. Plain
 * HTML forms throughout; the only script is the beacon that counts the scan.
 */
export function ScanPage({ ctx, view }: { ctx: PageContext; view: ScanPageView }) {
  const { t } = ctx;
  const action = localHref(ctx, view.path);
  return (
    <ScanLayout
      ctx={ctx}
      title={t.scan.title}
      beacon={view.beacon ? { path: view.path, token: view.beacon.token } : undefined}
    >
      <ScanVerdictBanner t={t} verdict={view.verdict} reportHref="#report" />
      {view.product ? <StampIdentity t={t} product={view.product} /> : null}
      {view.serial ? <p class="serial">{t.scan.serial(view.serial)}</p> : null}
      {view.pin ? <ScanPinForm t={t} action={action} offered={view.pin.offered} result={view.pin.result} /> : null}
      {view.product ? <ProductSections ctx={ctx} product={view.product} /> : null}
      <ScanReportForm t={t} action={action} report={view.report} maxPhotoMegabytes={view.maxPhotoMegabytes} />
      {view.product ? null : (
        <p>
          <a href={localHref(ctx, '/products')}>{t.nav.products}</a>
        </p>
      )}
    </ScanLayout>
  );
}
