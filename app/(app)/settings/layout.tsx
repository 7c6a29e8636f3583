import Link from "next/link";
import type { ReactNode } from "react";

import { requireActor } from "@/lib/auth/current-actor";

export const dynamic = "force-dynamic";

/**
 * Settings pages, inside the app shell: a tab row for the settings sections (Users for
 * administrators only). The shell's layout has already required a signed-in user.
 */
export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();

  return (
    <div className="mx-auto w-full max-w-3xl">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <nav aria-label="Settings" className="flex gap-4 text-sm">
          {actor.role === "admin" ? (
            <Link href="/settings/users" className="underline-offset-4 hover:underline">
              Users
            </Link>
          ) : null}
          <Link href="/settings/tokens" className="underline-offset-4 hover:underline">
            API tokens
          </Link>
        </nav>
      </header>
      <div className="mt-6">{children}</div>
    </div>
  );
}
