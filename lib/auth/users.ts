import type { Db } from "../db/client";
import { AppError, notFound } from "../http/errors";
import type { Actor } from "./actor";
import { announceAuthChange } from "./api-tokens";
import { applyAuthChangeHere } from "./token-actor-cache";
import { getAuth } from "./auth";
import { createInvite, inviteStateFor } from "./invites";
import type { CreateUserInput, SetupInput, UpdateUserInput } from "./schemas";
import { isDisabled, toRole } from "./user-state";

/** A user as the admin settings page sees it; never password hashes or sessions. */
export interface UserView {
  id: string;
  name: string;
  email: string;
  role: Actor["role"];
  disabled: boolean;
  /** Invited and has not chosen a password yet. */
  invitePending: boolean;
  createdAt: Date;
}

interface UserRow {
  id: string;
  name: string;
  email: string;
  role: string;
  banned: boolean | null;
  banExpires: Date | null;
  createdAt: Date;
  accounts?: { providerId: string }[];
}

/** True until the first user exists: /setup is open exactly then. */
export async function needsFirstRun(db: Db): Promise<boolean> {
  return (await db.user.count()) === 0;
}

/**
 * Creates the first administrator, once. The check and the insert share a transaction under an
 * advisory lock, so two setup requests racing on an empty installation create one admin.
 */
export async function setupFirstAdmin(db: Db, input: SetupInput): Promise<UserView> {
  const ctx = await getAuth(db).$context;
  const hash = await ctx.password.hash(input.password);
  const id = newId(ctx.generateId({ model: "user" }));
  const accountId = newId(ctx.generateId({ model: "account" }));

  const user = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('roadie:first-run'))`;
    if ((await tx.user.count()) > 0) {
      throw new AppError("conflict", "Roadie is already set up: sign in instead.");
    }
    const created = await tx.user.create({
      data: { id, name: input.name, email: input.email, emailVerified: true, role: "admin" },
    });
    // The same credential account better-auth's own sign-up writes.
    await tx.account.create({
      data: { id: accountId, accountId: id, providerId: "credential", userId: id, password: hash },
    });

    return created;
  });

  return toView({ ...user, accounts: [{ providerId: "credential" }] }, false);
}

/**
 * An administrator adds a user, with an initial password or an invite. Answers the invite's
 * secret once; only its hash is stored.
 */
export async function createAccount(
  db: Db,
  input: CreateUserInput,
): Promise<{ user: UserView; inviteToken?: string }> {
  const ctx = await getAuth(db).$context;
  if (await db.user.findUnique({ where: { email: input.email } })) {
    throw new AppError("conflict", "A user with this email already exists.", { field: "email" });
  }

  const created = await ctx.internalAdapter.createUser(
    {
      name: input.name,
      email: input.email,
      emailVerified: true,
      role: input.role,
    },
    { method: "admin" },
  );
  if (input.password) {
    const password = await ctx.password.hash(input.password);
    await ctx.internalAdapter.linkAccount({
      userId: created.id,
      providerId: "credential",
      accountId: created.id,
      password,
    });
  }
  const inviteToken = input.invite ? await createInvite(db, created.id) : undefined;
  const row = await db.user.findUniqueOrThrow({ where: { id: created.id }, include: accounts });

  return { user: toView(row, Boolean(inviteToken)), inviteToken };
}

/** Every user, oldest first (the first administrator on top). */
export async function listUsers(db: Db): Promise<UserView[]> {
  const rows = await db.user.findMany({ orderBy: { createdAt: "asc" }, include: accounts });
  const pending = await inviteStateFor(
    db,
    rows.map((r) => r.id),
  );

  return rows.map((row) => toView(row, pending.has(row.id)));
}

/**
 * Changes a user's role or disables / enables them. Disabling ends their sessions at once; their
 * API tokens stop working at once too, in every process (the change is announced to token
 * caches in the same transaction). An administrator cannot
 * demote or disable themselves, so an installation always keeps the admin who made the change.
 */
export async function updateUser(
  db: Db,
  actor: Actor,
  userId: string,
  input: UpdateUserInput,
): Promise<UserView> {
  const target = await db.user.findUnique({ where: { id: userId } });
  if (!target) throw notFound("The user");
  const demotesSelf = input.role !== undefined && input.role !== "admin";
  if (userId === actor.userId && (demotesSelf || input.disabled === true)) {
    throw new AppError("conflict", "You cannot demote or disable your own account.");
  }

  const data: { role?: string; banned?: boolean; banReason?: string | null; banExpires?: null } =
    {};
  if (input.role !== undefined) data.role = input.role;
  if (input.disabled !== undefined) {
    data.banned = input.disabled;
    data.banReason = input.disabled ? "Disabled by an administrator" : null;
    data.banExpires = null;
  }
  const [row] = await db.$transaction([
    db.user.update({ where: { id: userId }, data, include: accounts }),
    announceAuthChange(db, { userId }),
  ]);
  applyAuthChangeHere({ userId });
  if (input.disabled) await db.session.deleteMany({ where: { userId } });
  const pending = await inviteStateFor(db, [userId]);

  return toView(row, pending.has(userId));
}

const accounts = { accounts: { select: { providerId: true } } } as const;

function toView(row: UserRow, invitePending: boolean): UserView {
  const hasPassword = row.accounts?.some((a) => a.providerId === "credential") ?? false;

  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: toRole(row.role),
    disabled: isDisabled(row),
    invitePending: invitePending && !hasPassword,
    createdAt: row.createdAt,
  };
}

function newId(generated: string | false): string {
  return generated === false ? crypto.randomUUID() : generated;
}
