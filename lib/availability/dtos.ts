/** What the availability services hand out: times of day as "HH:MM" in the doctor's zone, dates as "YYYY-MM-DD". */
export interface WeeklyRuleDto {
  id: string;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  start: string;
  /** "24:00" for a window that runs to midnight. */
  end: string;
  slotMinutes: number;
  bufferMinutes: number;
}

export type AvailabilityExceptionDto = { id: string; date: string; note: string } & (
  | { kind: "DAY_OFF" }
  | { kind: "EXTRA_HOURS"; start: string; end: string; slotMinutes: number; bufferMinutes: number }
);

export interface BookingSettingsDto {
  minNoticeMinutes: number;
  horizonDays: number;
}

export interface AvailabilityDto extends BookingSettingsDto {
  /** IANA zone every time of day above is expressed in. */
  timeZone: string;
  /** Today's date in that zone: the earliest date an exception can have. */
  today: string;
  /** Sorted by weekday, then start. */
  rules: WeeklyRuleDto[];
  /** From today (in the doctor's zone) on, sorted by date, then start. */
  exceptions: AvailabilityExceptionDto[];
}

export interface PreviewSlotDto {
  startsAt: Date;
  endsAt: Date;
  /** Local wall-clock times in the doctor's zone. */
  start: string;
  end: string;
}

export interface PreviewDayDto {
  date: string;
  dayOff: boolean;
  slots: PreviewSlotDto[];
}

export interface SlotPreviewDto {
  timeZone: string;
  /** One entry per local day from today, also for days without slots. */
  days: PreviewDayDto[];
}
