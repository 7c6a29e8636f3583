import type { Actor } from "./actor";

/** The one private channel every administrator may join: events about everyone's jobs. */
export const ADMIN_CHANNEL = "private-admin";
const USER_CHANNEL_PREFIX = "private-user-";
const USER_CHANNEL = /^private-user-[A-Za-z0-9_-]{1,64}$/;

/** The private channel of one user's events. */
export const userChannel = (userId: string) => `${USER_CHANNEL_PREFIX}${userId}`;

/** Anything with an owner, as jobs carry it. */
export interface OwnedJob {
  createdById: string;
}

/** Members see their own jobs; administrators see every job. */
export function canSeeJob(actor: Actor, job: OwnedJob): boolean {
  return actor.role === "admin" || job.createdById === actor.userId;
}

/** Cancel, retry and the like follow the same rule as seeing. */
export const canChangeJob = canSeeJob;

/**
 * The filter a job query must apply for this actor, as a Prisma `where` fragment. Members get
 * their own jobs whatever `createdBy` asks for; administrators get all, or one user's.
 */
export function jobScopeFor(actor: Actor, createdBy?: string): { createdById?: string } {
  if (actor.role !== "admin") return { createdById: actor.userId };

  return createdBy ? { createdById: createdBy } : {};
}

/** The private channels a client of this actor should subscribe to. */
export function channelsFor(actor: Actor): string[] {
  const own = userChannel(actor.userId);

  return actor.role === "admin" ? [own, ADMIN_CHANNEL] : [own];
}

/**
 * May this actor subscribe to `channel`? Members: only their own user channel. Administrators:
 * private-admin and any user's channel. Anything else (public, presence, malformed) is refused.
 */
export function canJoinChannel(actor: Actor, channel: string): boolean {
  if (channel === userChannel(actor.userId)) return true;
  if (actor.role !== "admin") return false;

  return channel === ADMIN_CHANNEL || USER_CHANNEL.test(channel);
}
