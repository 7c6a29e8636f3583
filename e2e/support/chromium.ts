/**
 * Debian's Chromium and the flags it needs here: Playwright's own browser download cannot reach
 * its host from these machines, and without the background-networking flags Chromium keeps
 * trying hosts the closed network refuses.
 */
export const CHROMIUM = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};
