/**
 * The first administrator the e2e setup project creates on the stack's fresh database. Test-only
 * values for a throwaway installation; the product itself has no default account.
 */
export const E2E_ADMIN = {
  name: "E2E Admin",
  email: "admin@e2e.test",
  password: "e2e-admin-password-1",
};

export const ADMIN_STORAGE_STATE = "e2e/.auth/admin.json";
