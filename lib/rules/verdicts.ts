import type { DeploymentFacts, RuleResult } from './types';

/** How one evaluation came out, as stored in a verdict table (one byte each). */
export const VERDICT_FALSE = 0;
export const VERDICT_TRUE = 1;
export const VERDICT_ERROR = 2;

/** The byte that stores `holds`. */
export function encodeVerdict(holds: boolean | 'error'): number {
  return holds === true ? VERDICT_TRUE : holds === false ? VERDICT_FALSE : VERDICT_ERROR;
}

/** The `holds` a stored byte means; anything but 0 and 1 reads as an error. */
export function decodeVerdict(code: number): boolean | 'error' {
  return code === VERDICT_FALSE ? false : code === VERDICT_TRUE ? true : 'error';
}

/** The verdicts of one watch: one row per fact, one column per rule. */
export interface WatchVerdicts {
  watch: string;
  /** The facts the rules were evaluated over: the caller's array itself, not a copy. */
  facts: readonly DeploymentFacts[];
  /** Names of the per-deployment rules that apply to the watch, in configuration order. */
  deploymentRules: readonly string[];
  /** Names of the watch rules (`scope: watch`) that apply to the watch, in configuration order. */
  watchRules: readonly string[];
  /** `facts.length × deploymentRules.length` bytes, row by row: the verdict of rule `c` for fact `r` is at `r × rules + c`. */
  deploymentVerdicts: Uint8Array;
  /** One byte per watch rule. */
  watchVerdicts: Uint8Array;
}

export function deploymentKeyOf(facts: Pick<DeploymentFacts, 'workspace' | 'namespace' | 'deploymentId'>): string {
  return `${facts.workspace}/${facts.namespace}/${facts.deploymentId}`;
}

/**
 * Every rule verdict of a tick, one byte per evaluation instead of one object: at 50 000 deployments × 10 rules
 * the objects alone took tens of MB for the whole tick, and almost all of them said "does not hold".
 *
 * Iteration order (all results, and the holding ones among them): per watch, per fact in input order its deployment
 * rules in configuration order, then the watch rules. `RuleResult` objects are made only as they are iterated.
 */
export class RuleVerdicts implements Iterable<RuleResult> {
  readonly watches: readonly WatchVerdicts[];
  /** How many evaluations there are (what iterating everything yields). */
  readonly size: number;
  /** Iteration position of each watch's first result. */
  private readonly bases: readonly number[];
  /** Watch name → its table's position; a repeated name answers with its last table. */
  private readonly byName: ReadonlyMap<string, number>;
  /** Per table, deployment key → row; built on the first lookup in that watch. */
  private readonly rows: Array<Map<string, number> | undefined>;

  constructor(watches: readonly WatchVerdicts[]) {
    const bases: number[] = [];
    const byName = new Map<string, number>();
    let size = 0;
    watches.forEach((table, index) => {
      const cells = table.facts.length * table.deploymentRules.length;
      if (table.deploymentVerdicts.length !== cells || table.watchVerdicts.length !== table.watchRules.length) {
        throw new RangeError(
          `the verdict table of watch "${table.watch}" has ${table.deploymentVerdicts.length} deployment and ` +
            `${table.watchVerdicts.length} watch verdicts, but needs ${cells} (facts × deployment rules) and ` +
            `${table.watchRules.length} (watch rules): build it with one byte per evaluation`,
        );
      }
      bases.push(size);
      byName.set(table.watch, index);
      size += cells + table.watchRules.length;
    });
    this.watches = watches;
    this.size = size;
    this.bases = bases;
    this.byName = byName;
    this.rows = new Array<Map<string, number> | undefined>(watches.length);
  }

  [Symbol.iterator](): Iterator<RuleResult> {
    return this.all();
  }

  /** Every result, in iteration order. */
  *all(): Generator<RuleResult, void, undefined> {
    for (const table of this.watches) {
      const { watch, facts, deploymentRules, deploymentVerdicts } = table;
      const width = deploymentRules.length;
      if (width > 0) {
        for (let row = 0; row < facts.length; row++) {
          const deploymentKey = deploymentKeyOf(facts[row]!);
          for (let col = 0; col < width; col++) {
            const holds = decodeVerdict(deploymentVerdicts[row * width + col]!);
            yield { rule: deploymentRules[col]!, watch, scope: 'deployment', deploymentKey, holds };
          }
        }
      }
      yield* watchResults(table, false);
    }
  }

  /**
   * The results that hold or errored (those that create or keep alerts), in iteration order. The others are skipped
   * by their byte alone: no object, no key.
   */
  *holdingOrErrored(): Generator<RuleResult, void, undefined> {
    for (const table of this.watches) {
      const { watch, facts, deploymentRules, deploymentVerdicts } = table;
      const width = deploymentRules.length;
      const end = deploymentVerdicts.length;
      for (
        let cell = firstNonFalse(deploymentVerdicts, 0);
        cell < end;
        cell = firstNonFalse(deploymentVerdicts, cell + 1)
      ) {
        const row = Math.floor(cell / width);
        yield {
          rule: deploymentRules[cell - row * width]!,
          watch,
          scope: 'deployment',
          deploymentKey: deploymentKeyOf(facts[row]!),
          holds: decodeVerdict(deploymentVerdicts[cell]!),
        };
      }
      yield* watchResults(table, true);
    }
  }

  /** The watch-rule results (`scope: watch`) only, in iteration order. */
  *watchScoped(): Generator<RuleResult, void, undefined> {
    for (const table of this.watches) yield* watchResults(table, false);
  }

  /** The table of `watch` (the one lookups use), or `undefined` when the watch was not evaluated. */
  table(watch: string): WatchVerdicts | undefined {
    const index = this.byName.get(watch);
    return index === undefined ? undefined : this.watches[index];
  }

  /**
   * How `rule` came out for `deploymentKey` (`workspace/namespace/deploymentId`) in `watch`, or for the watch itself
   * when `deploymentKey` is omitted; `undefined` when it was not evaluated.
   */
  verdict(watch: string, rule: string, deploymentKey?: string): boolean | 'error' | undefined {
    const found = this.locate(watch, rule, deploymentKey);
    return found === undefined ? undefined : decodeVerdict(found.table[found.cell]!);
  }

  /**
   * The position of that result in iteration order, or `undefined` when it was not evaluated: lets a caller that
   * mixes lookups with the holding iterator put everything back in iteration order.
   */
  ordinal(watch: string, rule: string, deploymentKey?: string): number | undefined {
    const found = this.locate(watch, rule, deploymentKey);
    return found?.ordinal;
  }

  private locate(
    watch: string,
    rule: string,
    deploymentKey: string | undefined,
  ): { table: Uint8Array; cell: number; ordinal: number } | undefined {
    const index = this.byName.get(watch);
    if (index === undefined) return undefined;
    const table = this.watches[index]!;
    const base = this.bases[index]!;
    if (deploymentKey === undefined) {
      const col = table.watchRules.indexOf(rule);
      if (col === -1) return undefined;
      return { table: table.watchVerdicts, cell: col, ordinal: base + table.deploymentVerdicts.length + col };
    }
    const col = table.deploymentRules.indexOf(rule);
    if (col === -1) return undefined;
    const row = this.rowsOf(index).get(deploymentKey);
    if (row === undefined) return undefined;
    const cell = row * table.deploymentRules.length + col;
    return { table: table.deploymentVerdicts, cell, ordinal: base + cell };
  }

  /** A key listed twice answers with its last row, as a map built over the facts would. */
  private rowsOf(index: number): Map<string, number> {
    let rows = this.rows[index];
    if (!rows) {
      rows = new Map();
      const facts = this.watches[index]!.facts;
      for (let row = 0; row < facts.length; row++) rows.set(deploymentKeyOf(facts[row]!), row);
      this.rows[index] = rows;
    }
    return rows;
  }
}

function firstNonFalse(verdicts: Uint8Array, from: number): number {
  for (let cell = from; cell < verdicts.length; cell++) if (verdicts[cell] !== VERDICT_FALSE) return cell;
  return verdicts.length;
}

function* watchResults(table: WatchVerdicts, holdingOnly: boolean): Generator<RuleResult, void, undefined> {
  for (let col = 0; col < table.watchRules.length; col++) {
    const code = table.watchVerdicts[col]!;
    if (holdingOnly && code === VERDICT_FALSE) continue;
    yield { rule: table.watchRules[col]!, watch: table.watch, scope: 'watch', holds: decodeVerdict(code) };
  }
}
