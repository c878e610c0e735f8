/**
 * Every mail MedAnchor sends, and the preference category that switches it off. Account decisions and
 * integrity alerts have no switch: a doctor must learn that their account changed, and an administrator
 * that stored records no longer match their fingerprints, whatever they chose for the rest.
 */
export const MAIL_TEMPLATES = {
  "account.verified": "account",
  "account.rejected": "account",
  "account.suspended": "account",
  "appointment.booked": "appointments",
  "appointment.cancelled": "appointments",
  "appointment.rescheduled": "appointments",
  "reminder.24h": "reminders",
  "reminder.1h": "reminders",
  "access.requested": "access",
  "access.approved": "access",
  "access.denied": "access",
  "access.revoked": "access",
  "access.expiring": "access",
  "integrity.alert": "integrity",
} as const satisfies Record<string, "account" | "appointments" | "reminders" | "access" | "integrity">;

export type MailTemplate = keyof typeof MAIL_TEMPLATES;

/** The categories a user may turn off; the columns of mail_preferences. */
export const OPTIONAL_MAIL_CATEGORIES = ["appointments", "reminders", "access"] as const;
export type OptionalMailCategory = (typeof OPTIONAL_MAIL_CATEGORIES)[number];

export type MailPreferences = Record<OptionalMailCategory, boolean>;

/** No row in mail_preferences means everything is on. */
export const DEFAULT_MAIL_PREFERENCES: MailPreferences = { appointments: true, reminders: true, access: true };

export function optionalCategoryOf(template: MailTemplate): OptionalMailCategory | null {
  const category = MAIL_TEMPLATES[template];
  return (OPTIONAL_MAIL_CATEGORIES as readonly string[]).includes(category) ? (category as OptionalMailCategory) : null;
}
