import { chromium } from "@playwright/test";
import { ensureChromium } from "../test-support/ensure-chromium";

/** Loads a page in headless Debian chromium with the session cookie and returns what a user would read; `screenshot` keeps a PNG of it. */
export async function pageTextInBrowser(url: string, cookie: string, screenshot?: string): Promise<{ status: number; text: string; html: string }> {
  const browser = await chromium.launch({ executablePath: ensureChromium(), args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"] });
  try {
    // The session's cookie header as it is (it may carry __Host-/__Secure- names a cookie jar would refuse on http).
    const context = await browser.newContext({ extraHTTPHeaders: { cookie } });
    const page = await context.newPage();
    const response = await page.goto(url, { waitUntil: "networkidle" });
    if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
    return { status: response?.status() ?? 0, text: (await page.locator("body").innerText()).replace(/\s+/g, " "), html: await page.content() };
  } finally {
    await browser.close();
  }
}
