import { changeUser } from "@/lib/auth/account-service";
import { updateUserSchema } from "@/lib/auth/schemas";
import { allowOnly } from "@/lib/http/allow-only";
import { parseInput, readJson } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";
export const { GET, HEAD, POST, PUT, DELETE, OPTIONS } = allowOnly("PATCH");

/** Administrators: change a user's role, or disable / enable them. */
export const PATCH = route<{ id: string }>("admin", async ({ request, params, actor }) => {
  const input = parseInput(updateUserSchema, await readJson(request));
  const user = await changeUser(actor, params.id, input);

  return Response.json({ user });
});
