import Link from "next/link";

import type { Actor } from "@/lib/auth/actor";

import { ActivityIndicator } from "./activity-indicator";
import { MainNav } from "./main-nav";
import { UserMenu } from "./user-menu";

const ROW = "mx-auto flex w-full max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3";

/** The header of every signed-in page: name, sections, live job counts and the user menu. */
export function AppHeader({ actor }: { actor: Actor }) {
  return (
    <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <div className={ROW}>
        <Link href="/jobs" className="text-lg font-semibold">
          Roadie
        </Link>
        <div className="order-last w-full md:order-none md:w-auto">
          <MainNav />
        </div>
        <div className="ml-auto flex min-w-0 items-center gap-2">
          <ActivityIndicator />
          <UserMenu name={actor.name} email={actor.email} role={actor.role} />
        </div>
      </div>
    </header>
  );
}
