import type { SilenceConfig } from '../config/types';
import { compileMatchers, formatMatchers } from './matchers';
import type { Muter } from './muter';

/**
 * Silences from the configuration: each mutes the alerts its matchers select from `startsAt` (inclusive) to
 * `endsAt` (exclusive). Expired and future silences mute nothing.
 */
export function silenceMuter(silences: readonly SilenceConfig[]): Muter {
  const compiled = silences.map((silence, index) => ({
    silence,
    matchers: compileMatchers(silence.matchers),
    start: silence.startsAt.getTime(),
    end: silence.endsAt.getTime(),
    label: describeSilence(silence, index),
  }));
  return {
    reason: 'silence',
    mutedBy(labels, now) {
      for (const s of compiled) {
        if (now >= s.start && now < s.end && s.matchers.matches(labels)) return s.label;
      }
      return undefined;
    },
  };
}

function describeSilence(silence: SilenceConfig, index: number): string {
  const by = silence.createdBy ? ` by ${silence.createdBy}` : '';
  const comment = silence.comment ? `: ${silence.comment}` : '';
  return (
    `silence #${index + 1} ${formatMatchers(silence.matchers)} until ${silence.endsAt.toISOString()}` +
    `${by}${comment}`
  );
}
