/** Where a rule evaluation happened, for error messages and runtime error records. */
export interface EvaluationSite {
  rule: string;
  watch?: string;
  deploymentId?: string;
  deploymentName?: string;
}

function describeSite(site: EvaluationSite): string {
  const where: string[] = [];
  if (site.deploymentName !== undefined || site.deploymentId !== undefined) {
    where.push(`deployment "${site.deploymentName ?? '?'}" (${site.deploymentId ?? 'no id'})`);
  }
  if (site.watch !== undefined) where.push(`watch "${site.watch}"`);
  return where.length > 0 ? ` for ${where.join(' in ')}` : '';
}

/**
 * A rule could not be evaluated (missing map key, wrong type, non-boolean result). It concerns one rule and one
 * deployment or watch; the caller records it and carries on with the other evaluations.
 */
export class RuleEvaluationError extends Error {
  override readonly name = 'RuleEvaluationError';
  readonly rule: string;
  readonly watch: string | undefined;
  readonly deploymentId: string | undefined;
  readonly deploymentName: string | undefined;
  /** What went wrong, without the rule/deployment prefix. */
  readonly reason: string;

  constructor(site: EvaluationSite, reason: string, cause?: unknown) {
    super(`rule "${site.rule}" could not be evaluated${describeSite(site)}: ${reason}`, { cause });
    this.rule = site.rule;
    this.watch = site.watch;
    this.deploymentId = site.deploymentId;
    this.deploymentName = site.deploymentName;
    this.reason = reason;
  }
}

/** The input of `buildDeploymentFacts` or `recordSample` cannot be used (e.g. no job summary, a count not a number). */
export class FactsInputError extends Error {
  override readonly name = 'FactsInputError';
  readonly deploymentId: string;

  constructor(deploymentId: string, message: string) {
    super(message);
    this.deploymentId = deploymentId;
  }
}

/** A window duration such as `increaseIn("1h")` could not be read. */
export class WindowDurationError extends Error {
  override readonly name = 'WindowDurationError';
  readonly input: string;

  constructor(input: string, reason: string) {
    super(
      `window duration "${input}" ${reason}: write a whole number and a unit, e.g. "30s", "10m", "1h", "24h", "7d", ` +
        `or a combination such as "1h30m"`,
    );
    this.input = input;
  }
}
