import type { Actor } from "../auth/actor";
import type { Db } from "../db/client";

/**
 * The actor a job acts for when it enqueues more work: the user who created it. Jobs a job
 * starts belong to that user, so they show in that user's list and toasts.
 */
export async function actorOf(db: Db, userId: string): Promise<Actor> {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) throw new Error(`User ${userId} no longer exists`);

  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role === "admin" ? "admin" : "member",
    via: "session",
  };
}
