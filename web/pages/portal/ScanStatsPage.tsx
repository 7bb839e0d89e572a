import { BarChart, type Bar } from '../../components/BarChart';
import { localHref } from '../../href';
import type { PageContext } from '../../page-context';
import { PortalShell } from './PortalShell';
import { formatNumber } from '../../../worker/domain/numbers';

export interface SuspiciousStampView {
  serial: string;
  productName: string;
  lotId: number;
  lotCode: string;
  batchId: number;
  scans: number;
  devices: number;
  provinces: number;
  firstScan: string | null;
  firstScanPlace: string | null;
  lastScan: string | null;
  placesSeen: string[];
  pinClaimedAt: string | null;
  isVoid: boolean;
}

export interface ScanStatsView {
  producerName: string;
  producerParam?: number | undefined;
  days: Bar[];
  total: number;
  /** Most scans first. */
  places: Bar[];
  suspicious: SuspiciousStampView[];
  thresholds: { devices: number; provinces: number };
}

interface ScanStatsPageProps {
  ctx: PageContext;
  view: ScanStatsView;
}

export function ScanStatsPage({ ctx, view }: ScanStatsPageProps) {
  const { t } = ctx;
  const s = t.portal.scans;
  return (
    <PortalShell
      ctx={ctx}
      title={s.title}
      section="scans"
      producerName={view.producerName}
      producerParam={view.producerParam}
    >
      <h1>{s.title}</h1>
      <div class="portal-cards">
        <section class="portal-card" aria-labelledby="scans-by-day">
          <h2 id="scans-by-day">{s.byDay}</h2>
          <BarChart bars={view.days} title={s.dayChart(view.total, view.days.length)} />
          <p class="hint">{s.total(view.total)}</p>
        </section>
        <section class="portal-card" aria-labelledby="scans-by-place">
          <h2 id="scans-by-place">{s.byProvince}</h2>
          {view.places.length === 0 ? (
            <p>{s.noScans}</p>
          ) : (
            <>
              <BarChart bars={view.places} title={s.provinceChart(view.places.length)} />
              <ol class="portal-list">
                {view.places.map((place) => (
                  <li>
                    {place.label}: <strong>{formatNumber(place.value)}</strong>
                  </li>
                ))}
              </ol>
            </>
          )}
        </section>
      </div>
      <section class="portal-card" aria-labelledby="scans-suspicious">
        <h2 id="scans-suspicious">{s.suspicious}</h2>
        <p class="hint">{s.suspiciousIntro(view.thresholds.devices, view.thresholds.provinces)}</p>
        {view.suspicious.length === 0 ? (
          <p>{s.noSuspicious}</p>
        ) : (
          <ul class="portal-list">
            {view.suspicious.map((stamp) => (
              <li class="warning">
                <strong>{s.stampLine(stamp.serial, stamp.productName, stamp.lotCode)}</strong>
                {stamp.isVoid ? <span class="tag tag-muted"> {s.voidStamp}</span> : null}
                <br />
                {s.evidence(stamp.scans, stamp.devices, stamp.provinces)}
                {stamp.firstScan ? (
                  <>
                    <br />
                    {s.firstScan(stamp.firstScan, stamp.firstScanPlace)}
                  </>
                ) : null}
                {stamp.lastScan ? (
                  <>
                    <br />
                    {s.lastScan(stamp.lastScan)}
                  </>
                ) : null}
                {stamp.placesSeen.length > 0 ? (
                  <>
                    <br />
                    {s.placesSeen(stamp.placesSeen.join(', '))}
                  </>
                ) : null}
                {stamp.pinClaimedAt ? (
                  <>
                    <br />
                    {s.pinClaimed(stamp.pinClaimedAt)}
                  </>
                ) : null}
                <br />
                <a href={localHref(ctx, `/portal/stamp-batches/${stamp.batchId}`)}>
                  {t.portal.stamps.batchTitle(stamp.batchId)}
                </a>{' '}
                ·{' '}
                <a href={localHref(ctx, `/portal/lots/${stamp.lotId}`)}>
                  {t.portal.stamps.lot} {stamp.lotCode}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </PortalShell>
  );
}
