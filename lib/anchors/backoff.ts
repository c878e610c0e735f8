/** Exponential backoff for an outbox row that could not be sent: 2 s, 4 s, 8 s, ... at most 5 minutes. */
export function nextAttemptAt(attempts: number, now = new Date()): Date {
  return new Date(now.getTime() + Math.min(2 ** Math.max(1, attempts) * 1000, 5 * 60_000));
}
