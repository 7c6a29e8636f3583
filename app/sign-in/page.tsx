import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { isFirstRun } from "@/lib/auth/account-service";
import { currentActor } from "@/lib/auth/current-actor";
import { demoMode } from "@/lib/auth/demo-sign-in";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in · Roadie" };

/** Only same-site paths are followed after sign-in, never another host. */
function safeNext(next: string | string[] | undefined): string {
  const value = Array.isArray(next) ? next[0] : next;

  // "//host" and "/\\host" are read by browsers as another host.
  return value && /^\/(?![/\\])/.test(value) ? value : "/";
}

interface SignInPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function SignInPage({ searchParams }: SignInPageProps) {
  if (await isFirstRun()) redirect("/setup");
  const next = safeNext((await searchParams).next);
  if (await currentActor()) redirect(next);

  return (
    <AuthCard title="Sign in to Roadie">
      {demoMode() ? (
        // A route handler that sets the session cookie and redirects: a full request, not a page.
        // eslint-disable-next-line @next/next/no-html-link-for-pages
        <a
          href="/api/auth/demo"
          className="mb-4 block rounded-md border border-indigo-300 px-4 py-2 text-center text-sm"
        >
          Enter the demo without a password
        </a>
      ) : null}
      <SignInForm next={next} />
    </AuthCard>
  );
}
