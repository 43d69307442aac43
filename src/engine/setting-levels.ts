/**
 * Settings follow transactions, as PostgreSQL's GUC stack does: a SET inside a transaction that
 * rolls back (or inside a savepoint rolled back to) is undone; SET LOCAL lasts until the end of
 * its transaction either way; a plain SET that commits stays. One level per open transaction and
 * savepoint records each changed setting's value from before that level first changed it.
 */

/** What a level remembers: values before it changed them (undefined: not set then). */
interface Level {
  readonly saved: Map<string, string | undefined>;
  /** Settings changed by SET LOCAL since their last plain SET: the value the commit returns to. */
  readonly local: Map<string, string | undefined>;
}

const newLevel = (): Level => ({ saved: new Map(), local: new Map() });

/** `restore(key, value)` puts a setting back (undefined: unset it). */
export class SettingLevels {
  private levels: Level[] = [];

  constructor(private readonly restore: (key: string, value: string | undefined) => void) {}

  /** A transaction starts (implicit or a block). */
  begin(): void {
    this.levels = [newLevel()];
  }

  /** A setting is about to change from `before` (SET LOCAL when `local`). */
  touch(key: string, before: string | undefined, local: boolean): void {
    const top = this.levels.at(-1);
    if (!top) return;
    if (!top.saved.has(key)) top.saved.set(key, before);
    if (!local) {
      for (const level of this.levels) level.local.delete(key);
      return;
    }
    if (!this.levels.some((level) => level.local.has(key))) top.local.set(key, before);
  }

  /** SAVEPOINT: a new level. */
  savepoint(): void {
    if (this.levels.length > 0) this.levels.push(newLevel());
  }

  /** ROLLBACK TO the savepoint at `depth` (1 = the first): undo its level and those above; it stays, empty. */
  rollbackTo(depth: number): void {
    this.undo(depth);
    this.levels.push(newLevel());
  }

  /** RELEASE the savepoint at `depth`: its level and those above fold into the one below. */
  release(depth: number): void {
    const parent = this.levels[depth - 1];
    if (!parent) return;
    for (const level of this.levels.slice(depth)) {
      for (const [key, value] of level.saved) if (!parent.saved.has(key)) parent.saved.set(key, value);
      for (const [key, value] of level.local) if (!parent.local.has(key)) parent.local.set(key, value);
    }
    this.levels = this.levels.slice(0, depth);
  }

  /** The transaction ends: a rollback undoes every level; a commit undoes only SET LOCAL. */
  end(commit: boolean): void {
    if (this.levels.length === 0) return;
    if (!commit) {
      this.undo(0);
      return;
    }
    this.release(1);
    const [level] = this.levels;
    this.levels = [];
    for (const [key, value] of level!.local) this.restore(key, value);
  }

  /** Undoes the levels from `depth` up, the newest first, and drops them. */
  private undo(depth: number): void {
    const undone = this.levels.slice(depth).reverse();
    this.levels = this.levels.slice(0, depth);
    for (const level of undone) for (const [key, value] of level.saved) this.restore(key, value);
  }
}
