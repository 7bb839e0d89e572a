/** Scans of the producer's stamps: per day and per province, and the stamps worth a closer look. */
import { Hono } from 'hono';
import { ChooseProducerPage } from '../../../web/pages/portal/ChooseProducerPage';
import { ScanStatsPage } from '../../../web/pages/portal/ScanStatsPage';
import { loadScanStats } from '../../data/scan-stats';
import type { AppEnv } from '../../lib/context';
import { notFound } from '../../lib/errors';
import { pageContext } from '../../lib/render';
import { producerInScope } from './scope';
import { toScanStatsView } from '../../presenters/traceability';

export const scanStatsPages = new Hono<AppEnv>();

scanStatsPages.get('/scans', async (c) => {
  const scope = producerInScope(c);
  if (!scope) return c.html(<ChooseProducerPage ctx={pageContext(c)} action="/portal/scans" />);
  const stats = await loadScanStats(c.var.db, scope.producerId, c.var.today);
  if (!stats) throw notFound();
  const ctx = pageContext(c);
  return c.html(
    <ScanStatsPage ctx={ctx} view={toScanStatsView(stats, ctx.t, ctx.locale, c.var.today, scope.producerParam)} />,
  );
});
