"use server";

import { revalidatePath } from "next/cache";
import { currentActor } from "@/lib/auth/current-actor";
import { markNotificationsRead } from "@/lib/notifications/list-notifications";

export async function markNotificationsReadAction(): Promise<void> {
  await markNotificationsRead(await currentActor());
  // The bell lives in the root layout: refresh it along with the page.
  revalidatePath("/", "layout");
}
