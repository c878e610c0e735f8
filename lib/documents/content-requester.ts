import "server-only";
import type { Actor } from "@/lib/authz/actor";
import { actorForUser } from "@/lib/auth/actor-for-user";
import { currentActor } from "@/lib/auth/current-actor";
import { verifyContentLink } from "./content-link";

/**
 * Who asks for a document's bytes: the user a `?link=` token was signed for (FHIR clients follow
 * attachment URLs without our session cookie), else the session's user. Either way the actor is loaded
 * fresh, so a suspended account gets nothing, and the document's access check still runs on this
 * request. A link that is present but invalid, expired or made for another document is refused outright
 * (null), never silently replaced by the session.
 */
export async function contentRequester(url: URL, documentId: string): Promise<Actor | null> {
  const link = url.searchParams.get("link");
  if (link === null) return currentActor();
  const userId = verifyContentLink(link, documentId);
  return userId ? actorForUser(userId) : null;
}
