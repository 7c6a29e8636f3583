import type { Metadata } from "next";
import Link from "next/link";

import { AcceptInviteForm } from "@/components/auth/accept-invite-form";
import { AuthCard } from "@/components/auth/auth-card";
import { inviteIsValid } from "@/lib/auth/account-service";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Accept invite · Roadie", referrer: "no-referrer" };

/** An invitee sets their password. The link's secret never leaves in a Referer header. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  if (!(await inviteIsValid(token))) {
    return (
      <AuthCard title="This invite link does not work" intro="It was used already or has expired.">
        <Link href="/sign-in" className="underline">
          Go to sign-in
        </Link>
      </AuthCard>
    );
  }

  return (
    <AuthCard title="Join Roadie" intro="Choose a password to finish setting up your account.">
      <AcceptInviteForm token={token} />
    </AuthCard>
  );
}
