import type { ReportModel } from './model';

/** The model as JSON, the machine-readable report (`GET /report?format=json`). */
export function renderJson(model: ReportModel): string {
  return `${JSON.stringify(model, null, 2)}\n`;
}
