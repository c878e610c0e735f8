import "server-only";

/**
 * Messages to an address that has no account yet (a patient invitation). Mail to users goes through the
 * outbox (lib/mail/outbox.ts), written in the transaction of the change it reports; this interface
 * stays for invitations until they get an outbox of their own (the outbox keys mail to a user id). The
 * default notifier delivers nothing; variables carry ids only, never names or health details.
 */
export interface Notification {
  kind: "patient_invitation";
  recipientUserId?: string;
  recipientEmail?: string;
  /** Template variables; rendered by the mail implementation. */
  variables: Record<string, string>;
}

export interface Notifier {
  send(notification: Notification): Promise<void>;
}

class DeferredNotifier implements Notifier {
  async send(): Promise<void> {
    // Nothing to deliver without a mail transport; in-app screens show everything the message would say.
  }
}

let notifier: Notifier = new DeferredNotifier();

export function notify(notification: Notification): Promise<void> {
  return notifier.send(notification);
}

/** Swaps the transport (a mail notifier in production, a recording one in tests). */
export function useNotifier(replacement: Notifier): void {
  notifier = replacement;
}
