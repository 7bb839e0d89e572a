/**
 * How a one-time link reaches its recipient. No e-mail or SMS service is
 * assumed: the default shows the link to the administrator who made it, to
 * pass on by Zalo, phone or in person. A sender that really delivers (e-mail,
 * SMS) implements the same interface and reports `delivered`.
 */
import type { Delivery, InvitationPurpose } from '../domain/invitation';

export interface InvitationMessage {
  purpose: InvitationPurpose;
  /** Absolute URL of the link, token included. */
  link: string;
  email: string | null;
  phone: string | null;
  expiresAt: string;
}

export interface InvitationSender {
  send(message: InvitationMessage): Promise<Delivery>;
}

export const showLinkToAdmin: InvitationSender = {
  async send(message) {
    return { kind: 'show_to_admin', link: message.link };
  },
};

/** The sender in use; an e-mail sender plugs in here when the platform gets one. */
export const invitationSender = (): InvitationSender => showLinkToAdmin;
