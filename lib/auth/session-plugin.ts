import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthEndpoint } from "better-auth/api";
import { setSessionCookie } from "better-auth/cookies";
import { z } from "zod";

/**
 * Server-only endpoints Roadie needs beside email and password sign-in: start a session for a
 * user the server has already vouched for (demo sign-in, an accepted invite, test users).
 * Server-only endpoints are never routed over HTTP, only reachable as auth.api.* calls.
 */
export const roadieSessions = () =>
  ({
    id: "roadie-sessions",
    endpoints: {
      startSessionForUser: createAuthEndpoint.serverOnly(
        { method: "POST", body: z.object({ userId: z.string().min(1) }) },
        async (ctx) => {
          const user = await ctx.context.internalAdapter.findUserById(ctx.body.userId);
          if (!user) throw new APIError("NOT_FOUND", { message: "No such user." });

          const session = await ctx.context.internalAdapter.createSession(user.id);
          if (!session) throw new APIError("INTERNAL_SERVER_ERROR", { message: "No session." });
          await setSessionCookie(ctx, { session, user });

          return ctx.json({ token: session.token });
        },
      ),
    },
  }) satisfies BetterAuthPlugin;
