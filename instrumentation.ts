/**
 * Runs once when a server instance starts. On Node.js it validates the environment, so a production
 * server with a missing or malformed variable stops with one line naming it (see lib/startup).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./lib/startup/validate-env");
}
