import * as openApiUtilModule from '@alicloud/openapi-util';

/** Signs a request description as `@alicloud/openapi-util`'s `getAuthorization` does. */
export type Signer = (req: object, algorithm: string, payload: string, id: string, secret: string) => string;

interface SignerHolder {
  getAuthorization?: Signer;
  default?: SignerHolder;
}

/** SHA-256 of an empty body: the `x-acs-content-sha256` of a GET. */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/**
 * The client library's own ACS3 signer, not the sandbox's: requests built by hand (tests, the bench's raw HTTP
 * floor) are signed independently of the code under test. The package is CommonJS; its class is `default`
 * (bundled) or `default.default` (loaded as ESM).
 */
export function referenceSigner(): Signer {
  const first = (openApiUtilModule as unknown as { default: SignerHolder }).default;
  const util = typeof first.getAuthorization === 'function' ? first : first.default;
  const sign = util?.getAuthorization;
  if (!util || !sign) throw new Error('@alicloud/openapi-util has no getAuthorization');
  return sign.bind(util);
}
