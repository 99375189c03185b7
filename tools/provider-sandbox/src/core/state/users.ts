import type { Clock } from '../clock';
import { stableNumericId } from '../opaque-token';
import { entitiesFor, type UserEntities } from './user-entities';

export interface SandboxUser {
  /** The `sandbox_user` value that made this user. */
  readonly name: string;
  /** Stable for a name: the same name gets the same id after a reset. */
  readonly id: string;
  readonly displayName: string;
  /** A handle safe on every platform (X allows 15 characters of [A-Za-z0-9_]). */
  readonly username: string;
  readonly email: string;
  readonly avatarUrl: string;
  readonly entities: UserEntities;
  readonly createdAt: number;
}

export function handleFor(userName: string): string {
  return userName.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 15);
}

/** Users exist from the first time a name is used at a consent screen. */
export class UserStore {
  private readonly users = new Map<string, SandboxUser>();

  constructor(
    private readonly clock: Clock,
    private readonly origin: () => string,
  ) {}

  getOrCreate(name: string): SandboxUser {
    const existing = this.users.get(name);
    if (existing !== undefined) return existing;
    const id = stableNumericId('user', name);
    const username = handleFor(name);
    const user: SandboxUser = {
      name,
      id,
      displayName: name.charAt(0).toUpperCase() + name.slice(1),
      username,
      email: `${name.replace(/@/g, '.')}@sandbox.switchboard.test`,
      avatarUrl: `${this.origin()}/_sandbox/avatars/${id}.svg`,
      entities: entitiesFor(name, username),
      createdAt: this.clock(),
    };
    this.users.set(name, user);
    return user;
  }

  find(name: string): SandboxUser | undefined {
    return this.users.get(name);
  }

  reset(): void {
    this.users.clear();
  }
}
