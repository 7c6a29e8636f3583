import type { ReactNode } from "react";

import { AppHeader } from "@/components/shell/app-header";
import { requireActor } from "@/lib/auth/current-actor";

export const dynamic = "force-dynamic";

/** Signed-in pages: the header with navigation, live job counts and the user menu. */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();

  return (
    <>
      <AppHeader actor={actor} />
      <main className="mx-auto w-full max-w-6xl px-4 py-6">{children}</main>
    </>
  );
}
