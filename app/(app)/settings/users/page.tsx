import type { Metadata } from "next";

import { denyAccess } from "@/components/auth/access-denied";
import { UsersAdmin } from "@/components/settings/users-admin";
import { allUsers } from "@/lib/auth/account-service";
import { requireActor } from "@/lib/auth/current-actor";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Users · Roadie" };

/** Administrators manage users here; members are refused with 403. */
export default async function UsersPage() {
  const actor = await requireActor();
  if (actor.role !== "admin") return denyAccess();
  const users = await allUsers();
  const rows = users.map((u) => ({ ...u, createdAt: u.createdAt.toISOString() }));

  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">Users</h1>
      <UsersAdmin initialUsers={rows} selfId={actor.userId} />
    </>
  );
}
