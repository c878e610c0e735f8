import { readFileSync } from "node:fs";
import { expect, signInAndSaveRole, test as setup } from "./fixtures";
import { SAVED_ROLE_NAMES, storageStatePath } from "./support/roles";

const SESSION_COOKIE = "__Secure-authjs.session-token";

// The setup project (playwright.config.ts): one saved login per role, used by the patient, doctor and admin fixtures.
for (const role of SAVED_ROLE_NAMES) {
  setup(`sign in as the demo ${role} and save the session`, async ({ user }) => {
    await signInAndSaveRole(user, role);
    const saved = JSON.parse(readFileSync(storageStatePath(role), "utf8")) as { cookies: { name: string; httpOnly: boolean }[] };
    expect(saved.cookies.filter((cookie) => cookie.name === SESSION_COOKIE && cookie.httpOnly)).toHaveLength(1);
  });
}
