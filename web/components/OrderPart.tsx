import type { OrderPartView } from '../order-views';
import type { PageContext } from '../page-context';
import { QrCode } from './QrCode';

interface OrderPartProps {
  ctx: PageContext;
  part: OrderPartView;
  /** Where the action forms post (with a `to` field); none when the viewer may not act. */
  actionPath?: string | undefined;
  csrfToken?: string | undefined;
  /** The part has a page of its own (portal, staff) and this is a summary of it. */
  href?: string | undefined;
}

/** One producer's part of an order: state, delivery, lines, how to pay it, history and the next steps. */
export function OrderPart({ ctx, part, actionPath, csrfToken, href }: OrderPartProps) {
  const { t } = ctx;
  const o = t.order;
  const id = `part-${part.number}`;
  return (
    <section class="order-part panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {href ? <a href={href}>{o.part(part.number, part.producerName)}</a> : o.part(part.number, part.producerName)}
      </h2>
      <p>
        <span class={`status status-${part.status}`}>{part.statusLabel}</span>
      </p>
      <dl class="facts">
        <dt>{o.reference}</dt>
        <dd>
          <code>{part.reference}</code>
        </dd>
        <dt>{o.delivery}</dt>
        <dd>{part.delivery}</dd>
        {part.shipment ? (
          <>
            <dt>{o.carrier}</dt>
            <dd>{part.shipment}</dd>
          </>
        ) : null}
        {part.producerContact ? (
          <>
            <dt>{o.contact}</dt>
            <dd>{part.producerContact}</dd>
          </>
        ) : null}
        {part.paymentDeadline ? (
          <>
            <dt>{t.order.payment}</dt>
            <dd>{o.deadline(part.paymentDeadline)}</dd>
          </>
        ) : null}
        {part.received ? (
          <>
            <dt>{t.order.payment}</dt>
            <dd>{o.received(part.received)}</dd>
          </>
        ) : null}
      </dl>
      <table class="order-lines">
        <caption class="visually-hidden">{o.lines}</caption>
        <thead>
          <tr>
            <th scope="col">{o.lines}</th>
            <th scope="col" class="num">
              {o.quantity}
            </th>
            <th scope="col" class="num">
              {o.amount}
            </th>
          </tr>
        </thead>
        <tbody>
          {part.lines.map((line) => (
            <tr>
              <td>
                {line.name}
                <br />
                <span class="muted">{line.unitPrice}</span>
              </td>
              <td class="num">{line.quantity}</td>
              <td class="num">{line.lineTotal}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colspan={2}>
              {o.shipping}
            </th>
            <td class="num">{part.shippingFee}</td>
          </tr>
          <tr>
            <th scope="row" colspan={2}>
              {o.total}
            </th>
            <td class="num">
              <strong>{part.total}</strong>
            </td>
          </tr>
        </tfoot>
      </table>

      {part.transfer ? (
        <div class="transfer" aria-labelledby={`${id}-transfer`}>
          <h3 id={`${id}-transfer`}>{o.transferTitle}</h3>
          <p class="hint">{o.transferIntro}</p>
          <QrCode qr={part.transfer.qr} label={o.qrLabel(part.transfer.reference, part.transfer.amount)} />
          <dl class="facts transfer-facts">
            <dt>{o.bank}</dt>
            <dd>{part.transfer.bank}</dd>
            <dt>{o.accountNumber}</dt>
            <dd>
              <code class="copy">{part.transfer.accountNumber}</code>
            </dd>
            <dt>{o.accountName}</dt>
            <dd>{part.transfer.accountName}</dd>
            <dt>{o.transferAmount}</dt>
            <dd>
              <code class="copy">{part.transfer.amountDigits}</code> ({part.transfer.amount})
            </dd>
            <dt>{o.transferContent}</dt>
            <dd>
              <code class="copy">{part.transfer.reference}</code>
            </dd>
          </dl>
          <details>
            <summary>{o.payload}</summary>
            <code class="copy payload">{part.transfer.payload}</code>
          </details>
        </div>
      ) : null}

      {actionPath && csrfToken && part.actions.length > 0 ? (
        <div class="part-actions">
          {part.actions.map((action) => (
            <form method="post" action={actionPath} class="part-action">
              <input type="hidden" name="_csrf" value={csrfToken} />
              <input type="hidden" name="to" value={action.to} />
              {action.needsShipment ? (
                <>
                  <div class="field">
                    <label for={`${id}-carrier`}>{o.carrier}</label>
                    <input id={`${id}-carrier`} name="carrier" required autocomplete="off" />
                  </div>
                  <div class="field">
                    <label for={`${id}-tracking`}>{o.trackingNumber}</label>
                    <input id={`${id}-tracking`} name="trackingNumber" required autocomplete="off" />
                  </div>
                </>
              ) : null}
              <button
                type="submit"
                class={action.to === 'cancelled' || action.to === 'refunded' ? 'button-danger' : undefined}
              >
                {action.label}
              </button>
            </form>
          ))}
        </div>
      ) : null}

      {part.events.length > 0 ? (
        <details class="part-history">
          <summary>{o.history}</summary>
          <ol>
            {part.events.map((event) => (
              <li>
                <span class="muted">{event.when}</span> {event.text}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </section>
  );
}
