import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { AuthCard } from "@/components/auth/auth-card";
import { SetupForm } from "@/components/auth/setup-form";
import { isFirstRun } from "@/lib/auth/account-service";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Set up Roadie" };

/** First run only: create the first administrator. Afterwards this page sends to sign-in. */
export default async function SetupPage() {
  if (!(await isFirstRun())) redirect("/sign-in");

  return (
    <AuthCard
      title="Welcome to Roadie"
      intro="Create the administrator account. You can add more users afterwards."
    >
      <SetupForm />
    </AuthCard>
  );
}
