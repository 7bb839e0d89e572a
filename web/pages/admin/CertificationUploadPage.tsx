import type { FieldIssue } from '../../../worker/domain/errors';
import type { PageContext } from '../../page-context';
import { AdminShell, CsrfField } from './AdminShell';

export type UploadSource = 'file' | 'rows';

export interface UploadFailure {
  /** Which input the problem is shown beside. */
  source: UploadSource;
  issues: FieldIssue[];
  /** The file itself was refused (encoding, quoting, header, size), so no row was read. */
  wholeFile: boolean;
  /** The pasted text, shown again so it can be fixed. */
  pasted: string;
}

interface CertificationUploadPageProps {
  ctx: PageContext;
  csrfToken: string;
  limits: { megabytes: number; rows: number };
  failed?: UploadFailure | undefined;
}

/** Issues named after a form input need no name; the rest name a column or a line of the file. */
const UNNAMED_FIELDS = new Set(['file', 'rows', 'body']);

function Problem({ source, failed }: { source: UploadSource; failed?: UploadFailure | undefined }) {
  if (failed?.source !== source) return null;
  return (
    <div class="field-error" id={`${source}-error`}>
      <ul>
        {failed.issues.map((issue) => (
          <li>
            {UNNAMED_FIELDS.has(issue.field) ? null : (
              <>
                <code>{issue.field}</code>:{' '}
              </>
            )}
            {issue.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function CertificationUploadPage({ ctx, csrfToken, limits, failed }: CertificationUploadPageProps) {
  const { t } = ctx;
  const tu = t.adminCertifications.upload;
  const invalid = (source: UploadSource) => failed?.source === source;
  return (
    <AdminShell ctx={ctx} role="admin" section="certificationUpload" title={tu.title}>
      {failed ? (
        <div class="error-summary" role="alert" tabindex={-1} autofocus>
          <p>
            <a href={`#${failed.source}`}>{failed.wholeFile ? tu.fileProblem : t.errors.codes.validation_failed}</a>
          </p>
        </div>
      ) : null}
      <p>{tu.intro}</p>
      <p>{tu.limits(limits.megabytes, limits.rows)}</p>
      <h2>{tu.templates}</h2>
      <ul>
        <li>
          <a href="/examples/certifications.csv" download>
            {tu.templateEn}
          </a>
        </li>
        <li>
          <a href="/examples/certifications-vi.csv" download>
            {tu.templateVi}
          </a>
        </li>
      </ul>
      <form method="post" action="/admin/certifications/upload" enctype="multipart/form-data" class="admin-form">
        <CsrfField token={csrfToken} />
        <div class={invalid('file') ? 'field field-invalid' : 'field'}>
          <label for="file">{tu.file}</label>
          <input
            id="file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby={invalid('file') ? 'file-error' : undefined}
            aria-invalid={invalid('file') ? 'true' : undefined}
          />
          <Problem source="file" failed={failed} />
        </div>
        <div class={invalid('rows') ? 'field field-invalid' : 'field'}>
          <label for="rows">{tu.rows}</label>
          <p class="hint" id="rows-hint">
            {tu.rowsHint}
          </p>
          <textarea
            id="rows"
            name="rows"
            rows={8}
            spellcheck={false}
            aria-describedby={invalid('rows') ? 'rows-hint rows-error' : 'rows-hint'}
            aria-invalid={invalid('rows') ? 'true' : undefined}
          >
            {failed?.pasted ?? ''}
          </textarea>
          <Problem source="rows" failed={failed} />
        </div>
        <button type="submit" class="button">
          {tu.submit}
        </button>
      </form>
    </AdminShell>
  );
}
