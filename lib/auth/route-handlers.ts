import "server-only";
import { handlers } from "./auth";

/** Auth.js's own endpoints (session, CSRF, sign-out); sign-in goes through our server action. */
export const { GET, POST } = handlers;
