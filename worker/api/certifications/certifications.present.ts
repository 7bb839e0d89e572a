import type { Messages } from '../../../web/messages';
import type { IngestResult } from '../../data/certification-ingest';

export function presentIngestReport(results: IngestResult[], form: 'csv' | 'json', t: Messages) {
  const summary = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  for (const result of results) summary[result.outcome] += 1;
  return {
    summary,
    results: results.map((result) => ({
      ...(form === 'csv' ? { row: result.position } : { index: result.position }),
      outcome: result.outcome,
      ...(result.product ? { product: result.product } : {}),
      ...(result.issues
        ? {
            errors: result.issues.map((issue) => ({
              field: issue.field,
              code: issue.rule,
              message: t.ingest.rules[issue.rule](issue.params ?? {}),
            })),
          }
        : {}),
      ...(result.notices
        ? {
            notices: result.notices.map((notice) => ({
              field: notice.field,
              code: notice.notice,
              message: t.ingest.notices[notice.notice](notice.params ?? {}),
            })),
          }
        : {}),
    })),
  };
}
