import type { QrView } from '../order-views';

interface QrCodeProps {
  qr: QrView;
  /** What the code holds, for people who cannot see it. */
  label: string;
}

/** Four light modules round the symbol, as ISO/IEC 18004 asks, so banking apps find its edges. */
const QUIET_ZONE = 4;

/** A QR code as SVG, one rectangle per run of dark modules: sharp at any size, no image request. */
export function QrCode({ qr, label }: QrCodeProps) {
  const side = qr.size + 2 * QUIET_ZONE;
  return (
    <svg
      class="qr-code"
      viewBox={`0 0 ${side} ${side}`}
      role="img"
      aria-label={label}
      shape-rendering="crispEdges"
      xmlns="http://www.w3.org/2000/svg"
    >
      <rect width={side} height={side} fill="#fff" />
      <path
        fill="#000"
        d={qr.runs
          .map((run) => `M${run.col + QUIET_ZONE} ${run.row + QUIET_ZONE}h${run.length}v1h-${run.length}z`)
          .join('')}
      />
    </svg>
  );
}
