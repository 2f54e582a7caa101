import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Answer } from '../api/client';

export type Me = Answer<'/api/v1/auth/me', 'get'>;
export type Role = Me['user']['role'];

const RANK: Record<Role, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

/** Whether `role` includes `needed` (owner ⊃ admin ⊃ member ⊃ viewer). */
export const roleAtLeast = (role: Role, needed: Role): boolean => RANK[role] >= RANK[needed];

export interface AccountState {
  me: Me | null;
  /** Reads /auth/me again (after a plan change, say). */
  reload: () => Promise<void>;
}

export const AccountContext = createContext<AccountState>({ me: null, reload: async () => undefined });

export const useAccount = (): AccountState => useContext(AccountContext);
