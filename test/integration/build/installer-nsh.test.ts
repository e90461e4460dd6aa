/**
 * build/installer.nsh, the NSIS include that registers jitconnect:// and installs the ADMX template, compiles: Debian's
 * makensis builds a small installer around its macros (with the variables electron-builder's installer defines),
 * warnings treated as errors. Running it needs Windows; that it compiles is what can be shown here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../fixtures/sim';

const root = join(import.meta.dirname, '..', '..', '..');

test('the NSIS include compiles into an installer and its uninstaller (makensis -WX)', () => {
  const dir = tempDir('jit-nsis-');
  const include = join(root, 'build', 'installer.nsh');
  writeFileSync(
    join(dir, 'harness.nsi'),
    [
      'Unicode true',
      '!include LogicLib.nsh',
      'Name "JIT Connect include check"',
      'OutFile "harness.exe"',
      'RequestExecutionLevel user',
      // electron-builder's installer defines these two; the include relies on them.
      'Var appExe',
      'Var installMode',
      `!include "${include}"`,
      'Section "Install"',
      '  StrCpy $appExe "$INSTDIR\\JIT Connect.exe"',
      '  StrCpy $installMode "all"',
      '  !insertmacro customInstall',
      '  WriteUninstaller "$INSTDIR\\uninstall.exe"',
      'SectionEnd',
      'Section "Uninstall"',
      '  StrCpy $installMode "all"',
      '  !insertmacro customUnInstall',
      'SectionEnd',
      '',
    ].join('\n'),
  );
  const r = spawnSync('makensis', ['-V2', '-WX', 'harness.nsi'], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.error, undefined, 'makensis runs (Debian package nsis)');
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  assert.ok(existsSync(join(dir, 'harness.exe')));
});
