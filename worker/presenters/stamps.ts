/** Stamp batches to the views web/pages/portal renders: localised, formatted, nothing left to decide. */
import type { Messages } from '../../web/messages';
import type { StampBatchRow } from '../../web/pages/portal/StampBatchesPage';
import type { StampBatchView } from '../../web/pages/portal/StampBatchPage';
import type { listProducerBatches, PortalBatch } from '../data/stamp-batches';
import { PRINT_LINK_TTL_SECONDS } from '../domain/print-link';
import { livePinFiles, pinsCover, replaceableCount } from '../domain/stamp-batch';
import { formatInstant } from '../domain/time';
import { STAMP_SHEET_PRESETS, type StampSheetPresetId } from '../print/stamp-sheet';
import type { BatchPrintLinks } from '../services/stamp-prints';

export const toStampBatchRows = (batches: Awaited<ReturnType<typeof listProducerBatches>>): StampBatchRow[] =>
  batches.map((batch) => ({
    id: batch.id,
    productName: batch.productName,
    lotCode: batch.lotCode,
    quantity: batch.quantity,
    withPin: batch.withPin,
    issuedAt: formatInstant(batch.issuedAt),
    activatedAt: batch.activatedAt ? formatInstant(batch.activatedAt) : null,
  }));

/** The label sheet choices in the visitor's language, custom last. */
export const sheetOptions = (t: Messages, custom: string) => [
  ...(Object.keys(STAMP_SHEET_PRESETS) as StampSheetPresetId[]).map((id) => ({
    value: id,
    label: t.portal.stamps.presets[id],
  })),
  { value: custom, label: t.portal.stamps.custom },
];

function layoutLabel(batch: PortalBatch['batch'], t: Messages): string {
  const preset = batch.sheetPreset;
  if (preset && Object.hasOwn(STAMP_SHEET_PRESETS, preset)) {
    return t.portal.stamps.presets[preset as StampSheetPresetId];
  }
  const layout = batch.sheetLayout;
  if (!layout) return t.portal.lots.notSet;
  return t.portal.stamps.customLayout(layout.columns, layout.rows, layout.labelWidthMm, layout.labelHeightMm);
}

export function toStampBatchView(
  data: PortalBatch,
  links: BatchPrintLinks,
  context: { producerName: string; producerParam: number | undefined; t: Messages; now: Date },
): StampBatchView {
  const { batch, counts } = data;
  const { t, now } = context;
  const earliestExpiry = livePinFiles(data.pinFiles, now)
    .map((file) => file.expiresAt)
    .sort()[0];
  return {
    id: batch.id,
    producerName: context.producerName,
    producerParam: context.producerParam,
    productName: batch.productName,
    lotId: batch.lotId,
    lotCode: batch.lotCode,
    issuedAt: formatInstant(batch.issuedAt),
    quantity: batch.quantity,
    withPin: batch.withPin,
    layout: layoutLabel(batch, t),
    counts,
    activatedAt: batch.activatedAt ? formatInstant(batch.activatedAt) : null,
    lastSheet: data.lastSheet,
    files: links.parts.map((part) => ({
      label: t.portal.stamps.part(part.part, part.firstSheet, part.lastSheet),
      href: part.href,
    })),
    csvHref: links.csvHref,
    pinsKeptUntil: earliestExpiry ? formatInstant(earliestExpiry) : null,
    pinsMissing: !pinsCover(batch.withPin, data.pinFiles, 1, data.lastSheet, now),
    replaceable: replaceableCount(counts.void, counts.issued + counts.active + counts.void, batch.quantity),
    linkMinutes: PRINT_LINK_TTL_SECONDS / 60,
  };
}
