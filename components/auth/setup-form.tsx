"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";

import { PASSWORD_MIN, setupSchema } from "@/lib/auth/schemas";

import { errorMessageOf } from "./api-error";
import { FormError, FormField, primaryButton } from "./form-field";

/** Creates the first administrator; the server signs them in and we go to the home page. */
export function SetupForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = Object.fromEntries(new FormData(event.currentTarget));
    const parsed = setupSchema.safeParse(form);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? "Check the form.");
      return;
    }
    setBusy(true);
    setError(null);
    const response = await fetch("/api/auth/setup", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(parsed.data),
    });
    if (response.ok) {
      router.replace("/");
      router.refresh();
      return;
    }
    setBusy(false);
    setError(await errorMessageOf(response));
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4">
      <FormField id="name" label="Your name" autoComplete="name" required />
      <FormField id="email" label="Email" type="email" autoComplete="username" required />
      <FormField
        id="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        minLength={PASSWORD_MIN}
        hint={`At least ${PASSWORD_MIN} characters.`}
        required
      />
      <FormError message={error} />
      <button type="submit" className={primaryButton} disabled={busy}>
        {busy ? "Creating…" : "Create administrator"}
      </button>
    </form>
  );
}
