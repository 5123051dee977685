import type { Db } from "../../db/engine.ts";
import { notFound } from "../../lib/errors.ts";
import { createApiToken } from "./credentials.ts";
import type { UserRole } from "./schema.ts";
import {
  type AccountStore,
  createAccountWithOwner,
  createUser,
  findAccountByName,
  getUserByEmail,
} from "./service.ts";

export type UserCreateInput = {
  account: string;
  email: string;
  password: string;
  role?: UserRole;
  name?: string;
};

/** `stockwire user create`: adds the user to the named account, creating the account if it is new. */
export async function userCreate(
  store: AccountStore,
  input: UserCreateInput,
): Promise<{ accountId: string; userId: string }> {
  const { db } = store;
  const existing = await findAccountByName(db, input.account);
  if (!existing) {
    return createAccountWithOwner(store, {
      accountName: input.account,
      email: input.email,
      password: input.password,
      role: input.role ?? "owner",
      ...(input.name ? { name: input.name } : {}),
    });
  }
  const user = await createUser(db, existing, {
    email: input.email,
    password: input.password,
    role: input.role ?? "member",
    ...(input.name ? { name: input.name } : {}),
  });
  return { accountId: existing, userId: user.id };
}

/** `stockwire token create`: an API token for the user with this e-mail. */
export async function tokenCreate(
  db: Db,
  input: { email: string; name?: string },
): Promise<{ token: string; id: string }> {
  const user = await getUserByEmail(db, input.email);
  if (!user) throw notFound("user");
  const created = await createApiToken(db, user, input.name ?? "CLI token");
  return { token: created.token, id: created.id };
}
