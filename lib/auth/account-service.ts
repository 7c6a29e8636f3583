import { config } from "../config";
import { db } from "../db/client";
import type { Actor } from "./actor";
import { type ApiTokenView, createApiToken, listApiTokens, revokeApiToken } from "./api-tokens";
import { demoSignIn } from "./demo-sign-in";
import { acceptInvite, findInvite } from "./invites";
import type { CreateUserInput, SetupInput, UpdateUserInput } from "./schemas";
import { startSession } from "./sessions";
import {
  createAccount,
  listUsers,
  needsFirstRun,
  setupFirstAdmin,
  updateUser,
  type UserView,
} from "./users";

// The accounts domain on the process-wide database: one call per route handler, so nothing
// under app/ touches the database client.

/** True while no user exists: the setup page is open exactly then. */
export const isFirstRun = (): Promise<boolean> => needsFirstRun(db());

/** Whether an invite link still works (the invite page asks before showing its form). */
export const inviteIsValid = async (token: string): Promise<boolean> =>
  (await findInvite(db(), token)) !== null;

/** First-run setup: the first administrator, signed in at once. */
export async function runFirstRunSetup(
  input: SetupInput,
): Promise<{ user: UserView; cookies: Headers }> {
  const user = await setupFirstAdmin(db(), input);

  return { user, cookies: await startSession(db(), user.id) };
}

/** An invitee sets a password and is signed in. */
export async function acceptInviteAndSignIn(token: string, password: string): Promise<Headers> {
  const userId = await acceptInvite(db(), token, password);

  return startSession(db(), userId);
}

/** Demo sign-in (lib/auth/demo-sign-in.ts): Set-Cookie headers, or null when not allowed. */
export const signInDemo = (request: Request): Promise<Headers | null> => demoSignIn(db(), request);

/** An administrator adds a user; an invite comes back as the link to pass on. */
export async function addUser(
  input: CreateUserInput,
): Promise<{ user: UserView; inviteUrl?: string }> {
  const { user, inviteToken } = await createAccount(db(), input);
  const inviteUrl = inviteToken ? inviteLink(inviteToken) : undefined;

  return { user, inviteUrl };
}

export const allUsers = (): Promise<UserView[]> => listUsers(db());

export const changeUser = (actor: Actor, userId: string, input: UpdateUserInput) =>
  updateUser(db(), actor, userId, input);

export const tokensOf = (actor: Actor): Promise<ApiTokenView[]> =>
  listApiTokens(db(), actor.userId);

export const newToken = (actor: Actor, name: string) => createApiToken(db(), actor.userId, name);

export const revokeToken = (actor: Actor, tokenId: string) =>
  revokeApiToken(db(), actor.userId, tokenId);

/** The page an invitee opens; APP_URL so the link works from another machine. */
export function inviteLink(token: string): string {
  return new URL(`/invite/${encodeURIComponent(token)}`, config().APP_URL).toString();
}
