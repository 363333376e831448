import { StateConfigError, StateConflictError, StateStoreError } from '../state/errors';
import { EXIT } from './output';

/**
 * A tick that threw (the tick reports query and delivery failures in its summary; it throws only when the state
 * cannot be loaded or saved). Says what to check; state configuration mistakes are configuration errors (exit 2).
 */
export function describeTickFailure(err: unknown, configPath: string): { message: string; exitCode: number } {
  const text = err instanceof Error ? err.message : String(err);
  if (err instanceof StateConfigError) {
    return {
      message: `the state store cannot be used: ${text} (fix \`state\` in ${configPath})`,
      exitCode: EXIT.config,
    };
  }
  if (err instanceof StateConflictError) {
    return {
      message: `the tick failed: ${text}; another tick saved the state meanwhile, run again`,
      exitCode: EXIT.tickFailed,
    };
  }
  if (err instanceof StateStoreError) {
    return {
      message: `the tick failed: the state could not be read or written: ${text} (check \`state\` in ${configPath}: the location must exist or be creatable and be writable)`,
      exitCode: EXIT.tickFailed,
    };
  }
  return { message: `the tick failed: ${text}`, exitCode: EXIT.tickFailed };
}
