import { expect, type FileChooser, type Locator, type Page } from "@playwright/test";
import type { UploadFile } from "./document-pages";

/**
 * Someone using the keyboard only: Tab and Shift+Tab between controls, Enter, Space and arrow keys to
 * act, typing into whatever has focus. Nothing here clicks or fills; the one step outside the page is the
 * operating system's file dialog, which `chooseFile` answers.
 */
export class KeyboardUser {
  constructor(readonly page: Page) {}

  /** What has focus now, as a person would name it (for failure messages and focus-order checks). */
  async focusedName(): Promise<string> {
    return this.page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return "(page)";
      const labelled = el.getAttribute("aria-label") ?? (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null);
      return `${el.tagName.toLowerCase()} ${(labelled ?? el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 60)}`;
    });
  }

  /**
   * Presses Tab (Shift+Tab backwards) until `target` has focus, at most `maxPresses` times, then checks
   * that the focus is shown (:focus-visible) on a control in view. Returns what had focus on the way.
   */
  async tabTo(target: Locator, { backwards = false, maxPresses = 40 } = {}): Promise<string[]> {
    const passed: string[] = [];
    for (let presses = 0; presses < maxPresses; presses++) {
      await this.page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
      if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) {
        await this.expectFocusShownOn(target);
        return passed;
      }
      passed.push(await this.focusedName());
    }
    throw new Error(`not reached with ${maxPresses} presses of ${backwards ? "Shift+Tab" : "Tab"}; focus went through: ${passed.join(" → ")}`);
  }

  /** One press of Tab (or Shift+Tab) must land exactly on `target`: the next stop in the focus order. */
  async tabToNext(target: Locator, { backwards = false } = {}) {
    await this.page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
    await this.expectFocusShownOn(target);
  }

  async expectFocusShownOn(target: Locator) {
    await expect(target).toBeFocused();
    expect(await target.evaluate((el) => el.matches(":focus-visible")), "focus is visible").toBe(true);
    await expect(target).toBeInViewport();
  }

  /**
   * Presses Tab `presses` times and checks focus never lands on the page outside `container` (a modal
   * dialog): it stays inside or, between its last and first stop, passes through the browser's own UI.
   */
  async tabAroundWithin(container: Locator, presses: number) {
    const handle = await container.elementHandle();
    for (let press = 1; press <= presses; press++) {
      await this.page.keyboard.press("Tab");
      const where = await this.page.evaluate((box) => {
        const el = document.activeElement;
        return !el || el === document.body ? "browser" : box?.contains(el) ? "inside" : "outside";
      }, handle);
      expect(where, `focus after Tab ${press}: ${await this.focusedName()}`).not.toBe("outside");
    }
  }

  /** Presses a key on the control that has focus, after checking it is `target`. */
  async pressOn(target: Locator, key: "Enter" | "Space" | "Escape" | "ArrowDown" | "ArrowRight" | "ArrowUp" | "ArrowLeft") {
    await expect(target).toBeFocused();
    await this.page.keyboard.press(key === "Space" ? " " : key);
  }

  /** Types into the control that has focus, after checking it is `target`. */
  async typeInto(target: Locator, text: string) {
    await expect(target).toBeFocused();
    await this.page.keyboard.type(text);
  }

  /** Opens the focused file input's dialog with Space and answers it with `file`. */
  async chooseFile(fileInput: Locator, file: UploadFile) {
    await expect(fileInput).toBeFocused();
    const [chooser]: [FileChooser, void] = await Promise.all([this.page.waitForEvent("filechooser"), this.page.keyboard.press(" ")]);
    await chooser.setFiles(file);
  }
}
