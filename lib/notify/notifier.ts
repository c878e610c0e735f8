import "server-only";

/**
 * Outgoing messages to people (mail, later). Services call notify() after their change committed; the
 * in-app bell reads its own rows (lib/notifications). No mail server is needed yet: the default notifier
 * delivers nothing. A mail implementation replaces it behind this interface without touching the
 * services that notify; variables carry ids only, never names or health details.
 */
export interface Notification {
  kind: "patient_invitation" | "doctor_verified" | "doctor_rejected" | "doctor_suspended" | "appointment_booked" | "appointment_cancelled" | "appointment_rescheduled";
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
