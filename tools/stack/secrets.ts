import { randomBytes, randomInt } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/** Credentials generated on first start and kept beside the data, never in the repository. */
export interface StackSecrets {
  pusherAppId: string;
  pusherKey: string;
  pusherSecret: string;
  authSecret: string;
  postgresPassword: string;
}

const token = (bytes: number) => randomBytes(bytes).toString("hex");

export async function loadOrCreateSecrets(dataDir: string): Promise<StackSecrets> {
  const file = path.join(dataDir, "secrets.json");
  try {
    return JSON.parse(await readFile(file, "utf8")) as StackSecrets;
  } catch {
    const secrets: StackSecrets = {
      pusherAppId: String(randomInt(100_000, 999_999)),
      pusherKey: token(10),
      pusherSecret: token(20),
      authSecret: token(32),
      postgresPassword: token(16),
    };
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });

    return secrets;
  }
}
