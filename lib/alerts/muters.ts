import type { MaintenanceWindowConfig, SilenceConfig } from '../config/types';
import { inhibitionMuter } from './inhibition-muter';
import { maintenanceMuter } from './maintenance-muter';
import type { Muter } from './muter';
import { silenceMuter } from './silence-muter';
import type { AlertRecord } from './types';

/**
 * The standard muters of one tick, in the order their reason is reported: silences, maintenance windows, then
 * inhibition by the alerts firing after this tick's transitions. Build the silence and maintenance muters once per
 * configuration when ticking in a loop; they compile matchers and time-zone readers.
 */
export function buildMuters(input: {
  silences: readonly SilenceConfig[];
  maintenance: readonly MaintenanceWindowConfig[];
  alerts: readonly AlertRecord[];
}): Muter[] {
  return [
    silenceMuter(input.silences),
    maintenanceMuter(input.maintenance),
    inhibitionMuter(input.alerts.filter((a) => a.status === 'firing')),
  ];
}
