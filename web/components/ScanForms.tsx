import type { FieldIssue } from '../../worker/domain/errors';
import type { Messages } from '../messages';
import type { PinResultView, ScanReportView } from '../pages/ScanPage';

function pinResultText(t: Messages, result: PinResultView): { text: string; tone: 'good' | 'warn' } {
  const m = t.scan.pin;
  switch (result.outcome) {
    case 'claimed':
      return { text: m.claimed, tone: 'good' };
    case 'already_claimed':
      return { text: m.alreadyClaimed(result.date, result.place), tone: 'warn' };
    case 'wrong':
      return { text: m.wrong(result.remaining), tone: 'warn' };
    case 'locked':
      return { text: m.locked(result.until), tone: 'warn' };
    case 'invalid':
      return { text: m.invalid, tone: 'warn' };
    case 'throttled':
      return { text: m.throttled(result.minutes), tone: 'warn' };
    case 'unavailable':
      return { text: m.unavailable, tone: 'warn' };
    default:
      return { text: m.noPin, tone: 'warn' };
  }
}

interface ScanPinFormProps {
  t: Messages;
  action: string;
  /** False shows only the result: the stamp takes no PIN. */
  offered: boolean;
  result: PinResultView | null;
}

/** "Enter the code under the silver layer": a plain form posted to the stamp URL itself. */
export function ScanPinForm({ t, action, offered, result }: ScanPinFormProps) {
  const shown = result ? pinResultText(t, result) : null;
  return (
    <section id="pin" aria-labelledby="pin-title">
      <h2 id="pin-title">{t.scan.pin.title}</h2>
      {offered ? <p>{t.scan.pin.intro}</p> : null}
      {shown ? (
        <p class={`note ${shown.tone}`} role="status">
          {shown.text}
        </p>
      ) : null}
      {offered ? (
        <form method="post" action={`${action}#pin`}>
          <input type="hidden" name="form" value="pin" />
          <label for="pin-code">{t.scan.pin.label}</label>
          <p class="hint" id="pin-hint">
            {t.scan.pin.hint}
          </p>
          <input
            id="pin-code"
            name="pin"
            required
            maxlength={20}
            autocomplete="off"
            autocapitalize="characters"
            spellcheck={false}
            aria-describedby="pin-hint"
            aria-invalid={result?.outcome === 'invalid' ? 'true' : undefined}
          />
          <button type="submit">{t.scan.pin.submit}</button>
        </form>
      ) : null}
    </section>
  );
}

const issueFor = (issues: FieldIssue[], field: string) => issues.find((issue) => issue.field === field)?.message;

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p class="error" id={id}>
      {message}
    </p>
  ) : null;
}

interface ScanReportFormProps {
  t: Messages;
  action: string;
  report: ScanReportView;
  maxPhotoMegabytes: number;
}

/** A suspected fake, told to the producer and to the authorities; the photo is optional. */
export function ScanReportForm({ t, action, report, maxPhotoMegabytes }: ScanReportFormProps) {
  const m = t.scan.reportForm;
  const message = issueFor(report.issues, 'message');
  const contact = issueFor(report.issues, 'contact');
  const photo = issueFor(report.issues, 'photo');
  const labels: Record<string, string> = { message: m.message, contact: m.contact, photo: m.photo };
  return (
    <section id="report" aria-labelledby="report-title">
      <h2 id="report-title">{m.title}</h2>
      {report.sent ? (
        <p class="note good" role="status">
          {m.sent}
        </p>
      ) : (
        <>
          {report.issues.length > 0 ? (
            // The page comes back at #report; the summary is first there and takes the focus.
            <div class="note warn" role="alert" tabindex={-1} autofocus>
              <p>{m.notSent}</p>
              <ul>
                {report.issues.map((issue) => {
                  const label = labels[issue.field];
                  return (
                    <li>
                      {label ? (
                        <>
                          <a href={`#report-${issue.field}`}>{label}</a>:{' '}
                        </>
                      ) : null}
                      {issue.message}
                    </li>
                  );
                })}
              </ul>
            </div>
          ) : null}
          <p>{m.intro}</p>
          {report.throttledMinutes ? (
            <p class="note warn" role="status">
              {m.throttled(report.throttledMinutes)}
            </p>
          ) : null}
          <form method="post" action={`${action}#report`} enctype="multipart/form-data">
            <input type="hidden" name="form" value="report" />
            <label for="report-message">{m.message}</label>
            <FieldError id="report-message-error" message={message} />
            <textarea
              id="report-message"
              name="message"
              rows={4}
              required
              maxlength={2000}
              aria-invalid={message ? 'true' : undefined}
              aria-describedby={message ? 'report-message-error' : undefined}
            >
              {report.values.message}
            </textarea>
            <label for="report-contact">{m.contact}</label>
            <p class="hint" id="report-contact-hint">
              {m.contactHint}
            </p>
            <FieldError id="report-contact-error" message={contact} />
            <input
              id="report-contact"
              name="contact"
              maxlength={200}
              autocomplete="tel"
              value={report.values.contact}
              aria-invalid={contact ? 'true' : undefined}
              aria-describedby={contact ? 'report-contact-error' : 'report-contact-hint'}
            />
            <label for="report-photo">{m.photo}</label>
            <p class="hint" id="report-photo-hint">
              {m.photoHint(maxPhotoMegabytes)}
            </p>
            <FieldError id="report-photo-error" message={photo} />
            <input
              id="report-photo"
              name="photo"
              type="file"
              accept="image/jpeg,image/png,image/webp"
              aria-invalid={photo ? 'true' : undefined}
              aria-describedby={photo ? 'report-photo-error' : 'report-photo-hint'}
            />
            <button type="submit" class="button alert">
              {m.submit}
            </button>
          </form>
        </>
      )}
    </section>
  );
}
