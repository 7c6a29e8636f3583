import { redirect } from "next/navigation";

import { requireActor } from "@/lib/auth/current-actor";

export const dynamic = "force-dynamic";

/** Signed-in users land on their jobs; others go to sign-in (or first-run setup). */
export default async function HomePage() {
  await requireActor();
  redirect("/jobs");
}
