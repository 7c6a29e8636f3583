/** Ports and folders of the stack the end-to-end tests start, away from a developer's own. */
export const E2E_STACK = {
  port: Number(process.env.E2E_PORT ?? 3100),
  pusherPort: Number(process.env.E2E_PUSHER_PORT ?? 6101),
  simulatorPort: Number(process.env.E2E_SIMULATOR_PORT ?? 6190),
  dataDir: ".data/e2e",
  get baseURL() {
    return `http://localhost:${this.port}`;
  },
};
