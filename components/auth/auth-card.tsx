import type { ReactNode } from "react";

/** The narrow centred card of the sign-in, setup and invite pages (fits 375 px screens). */
export function AuthCard({
  title,
  intro,
  children,
}: {
  title: string;
  intro?: string;
  children: ReactNode;
}) {
  return (
    <main className="mx-auto flex min-h-screen w-full max-w-sm flex-col justify-center px-4 py-10">
      <h1 className="text-2xl font-semibold">{title}</h1>
      {intro ? <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{intro}</p> : null}
      <div className="mt-6">{children}</div>
    </main>
  );
}
