import Link from "next/link";

import { SignOutButton } from "@/components/auth/sign-out-button";

const MENU = [
  "absolute right-0 z-20 mt-1 flex w-56 flex-col gap-1 rounded-md border border-zinc-200",
  "bg-white p-2 text-sm shadow-lg dark:border-zinc-800 dark:bg-zinc-900",
].join(" ");

interface UserMenuProps {
  name: string;
  email: string;
  role: "admin" | "member";
}

/** The signed-in user's name; opens to settings and sign out. Works without JavaScript. */
export function UserMenu({ name, email, role }: UserMenuProps) {
  return (
    <details className="relative">
      <summary
        aria-label="Account menu"
        className={[
          "flex cursor-pointer list-none items-center gap-1 rounded-md px-2 py-1",
          "text-sm hover:bg-zinc-200 dark:hover:bg-zinc-800",
        ].join(" ")}
      >
        <span className="max-w-32 truncate">{name}</span>
        <span aria-hidden>▾</span>
      </summary>
      <div className={MENU}>
        <p className="truncate px-3 text-zinc-600 dark:text-zinc-400">{email}</p>
        <p className="px-3 text-xs text-zinc-500">
          {role === "admin" ? "Administrator" : "Member"}
        </p>
        <Link
          href="/settings/tokens"
          className="rounded-md px-3 py-1.5 hover:bg-zinc-200 dark:hover:bg-zinc-800"
        >
          Settings
        </Link>
        <SignOutButton />
      </div>
    </details>
  );
}
