import type OpenApiClient from '@alicloud/openapi-client';
import * as openApiModule from '@alicloud/openapi-client';
import * as teaUtilModule from '@alicloud/tea-util';

/**
 * `@alicloud/openapi-client` and `@alicloud/tea-util` are CommonJS with `exports.default`. Loaded by Node's ESM
 * loader (tsx, vitest) the namespace's `default` is the whole `module.exports`; bundled by esbuild to CommonJS it
 * is the class itself. Look in both places so the same source works everywhere.
 */
function pickExport(mod: unknown, name: string, what: string): unknown {
  const record = mod as Record<string, unknown>;
  if (name !== 'default' && record[name] !== undefined) return record[name];
  const fallback = record['default'];
  if (name === 'default' && typeof fallback === 'function') return fallback;
  if (fallback !== null && typeof fallback === 'object') {
    const nested = (fallback as Record<string, unknown>)[name];
    if (nested !== undefined) return nested;
  }
  throw new Error(`${what}: export "${name}" not found; is the package installed and of the expected version?`);
}

export type OpenApiClientClass = typeof OpenApiClient;
export type OpenApiClientInstance = OpenApiClient;
export type SdkConfig = InstanceType<typeof openApiModule.Config>;
export type SdkParams = InstanceType<typeof openApiModule.Params>;
export type SdkRequest = InstanceType<typeof openApiModule.OpenApiRequest>;
export type SdkRuntimeOptions = InstanceType<typeof teaUtilModule.RuntimeOptions>;

export const OpenApi = pickExport(openApiModule, 'default', '@alicloud/openapi-client') as OpenApiClientClass;
export const Config = pickExport(openApiModule, 'Config', '@alicloud/openapi-client') as typeof openApiModule.Config;
export const Params = pickExport(openApiModule, 'Params', '@alicloud/openapi-client') as typeof openApiModule.Params;
export const OpenApiRequest = pickExport(
  openApiModule,
  'OpenApiRequest',
  '@alicloud/openapi-client',
) as typeof openApiModule.OpenApiRequest;
export const RuntimeOptions = pickExport(
  teaUtilModule,
  'RuntimeOptions',
  '@alicloud/tea-util',
) as typeof teaUtilModule.RuntimeOptions;
