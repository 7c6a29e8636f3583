import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { isFirstRun } from "@/lib/auth/account-service";
import { currentActor } from "@/lib/auth/current-actor";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in · Roadie" };

/** Only same-site paths are followed after sign-in, never another host. */
function safeNext(next: string | string[] | undefined): string {
  const value = Array.isArray(next) ? next[0] : next;

  return value && value.startsWith("/") && !value.startsWith("//") ? value : "/";
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
      <SignInForm next={next} />
    </AuthCard>
  );
}
