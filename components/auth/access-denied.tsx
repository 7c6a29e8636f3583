import { forbidden } from "next/navigation";

/**
 * Refuses a page to a signed-in user without the role. With Next's authInterrupts enabled this
 * answers a real 403 (forbidden()); without it, the same message renders in the page.
 */
export function denyAccess() {
  if (process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS) forbidden();

  return <AccessDenied />;
}

export function AccessDenied() {
  return (
    <section
      aria-labelledby="denied-title"
      className="rounded-md border border-zinc-300 p-4 dark:border-zinc-700"
    >
      <h2 id="denied-title" className="text-lg font-semibold">
        403 — administrators only
      </h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        Ask an administrator if you need to change users.
      </p>
    </section>
  );
}
