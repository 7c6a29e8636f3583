"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/artists", label: "Artists" },
  { href: "/videos", label: "Videos" },
  { href: "/playlists", label: "Playlists" },
  { href: "/jobs", label: "Jobs" },
  { href: "/settings/tokens", label: "Settings", section: "/settings" },
];

/** The app's sections; the current one is marked for screen readers too. */
export function MainNav() {
  const pathname = usePathname();

  return (
    <nav aria-label="Main" className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
      {LINKS.map((link) => {
        const section = link.section ?? link.href;
        const current = pathname === section || pathname.startsWith(`${section}/`);

        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={current ? "page" : undefined}
            className={[
              "py-1 text-zinc-600 underline-offset-4 hover:underline",
              "aria-[current=page]:font-semibold aria-[current=page]:text-zinc-900",
              "dark:text-zinc-400 dark:aria-[current=page]:text-zinc-100",
            ].join(" ")}
          >
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
