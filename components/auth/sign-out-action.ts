"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";

import { getAuth } from "@/lib/auth/auth";

/**
 * Ends the session in the database and clears the cookie (better-auth's nextCookies plugin
 * copies the expiring Set-Cookie into this action's response). Next checks a server action's
 * Origin against the host, so other sites cannot sign users out.
 */
export async function signOutAction(): Promise<void> {
  await getAuth()
    .api.signOut({ headers: await headers() })
    .catch(() => undefined);
  redirect("/sign-in");
}
