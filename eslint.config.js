// Lint: TypeScript rules plus the import boundaries of DESIGN.md §3 (arrows point inward:
// renderer → shared ← core ← main/browser-shell/cli; the simulator stands apart and judges the app).
// Boundaries are checked on resolved file paths (import-x/no-restricted-paths), so a relative detour cannot
// slip past a pattern; bare packages (electron, react) and Node built-ins have rules of their own.
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/** A folder may import only from the folders listed (and npm packages). */
const onlyFrom = (target, allowed, message) => ({
  target,
  from: '.',
  except: [target, ...allowed, './node_modules'],
  message,
});

const zones = [
  onlyFrom('./shared', [], 'shared/ is isomorphic and depends on nothing of ours.'),
  onlyFrom('./electron/core', ['./shared'], 'core imports only shared/ and npm packages (ports, not imports).'),
  onlyFrom('./electron/cli', ['./electron/core', './shared', './electron/azure-sim'], 'The CLI is a face of core.'),
  onlyFrom(
    './electron/main',
    ['./electron/core', './shared', './electron/azure-sim'],
    'The Electron shell adapts core; it never imports the UI, the CLI or the other shell.',
  ),
  onlyFrom(
    './electron/browser-shell',
    ['./electron/core', './shared', './electron/azure-sim'],
    'The browser shell adapts core; it serves the built renderer, it does not import it.',
  ),
  onlyFrom('./electron/preload', ['./shared'], 'The preload imports only electron and shared/ (the contract).'),
  onlyFrom('./renderer', ['./shared'], 'The renderer talks to the app only through window.jitConnect and shared/.'),
  onlyFrom(
    './electron/azure-sim',
    ['./shared'],
    'The simulator is independent of the app: it judges the app, so it must not share its logic.',
  ),
  // Inside the simulator, layers point down: model/, net/ and crypto/ import nothing above them, jit/ not the gate.
  ...['model', 'net', 'crypto'].map((low) => ({
    target: `./electron/azure-sim/${low}`,
    from: './electron/azure-sim',
    except: ['./model', './net', './crypto'],
    message: 'model/, net/ and crypto/ are the simulator’s lowest layers.',
  })),
  { target: './electron/azure-sim/jit', from: './electron/azure-sim/gate', message: 'jit/ never imports the gate.' },
];

const noElectron = { name: 'electron', message: "Only electron/main and electron/preload may import 'electron'." };
const plainNodeNoElectron = {
  name: 'electron',
  message: "Plain-Node code never imports 'electron' (in plain Node it would try to fetch the binary).",
};
const noReact = (who) => [
  { name: 'react', message: `${who} has no React.` },
  { name: 'react-dom', message: `${who} has no React.` },
];
/** Import strings naming a folder a face may not reach, caught even before the target file exists. */
const notInto = (folders, message) => ({ group: folders.map((f) => `**/${f}/**`), message });
const restrict = (paths, patterns = []) => ({ 'no-restricted-imports': ['error', { paths, patterns }] });
const SHELLS = ['main', 'preload', 'browser-shell', 'cli'];

/** Per face: the bare packages and folder names it may not import (the zones above check resolved paths). */
const faces = [
  {
    files: ['shared/**/*.ts'],
    rules: restrict(
      [noElectron, ...noReact('shared/')],
      [notInto(['electron', 'renderer', 'test', 'scripts'], 'shared/ depends on nothing of ours.')],
    ),
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: restrict(
      [noElectron, ...noReact('core')],
      [notInto([...SHELLS, 'azure-sim', 'renderer'], 'core imports only shared/ and npm packages.')],
    ),
  },
  {
    files: ['electron/cli/**/*.ts'],
    rules: restrict(
      [plainNodeNoElectron, ...noReact('The CLI')],
      [notInto(['main', 'preload', 'browser-shell', 'renderer'], 'The CLI is a face of core, not of a shell.')],
    ),
  },
  {
    files: ['electron/browser-shell/**/*.ts'],
    rules: restrict(
      [plainNodeNoElectron, ...noReact('The browser shell')],
      [notInto(['main', 'preload', 'cli', 'renderer'], 'The browser shell adapts core; it serves the built UI.')],
    ),
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: restrict(noReact('The Electron shell'), [
      notInto(['preload', 'browser-shell', 'cli', 'renderer'], 'The Electron shell adapts core only.'),
    ]),
  },
  {
    // The preload is one bundled file in a sandbox: electron, shared/ and nothing else.
    files: ['electron/preload/**/*.ts'],
    rules: restrict(
      [],
      [
        { regex: '^(?!electron$|\\.)', message: "The preload imports only 'electron' and shared/." },
        notInto(['core', 'main', 'browser-shell', 'cli', 'azure-sim', 'renderer'], 'The preload has no logic.'),
      ],
    ),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: restrict([noElectron], [notInto(['electron'], 'The renderer talks only through window.jitConnect.')]),
  },
  {
    files: ['electron/azure-sim/**/*.ts'],
    rules: {
      ...restrict(
        [plainNodeNoElectron, ...noReact('The simulator')],
        [notInto(['core', ...SHELLS, 'renderer'], 'The simulator is independent of the app: it judges the app.')],
      ),
      // It may take types from shared/ (the cloud profile's shape), never logic.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/shared/**'],
              allowTypeImports: true,
              message: 'The simulator takes only types from shared/.',
            },
          ],
        },
      ],
    },
  },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'release/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'import-x/no-restricted-paths': ['error', { zones }],
      // Certificate checks are never turned off: give clients the simulator's CA instead (DESIGN.md §6).
      'no-restricted-syntax': [
        'error',
        {
          selector: "Property[key.name='rejectUnauthorized'][value.value=false]",
          message: 'Never turn certificate checks off; pass the CA (tlsOptions, networkClient) instead.',
        },
        {
          selector:
            "MemberExpression[property.name='NODE_TLS_REJECT_UNAUTHORIZED'], Literal[value='NODE_TLS_REJECT_UNAUTHORIZED']",
          message: 'Never turn certificate checks off; pass the CA (tlsOptions, networkClient) instead.',
        },
      ],
    },
  },
  {
    // Isomorphic or sandboxed code: no Node built-ins, bare or `node:`.
    files: ['shared/**/*.ts', 'renderer/**/*.{ts,tsx}', 'electron/preload/**/*.ts'],
    rules: { 'import-x/no-nodejs-modules': 'error' },
  },
  ...faces,
);
