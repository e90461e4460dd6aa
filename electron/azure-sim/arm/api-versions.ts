import { ArmError } from './errors';

/**
 * The api-versions the simulator serves per provider: those of the official examples
 * (test/fixtures/azure-api/examples), those the pinned official SDKs send, and those Debian's azure-cli sends with the
 * 2020-09-01-hybrid profile. Any other version gets ARM's `InvalidApiVersionParameter`.
 */
export const API_VERSIONS = {
  resources: [
    '2016-06-01',
    '2018-06-01',
    '2019-06-01',
    '2019-11-01',
    '2020-01-01',
    '2021-01-01',
    '2022-01-01',
    '2022-12-01',
  ],
  compute: [
    '2020-06-01',
    '2020-12-01',
    '2021-03-01',
    '2021-07-01',
    '2021-11-01',
    '2022-03-01',
    '2022-08-01',
    '2022-11-01',
    '2023-03-01',
    '2023-07-01',
    '2023-09-01',
    '2024-03-01',
    '2024-07-01',
    '2024-11-01',
    '2025-04-01',
    '2025-11-01',
    '2026-03-01',
  ],
  network: [
    '2018-11-01',
    '2020-11-01',
    '2021-02-01',
    '2021-05-01',
    '2021-08-01',
    '2022-01-01',
    '2022-05-01',
    '2022-07-01',
    '2022-09-01',
    '2022-11-01',
    '2023-02-01',
    '2023-04-01',
    '2023-05-01',
    '2023-06-01',
    '2023-09-01',
    '2023-11-01',
    '2024-01-01',
    '2024-03-01',
    '2024-05-01',
    '2024-07-01',
    '2024-10-01',
    '2025-01-01',
    '2025-03-01',
    '2025-05-01',
    '2025-07-01',
    '2025-09-01',
  ],
  security: ['2015-06-01-preview', '2020-01-01'],
  /**
   * Microsoft.Security/pricings (Defender plans): 2022-03-01 is what the pinned @azure/arm-security 5 sends; the
   * others are the documented stable versions (2018-06-01 predates `subPlan`, 2024-01-01 is the current one).
   */
  pricings: ['2017-08-01-preview', '2018-06-01', '2022-03-01', '2023-01-01', '2024-01-01'],
  resourcegraph: ['2021-03-01', '2022-10-01', '2024-04-01'],
  /** The anonymous cloud metadata endpoint (`/metadata/endpoints`). */
  metadata: ['2015-01-01', '2019-05-01', '2020-06-01', '2022-09-01'],
} as const satisfies Record<string, readonly string[]>;

/** A provider family the simulator serves. */
export type ApiFamily = keyof typeof API_VERSIONS;

/** ARM's error for a missing or unsupported api-version of a family, or undefined when the version is served. */
export function apiVersionProblem(family: ApiFamily, version: string | null): ArmError | undefined {
  if (!version)
    return new ArmError(
      400,
      'MissingApiVersionParameter',
      'The api-version query parameter (?api-version=) is required for all requests.',
    );
  const supported: readonly string[] = API_VERSIONS[family];
  if (supported.includes(version)) return undefined;
  return new ArmError(
    400,
    'InvalidApiVersionParameter',
    `The api-version '${version}' is invalid. The supported versions are '${[...supported].reverse().join(',')}'.`,
  );
}
