import { createHash, randomBytes, randomUUID } from "node:crypto";

import type { Db } from "../db/client";
import { AppError } from "../http/errors";
import { getAuth } from "./auth";
import { isDisabled } from "./user-state";

/** How long an invite link works. */
export const INVITE_DAYS = 7;
const PREFIX = "invite:";

const identifierFor = (token: string) =>
  PREFIX + createHash("sha256").update(token, "utf8").digest("hex");

/**
 * Stores an invite for a user without a password and answers its secret. The verification row
 * is keyed by the secret's hash, so a database reader cannot use pending invites.
 */
export async function createInvite(db: Db, userId: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITE_DAYS * 86_400_000);
  await db.verification.create({
    data: { id: randomUUID(), identifier: identifierFor(token), value: userId, expiresAt },
  });

  return token;
}

/** Which of these users have an invite that has not expired. */
export async function inviteStateFor(db: Db, userIds: string[]): Promise<Set<string>> {
  const rows = await db.verification.findMany({
    where: {
      identifier: { startsWith: PREFIX },
      value: { in: userIds },
      expiresAt: { gt: new Date() },
    },
    select: { value: true },
  });

  return new Set(rows.map((r) => r.value));
}

/** The user an invite is for, or null when it is unknown, used or expired. */
export async function findInvite(db: Db, token: string): Promise<{ userId: string } | null> {
  const row = await db.verification.findFirst({
    where: { identifier: identifierFor(token), expiresAt: { gt: new Date() } },
  });

  return row ? { userId: row.value } : null;
}

/**
 * Sets the invitee's password and spends the invite. Deleting the row first makes a second use
 * of the same link fail even when two requests race.
 */
export async function acceptInvite(db: Db, token: string, password: string): Promise<string> {
  const invite = await findInvite(db, token);
  const { count } = await db.verification.deleteMany({
    where: { identifier: identifierFor(token) },
  });
  if (!invite || count === 0)
    throw new AppError("not_found", "This invite link is not valid any more.");

  const user = await db.user.findUnique({
    where: { id: invite.userId },
    include: { accounts: true },
  });
  if (!user || isDisabled(user)) throw new AppError("forbidden", "This account is disabled.");
  if (user.accounts.some((a) => a.providerId === "credential")) {
    throw new AppError("conflict", "This account already has a password: sign in instead.");
  }

  const ctx = await getAuth(db).$context;
  const hash = await ctx.password.hash(password);
  await ctx.internalAdapter.linkAccount({
    userId: user.id,
    providerId: "credential",
    accountId: user.id,
    password: hash,
  });

  return user.id;
}
