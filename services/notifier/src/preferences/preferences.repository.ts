import { Injectable } from '@nestjs/common';
import type { NoticeKind, Preference } from '@switchboard/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { defaultPreference, defaultPreferences } from './preference-defaults';

interface PreferenceRow {
  member_id: string;
  kind: NoticeKind;
  email: boolean;
  in_app: boolean;
}

/** Members' choices per kind and channel, and per-team recipient settings. */
@Injectable()
export class PreferencesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async effective(
    memberId: string,
    db: EntityManager = this.dataSource.manager,
  ): Promise<Preference[]> {
    const rows: PreferenceRow[] = await db.query(
      `SELECT member_id, kind, email, in_app FROM notifier.preference WHERE member_id = $1`,
      [memberId],
    );
    const chosen = new Map(rows.map((r) => [r.kind, r]));
    return defaultPreferences().map((d) => {
      const row = chosen.get(d.kind);
      return row ? { kind: d.kind, email: row.email, inApp: row.in_app } : d;
    });
  }

  /**
   * In one round trip: the team's notify-admins setting and each member's preference for one
   * kind (defaults where they made no choice).
   */
  async forRecipients(
    teamId: string,
    memberIds: string[],
    kind: NoticeKind,
    db: EntityManager,
  ): Promise<{ notifyAdmins: boolean; preferences: Map<string, Preference> }> {
    const rows: {
      member_id: string;
      email: boolean | null;
      in_app: boolean | null;
      notify_admins: boolean | null;
    }[] = await db.query(
      `SELECT m.member_id, p.email, p.in_app,
           (SELECT notify_admins FROM notifier.team_setting WHERE team_id = $3) AS notify_admins
         FROM unnest($1::uuid[]) AS m(member_id)
         LEFT JOIN notifier.preference p ON p.member_id = m.member_id AND p.kind = $2`,
      [memberIds, kind, teamId],
    );
    const preferences = new Map<string, Preference>();
    for (const r of rows) {
      const d = defaultPreference(kind);
      preferences.set(r.member_id, { kind, email: r.email ?? d.email, inApp: r.in_app ?? d.inApp });
    }
    return { notifyAdmins: rows[0]?.notify_admins ?? true, preferences };
  }

  async set(
    teamId: string,
    memberId: string,
    changes: { kind: NoticeKind; email?: boolean; inApp?: boolean }[],
  ): Promise<Preference[]> {
    await this.dataSource.transaction(async (tx) => {
      const current = new Map((await this.effective(memberId, tx)).map((p) => [p.kind, p]));
      for (const c of changes) {
        const before = current.get(c.kind) ?? defaultPreference(c.kind);
        await tx.query(
          `INSERT INTO notifier.preference (member_id, kind, team_id, email, in_app, updated_at)
           VALUES ($1, $2, $3, $4, $5, now())
           ON CONFLICT (member_id, kind) DO UPDATE SET email = EXCLUDED.email, in_app = EXCLUDED.in_app,
             updated_at = now()`,
          [memberId, c.kind, teamId, c.email ?? before.email, c.inApp ?? before.inApp],
        );
      }
    });
    return this.effective(memberId);
  }

  async notifyAdmins(
    teamId: string,
    db: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    const rows: { notify_admins: boolean }[] = await db.query(
      `SELECT notify_admins FROM notifier.team_setting WHERE team_id = $1`,
      [teamId],
    );
    return rows[0]?.notify_admins ?? true;
  }

  async setNotifyAdmins(teamId: string, notifyAdmins: boolean): Promise<boolean> {
    await this.dataSource.query(
      `INSERT INTO notifier.team_setting (team_id, notify_admins, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (team_id) DO UPDATE SET notify_admins = EXCLUDED.notify_admins, updated_at = now()`,
      [teamId, notifyAdmins],
    );
    return notifyAdmins;
  }
}
