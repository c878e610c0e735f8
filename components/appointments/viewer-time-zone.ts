"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
const unknownOnServer = () => null;

/**
 * The viewer's IANA time zone, from the browser. Null while rendering on the server and during
 * hydration (the server cannot know it), so times appear once the page runs in the browser, without a
 * hydration mismatch.
 */
export function useViewerTimeZone(): string | null {
  return useSyncExternalStore(noSubscription, browserZone, unknownOnServer);
}
