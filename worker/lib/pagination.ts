import type { Messages } from '../../web/messages';
import { isPageOutOfRange, pageInfo, type PageInfo } from '../domain/catalogue';
import { AppError } from './errors';

/** Page facts for a result, refusing a page past the last one as bad input on the `page` field. */
export function checkedPageInfo(t: Messages, page: number, limit: number, total: number): PageInfo {
  const info = pageInfo(page, limit, total);
  if (isPageOutOfRange(info)) {
    throw new AppError('validation_failed', {
      issues: [{ field: 'page', message: t.errors.fields.pageOutOfRange(info.pageCount) }],
    });
  }
  return info;
}
