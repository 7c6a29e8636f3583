import { z } from "zod";

// Client forms import schemas built with this, so it imports nothing but zod.

/**
 * An object schema that refuses keys it does not know: a misspelt field ("priorty") is a 422,
 * not silently dropped while the request goes on with a default. The issue lists the known
 * fields; parseInput names the first unknown key as the field.
 */
export function strictObject<T extends z.core.$ZodLooseShape>(shape: T) {
  const known = Object.keys(shape).join(", ");

  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== "unrecognized_keys") return undefined;
      // Counted, not listed: the keys are the caller's and may be many, or long.
      const more = issue.keys.length - 1;
      const others = more > 0 ? ` (nor ${more === 1 ? "is 1 other" : `are ${more} others`})` : "";

      return `is not a known field${others}; known fields: ${known}.`;
    },
  });
}
