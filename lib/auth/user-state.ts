import type { Actor } from "./actor";

/** The fields of a user row that decide whether it may act, whatever read them. */
export interface UserState {
  role?: string | null;
  banned?: boolean | null;
  banExpires?: Date | string | null;
}

/**
 * Disabled means banned with no end, or with an end still ahead. The columns follow
 * better-auth's admin shape (banned, banExpires) so a timed ban can be added without a migration.
 */
export function isDisabled(user: UserState, now = new Date()): boolean {
  if (user.banned !== true) return false;
  if (!user.banExpires) return true;

  return new Date(user.banExpires).getTime() > now.getTime();
}

/** Any role other than admin acts as a member: an unexpected value never grants more. */
export function toRole(role: string | null | undefined): Actor["role"] {
  return role === "admin" ? "admin" : "member";
}
