import type { Actor } from "../auth/actor";
import { toRole } from "../auth/user-state";
import { queryWith, type SqlClient } from "../db/sql-client";

/**
 * The actor a job acts for when it enqueues more work: the user who created it. Jobs a job
 * starts belong to that user, so they show in that user's list and toasts. Takes pg-boss's pool
 * in the runner, which so never loads the Prisma client for it.
 */
export async function actorOf(db: SqlClient, userId: string): Promise<Actor> {
  const [user] = await queryWith<{ id: string; email: string; name: string; role: string }>(db)`
    SELECT id, email, name, role FROM "user" WHERE id = ${userId}`;
  if (!user) throw new Error(`User ${userId} no longer exists`);

  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: toRole(user.role),
    via: "session",
  };
}
