/** Types of build/electron-builder.config.mjs for the tests (TypeScript does not read the .mjs). */
import type { AfterPackContext, Configuration } from 'electron-builder';

/** The app's identity: bundle id and AppUserModelID. */
export declare const APP_ID: string;
/** The product name people see. */
export declare const PRODUCT_NAME: string;
/** The executable and package name on Linux. */
export declare const EXECUTABLE_NAME: string;
/** The maintainer's name. */
export declare const MAINTAINER_NAME: string;
/** The maintainer's address. */
export declare const MAINTAINER_EMAIL: string;
/** The project's page (a reserved placeholder). */
export declare const HOMEPAGE: string;
/** The .desktop file's name and Electron's Linux app id. */
export declare const DESKTOP_NAME: string;
/** The deep-link URL scheme. */
export declare const PROTOCOL_SCHEME: string;
/** The environment variable naming an update feed. */
export declare const UPDATE_FEED_ENV: string;
/** Electron's fuses as the packaged binary has them. */
export declare const FUSES: Readonly<Record<string, boolean>>;
/** What goes into the asar (before node_modules). */
export declare const APP_FILES: readonly string[];
/** What never goes into the asar. */
export declare const APP_EXCLUDES: readonly string[];
/** The packages the Electron main leaves external. */
export declare const RUNTIME_MODULES: readonly string[];
/** What the .deb depends on. */
export declare const DEB_DEPENDS: readonly string[];
/** Where the ADMX/ADML template lives. */
export declare const POLICY_TEMPLATE_DIR: string;
/** The installed packages reachable from `names` (folders relative to projectDir). */
export declare function moduleClosure(projectDir: string, names: readonly string[]): string[];
/** RUNTIME_MODULES and what they need, as installed (folders relative to projectDir). */
export declare function runtimeModuleClosure(projectDir: string): string[];
/** Exclusions of every other top-level production package. */
export declare function bundledModuleExcludes(projectDir: string): string[];
/** Patterns leaving out the other OSes' native binaries. */
export declare function otherPlatformBinaries(os: 'linux' | 'windows' | 'macos'): string[];
/** An OS's `files` patterns. */
export declare function appFiles(excludedModules: string[], os: 'linux' | 'windows' | 'macos'): string[];
/** afterPack: drops Electron's default_app.asar. */
export declare function removeDefaultApp(context: AfterPackContext): Promise<void>;
/** The electron-builder configuration. */
export declare function electronBuilderConfig(options?: {
  env?: NodeJS.ProcessEnv;
  electronDist?: string;
  fuses?: boolean;
  projectDir?: string;
}): Configuration;
declare const config: Configuration;
export default config;
