/**
 * One layout for every mail: a few plain sentences and one link into the app. Templates return this
 * structure and never write markup themselves, so every variable is escaped in exactly one place.
 */
export interface MailContent {
  subject: string;
  paragraphs: string[];
  action: { label: string; path: string };
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

const FOOTER = "You get this message because you have a MedAnchor account. Choose which messages you get on your account page.";

export function renderLayout(content: MailContent, appUrl: string): RenderedMail {
  const link = new URL(content.action.path, appUrl).toString();
  const accountLink = new URL("/account", appUrl).toString();
  const text = [...content.paragraphs, `${content.action.label}: ${link}`, `--\n${FOOTER} ${accountLink}`].join("\n\n");
  const html = [
    "<!doctype html>",
    '<html lang="en"><body style="font-family: system-ui, sans-serif; color: #0f172a; max-width: 36rem;">',
    ...content.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    `<p><a href="${escapeHtml(link)}">${escapeHtml(content.action.label)}</a></p>`,
    `<hr><p style="font-size: 0.8em; color: #475569;">${escapeHtml(FOOTER)} <a href="${escapeHtml(accountLink)}">Your account</a></p>`,
    "</body></html>",
  ].join("\n");
  return { subject: content.subject, text, html };
}

/** "Tuesday 3 March 2026, 14:30 (Europe/Amsterdam)": the zone is always named, since sender and reader may live in different ones. */
export function formatTimeInZone(iso: string, timeZone: string): string {
  const formatted = new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "long", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit" }).format(new Date(iso));
  return `${formatted} (${timeZone})`;
}
