import { z } from "zod";

import { strictObject } from "../http/strict-object";

// Request bodies of the accounts endpoints. Client forms import these too, so they hold no
// server-only imports.

/** Long enough to resist guessing, short enough for scrypt to stay cheap. */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`);

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email("Enter an email address.").max(254));

export const nameSchema = z.string().trim().min(1, "Enter a name.").max(100);

export const roleSchema = z.enum(["admin", "member"]);

/** POST /api/auth/setup: the first administrator. */
export const setupSchema = strictObject({
  name: nameSchema,
  email: emailSchema,
  password: passwordSchema,
});

/** POST /api/users: a password now, or an invite link to pass on. */
export const createUserSchema = strictObject({
  name: nameSchema,
  email: emailSchema,
  role: roleSchema.default("member"),
  password: passwordSchema.optional(),
  invite: z.boolean().default(false),
}).refine((v) => v.invite !== Boolean(v.password), {
  message: "Give either an initial password or invite: true.",
  path: ["password"],
});

/** PATCH /api/users/:id: change role, disable or enable. */
export const updateUserSchema = strictObject({
  role: roleSchema.optional(),
  disabled: z.boolean().optional(),
}).refine((v) => v.role !== undefined || v.disabled !== undefined, {
  message: "Send role or disabled.",
  path: ["role"],
});

/** POST /api/auth/invite: the invitee chooses a password. */
export const acceptInviteSchema = strictObject({
  token: z.string().min(20).max(200),
  password: passwordSchema,
});

/** POST /api/tokens */
export const createTokenSchema = strictObject({
  name: z.string().trim().min(1, "Name the token.").max(80),
});

export type SetupInput = z.infer<typeof setupSchema>;
export type CreateUserInput = z.infer<typeof createUserSchema>;
export type UpdateUserInput = z.infer<typeof updateUserSchema>;
