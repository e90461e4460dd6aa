/** Types of scripts/packaging.mjs for the tests (TypeScript does not read the .mjs). */

/** The repository's root. */
export declare const root: string;
/** Where Electron's zips are cached on this OS. */
export declare function electronCacheDir(env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform): string;
/** An Electron that needs no download, or undefined. */
export declare function findElectronDist(options: {
  given?: string;
  version: string;
  platform?: NodeJS.Platform;
  arch?: string;
  projectDir?: string;
  env?: NodeJS.ProcessEnv;
}): string | undefined;
/** Runs electron-builder for one OS with the project's configuration. */
export declare function packageApp(options: {
  projectDir?: string;
  outDir?: string;
  electronDist?: string;
  fuses?: boolean;
  targets?: string[];
  platform?: 'linux' | 'win' | 'mac';
  env?: NodeJS.ProcessEnv;
  dryRun?: boolean;
}): Promise<{ outDir: string; artifacts: string[]; computed: object[] }>;
/** Builds a .deb from the unpacked Linux app with dpkg-deb. */
export declare function makeDeb(options: {
  appDir: string;
  outDir: string;
  version: string;
  arch?: string;
  projectDir?: string;
  compression?: 'xz' | 'gzip' | 'zstd' | 'none';
}): Promise<string>;
