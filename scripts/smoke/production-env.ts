/**
 * The complete environment of the smoke test's app and worker processes: nothing inherited from the
 * shell but what Node itself needs to run, so a variable the app reads but nobody set shows up as a
 * start-up failure here rather than in production.
 */
import { randomBytes } from "node:crypto";
import type { ServiceEndpoints } from "./services";

/** What a process needs from the host to run at all (finding `node`, a home and temp dir for caches). */
function hostBasics(): Record<string, string> {
  const basics: Record<string, string> = {};
  for (const name of ["PATH", "HOME", "TMPDIR", "LANG"]) {
    const value = process.env[name];
    if (value) basics[name] = value;
  }
  return basics;
}

/**
 * What an operator sets (deploy/.env.example): the services' endpoints plus the secrets and settings;
 * optional variables keep their defaults. A variable that becomes required in production (lib/env.ts,
 * e.g. SMTP_URL, MAIL_FROM, APP_URL for email) must be added here, or the app or worker refuses to start.
 */
export function productionEnv(services: ServiceEndpoints): Record<string, string> {
  return {
    ...hostBasics(),
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    // This machine runs Node 20; the AWS SDK's notice about its future Node 22 requirement is noise in the logs.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    ...services,
    S3_REGION: "us-east-1",
    S3_FORCE_PATH_STYLE: "true",
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    DOCUMENT_MASTER_KEY: randomBytes(32).toString("hex"),
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    MAIL_FROM: "MedAnchor <no-reply@smoke.medanchor.test>",
    // Links in mails only; the smoke run's journey queues none.
    APP_URL: "https://smoke.medanchor.test",
    // The smoke client talks to the app directly: no proxy whose X-Forwarded-For could be trusted.
    TRUSTED_PROXY_HOPS: "0",
  };
}
