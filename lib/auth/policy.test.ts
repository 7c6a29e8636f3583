import { describe, expect, it } from "vitest";

import type { Actor } from "./actor";
import {
  ADMIN_CHANNEL,
  canJoinChannel,
  canSeeJob,
  channelsFor,
  jobScopeFor,
  userChannel,
} from "./policy";

const actor = (userId: string, role: Actor["role"]): Actor => ({
  userId,
  email: `${userId}@example.test`,
  name: userId,
  role,
  via: "session",
});
const alice = actor("alice", "member");
const admin = actor("root", "admin");

describe("job policy", () => {
  it("lets members see only their own jobs and admins every job", () => {
    expect(canSeeJob(alice, { createdById: "alice" })).toBe(true);
    expect(canSeeJob(alice, { createdById: "bob" })).toBe(false);
    expect(canSeeJob(admin, { createdById: "bob" })).toBe(true);
  });

  it("scopes job queries: members to themselves whatever they ask, admins as asked", () => {
    expect(jobScopeFor(alice)).toEqual({ createdById: "alice" });
    expect(jobScopeFor(alice, "bob")).toEqual({ createdById: "alice" });
    expect(jobScopeFor(admin)).toEqual({});
    expect(jobScopeFor(admin, "bob")).toEqual({ createdById: "bob" });
  });
});

describe("channel policy", () => {
  it("names the channels each role subscribes to", () => {
    expect(channelsFor(alice)).toEqual(["private-user-alice"]);
    expect(channelsFor(admin)).toEqual(["private-user-root", ADMIN_CHANNEL]);
  });

  it("lets a member join only their own user channel", () => {
    expect(canJoinChannel(alice, userChannel("alice"))).toBe(true);
    for (const channel of [
      userChannel("bob"),
      ADMIN_CHANNEL,
      "private-user-alice2",
      "presence-x",
      "jobs",
    ]) {
      expect(canJoinChannel(alice, channel), channel).toBe(false);
    }
  });

  it("lets an admin join private-admin and any well-formed user channel, nothing else", () => {
    expect(canJoinChannel(admin, ADMIN_CHANNEL)).toBe(true);
    expect(canJoinChannel(admin, userChannel("bob"))).toBe(true);
    for (const channel of [
      "private-user-",
      "private-user-a;b",
      "presence-admin",
      "private-admins",
      "public",
    ]) {
      expect(canJoinChannel(admin, channel), channel).toBe(false);
    }
  });
});
