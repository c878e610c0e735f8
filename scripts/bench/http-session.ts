/** Signing in over HTTP as the login form does: Auth.js's CSRF token, then its credentials callback. */

export interface HttpSession {
  url: string;
  email: string;
  /** The Cookie header to send: CSRF cookie and session token. */
  cookie: string;
}

export function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

export async function signIn(url: string, email: string, password: string): Promise<HttpSession> {
  const csrfResponse = await fetch(`${url}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const csrfCookies = cookiesOf(csrfResponse);
  const response = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookies.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password }),
  });
  await response.arrayBuffer();
  // Production cookies carry a __Secure- prefix, so match the name anywhere.
  const session = cookiesOf(response).filter((c) => /authjs\.session-token=/.test(c));
  if (session.length === 0) throw new Error(`sign-in failed (HTTP ${response.status})`);
  return { url, email, cookie: [...csrfCookies, ...session].join("; ") };
}
