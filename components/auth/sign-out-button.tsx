import { signOutAction } from "./sign-out-action";

/** A form posting to the sign-out server action: works before hydration too. */
export function SignOutButton() {
  return (
    <form action={signOutAction}>
      <button
        type="submit"
        className="rounded-md px-3 py-1.5 text-sm hover:bg-zinc-200 dark:hover:bg-zinc-800"
      >
        Sign out
      </button>
    </form>
  );
}
