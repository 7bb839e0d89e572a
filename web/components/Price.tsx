import { formatVnd } from '../../worker/domain/money';
import { unitLabel } from '../format';
import type { Messages } from '../messages';

interface PriceProps {
  t: Messages;
  price: number | null;
  unit: string;
}

export function Price({ t, price, unit }: PriceProps) {
  if (price === null) return <span class="price">{t.product.priceOnRequest}</span>;
  return (
    <span class="price">
      <data value={String(price)}>{formatVnd(price)}</data>{' '}
      <span class="unit">{t.product.perUnit(unitLabel(t, unit))}</span>
    </span>
  );
}
