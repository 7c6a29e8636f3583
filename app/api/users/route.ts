import { addUser, allUsers } from "@/lib/auth/account-service";
import { createUserSchema } from "@/lib/auth/schemas";
import { allowOnly } from "@/lib/http/allow-only";
import { parseInput, readJson } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";
export const { PUT, PATCH, DELETE, OPTIONS } = allowOnly("GET", "POST");

/** Administrators: every user. */
export const GET = route("admin", async () => Response.json({ users: await allUsers() }));

/** Administrators: add a user with a password, or with an invite link shown once. */
export const POST = route("admin", async ({ request }) => {
  const input = parseInput(createUserSchema, await readJson(request));
  const created = await addUser(input);

  return Response.json(created, { status: 201, headers: { "cache-control": "no-store" } });
});
