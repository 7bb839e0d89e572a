import { formatNumber } from '../../worker/domain/numbers';
import { withParams } from '../href';
import type { PageContext } from '../page-context';

interface PaginationProps {
  ctx: PageContext;
  page: number;
  pageCount: number;
  /** Page numbers to link; null marks a gap (from pagerWindow). */
  window: (number | null)[];
}

export function Pagination({ ctx, page, pageCount, window }: PaginationProps) {
  const { t, url } = ctx;
  if (pageCount <= 1) return null;
  const href = (p: number) => withParams(url, { page: p === 1 ? undefined : p });
  return (
    <nav class="pagination" aria-label={t.catalogue.pagination}>
      <p class="muted">{t.catalogue.page(page, pageCount)}</p>
      <ul role="list">
        {page > 1 ? (
          <li>
            <a href={href(page - 1)} rel="prev">
              {t.catalogue.previous}
            </a>
          </li>
        ) : null}
        {window.map((p) =>
          p === null ? (
            <li aria-hidden="true">…</li>
          ) : (
            <li>
              {p === page ? (
                <a href={href(p)} aria-current="page">
                  {formatNumber(p)}
                </a>
              ) : (
                <a href={href(p)}>{formatNumber(p)}</a>
              )}
            </li>
          ),
        )}
        {page < pageCount ? (
          <li>
            <a href={href(page + 1)} rel="next">
              {t.catalogue.next}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
