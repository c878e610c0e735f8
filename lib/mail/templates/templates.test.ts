import { describe, expect, it } from "vitest";
import { MAIL_TEMPLATES, optionalCategoryOf, type MailTemplate } from "../categories";
import { renderMail, TemplateDataError } from ".";
import { escapeHtml, formatTimeInZone } from "./layout";

const appointment = { appointmentId: "0b0e6f3e-8a57-4a3c-9d3e-2f1f0c8e7a10", startsAt: "2030-03-05T13:30:00.000Z", timeZone: "America/New_York", doctorName: `<script>"x"</script>` };
const grant = { grantId: "7f2b1c1e-3d4a-4c5b-8e6f-9a0b1c2d3e4f" };
const samples: Record<MailTemplate, object> = {
  "account.verified": {},
  "account.rejected": {},
  "account.suspended": {},
  "appointment.booked": appointment,
  "appointment.cancelled": { ...appointment, doctorName: null },
  "appointment.rescheduled": appointment,
  "reminder.24h": appointment,
  "reminder.1h": appointment,
  "access.requested": { ...grant, doctorName: appointment.doctorName },
  "access.approved": grant,
  "access.denied": grant,
  "access.revoked": grant,
  "access.expiring": { ...grant, endsAt: appointment.startsAt, timeZone: "Asia/Tokyo" },
  "integrity.alert": { documentId: grant.grantId },
};

describe("mail templates", () => {
  it.each(Object.keys(MAIL_TEMPLATES) as MailTemplate[])("%s renders a subject, a text part and an escaped HTML part with one link", (template) => {
    const mail = renderMail(template, samples[template], "https://clinic.example");
    expect(mail.subject.length).toBeGreaterThan(5);
    expect(mail.text).toMatch(/: https:\/\/clinic\.example\//);
    expect(mail.html).toContain('<a href="https://clinic.example/');
    expect(mail.html).not.toContain("<script>");
    expect(`${mail.text}${mail.html}`).not.toMatch(/undefined|null|NaN|Invalid Date/);
  });

  it("states the time in the zone it names", () => {
    expect(formatTimeInZone(appointment.startsAt, "America/New_York")).toBe("Tuesday, 5 March 2030 at 08:30 (America/New_York)");
    expect(renderMail("reminder.1h", appointment, "https://clinic.example").text).toContain("08:30 (America/New_York)");
  });

  it("refuses data that lacks what the template needs", () => {
    expect(() => renderMail("reminder.24h", { ...appointment, appointmentId: undefined }, "https://clinic.example")).toThrow(TemplateDataError);
    expect(() => renderMail("access.requested", grant, "https://clinic.example")).toThrow(/doctorName/);
  });

  it("escapes the five HTML-significant characters", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });

  it("lets users turn off appointments, reminders and access mail, never account or integrity mail", () => {
    expect(optionalCategoryOf("reminder.1h")).toBe("reminders");
    expect(optionalCategoryOf("account.suspended")).toBeNull();
    expect(optionalCategoryOf("integrity.alert")).toBeNull();
  });
});
