/** Confirmations shown after an appointment action redirects back (`?notice=`). */
export const DOCTOR_NOTICES: Record<string, string> = {
  completed: "Visit marked completed.",
  "no-show": "Visit marked as a no-show.",
  cancelled: "Appointment cancelled. The patient has been notified and sees your reason.",
};
