/** The bounds of a doctor's schedule, shared by validation, forms and tests. */
export const SLOT_MINUTES = { min: 10, max: 120 } as const;
export const BUFFER_MINUTES = { min: 0, max: 120 } as const;
export const MIN_NOTICE_MINUTES = { min: 0, max: 10_080 } as const;
export const HORIZON_DAYS = { min: 1, max: 365 } as const;
export const MAX_WEEKLY_RULES = 20;
/** Exceptions can be planned up to a year ahead, the longest booking horizon. */
export const EXCEPTION_MAX_DAYS_AHEAD = 365;
/** Keeps the list readable and a runaway client from filling the table. */
export const MAX_UPCOMING_EXCEPTIONS = 100;
export const NOTE_MAX_LENGTH = 200;
export const PREVIEW_DAYS = { min: 1, max: 14, default: 7 } as const;

/** The choices the forms offer; the services accept any whole number within the bounds above. */
export const SLOT_LENGTH_CHOICES = [10, 15, 20, 30, 45, 60, 90, 120] as const;
export const BUFFER_CHOICES = [0, 5, 10, 15, 20, 30, 45, 60, 90, 120] as const;
